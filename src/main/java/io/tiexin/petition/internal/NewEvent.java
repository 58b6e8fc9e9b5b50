package io.tiexin.petition.internal;

import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionStatus;

/**
 * A timeline event to append ({@link PetitionRepository#insertEvents}).
 *
 * @param petition the petition as the event leaves it
 * @param actorId who did it, {@code null} for the service
 * @param rule the dispatch rule that wrote it, {@code null} for all others
 */
public record NewEvent(Petition petition, String type, PetitionStatus from, PetitionStatus to, Long actorId,
		String note, String rule) {
}
