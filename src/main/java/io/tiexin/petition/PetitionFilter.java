package io.tiexin.petition;

import java.time.OffsetDateTime;
import java.util.List;

import io.tiexin.geo.BBoxInput;

/**
 * Which petitions a list shows; every field optional. {@code areaCode} includes all areas
 * below it.
 */
public record PetitionFilter(String areaCode, List<PetitionStatus> status, List<String> categoryCode,
		OffsetDateTime submittedFrom, OffsetDateTime submittedTo, Boolean overdue, BBoxInput bbox, String assigneeId) {

	public static final PetitionFilter NONE = new PetitionFilter(null, null, null, null, null, null, null, null);

	public PetitionFilter {
		// the same rule as every period: VALIDATION when from is after to
		new io.tiexin.shared.PeriodInput(submittedFrom, submittedTo);
	}

}
