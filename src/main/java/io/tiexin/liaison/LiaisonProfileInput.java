package io.tiexin.liaison;

/** {@code updateLiaisonProfile}'s input: what the board shows of a liaison. */
public record LiaisonProfileInput(String position, String commitment, String duties, String photoUrl) {
}
