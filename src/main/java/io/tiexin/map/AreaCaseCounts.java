package io.tiexin.map;

import java.util.Map;

import io.tiexin.grid.AreaLevel;
import io.tiexin.shared.PeriodInput;

/**
 * Case counts per area for map layers. The petition module provides it; until petitions
 * exist every area counts zero.
 */
public interface AreaCaseCounts {

	/**
	 * Counts of petitions submitted in the period, per area code of the level; absent
	 * areas count zero.
	 */
	Map<String, Counts> countByArea(AreaLevel level, PeriodInput period);

	record Counts(int open, int overdue, int total) {

		public static final Counts NONE = new Counts(0, 0, 0);

	}

}
