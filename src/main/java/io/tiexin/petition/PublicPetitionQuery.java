package io.tiexin.petition;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A public list of petitions, newest first: each filter is optional (empty lists: no
 * filter).
 *
 * @param trackingNumbers only these; sensitive categories are listed only when asked for
 * by tracking number
 * @param submittedFrom inclusive
 * @param submittedTo exclusive
 */
public record PublicPetitionQuery(List<String> trackingNumbers, List<String> categoryCodes,
		List<PetitionStatus> statuses, OffsetDateTime submittedFrom, OffsetDateTime submittedTo, int offset,
		int limit) {

	public PublicPetitionQuery {
		trackingNumbers = List.copyOf(trackingNumbers);
		categoryCodes = List.copyOf(categoryCodes);
		statuses = List.copyOf(statuses);
	}
}
