package io.tiexin.petition;

import java.time.OffsetDateTime;

/**
 * One entry of a petition's timeline: who did what, when, from which status to which.
 *
 * @param rule for the events dispatch writes, the id of the rule that chose (dispatch's
 * {@code DispatchRule}); {@code null} otherwise
 */
public record PetitionEvent(long id, long petitionId, OffsetDateTime at, String type, PetitionStatus fromStatus,
		PetitionStatus toStatus, Long actorId, String note, String rule) {

	/** An event no dispatch rule wrote. */
	public PetitionEvent(long id, long petitionId, OffsetDateTime at, String type, PetitionStatus fromStatus,
			PetitionStatus toStatus, Long actorId, String note) {
		this(id, petitionId, at, type, fromStatus, toStatus, actorId, note, null);
	}

}
