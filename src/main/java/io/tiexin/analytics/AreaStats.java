package io.tiexin.analytics;

import java.util.List;

import io.tiexin.petition.Category;
import io.tiexin.petition.PetitionStatus;

/** Petitions submitted in a period in an area, by their status now; rates {@code null} when undefined. */
record AreaStats(int total, int open, int closed, int overdue, Double closureRate, Double onTimeRate,
		Double medianHoursToClose, Double satisfactionRate, Double resolvedInVillageRate, List<StatusCount> byStatus,
		List<CategoryCount> byCategory) {

	record StatusCount(PetitionStatus status, int count) {
	}

	record CategoryCount(Category category, int count) {
	}
}
