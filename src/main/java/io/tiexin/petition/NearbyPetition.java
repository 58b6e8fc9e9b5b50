package io.tiexin.petition;

/** A petition and its geodesic distance from the point searched around. */
public record NearbyPetition(Petition petition, double distanceMeters) {
}
