package io.tiexin.petition;

import java.time.OffsetDateTime;

/** One entry of a petition's timeline: who did what, when, from which status to which. */
public record PetitionEvent(long id, long petitionId, OffsetDateTime at, String type, PetitionStatus fromStatus,
		PetitionStatus toStatus, Long actorId, String note) {
}
