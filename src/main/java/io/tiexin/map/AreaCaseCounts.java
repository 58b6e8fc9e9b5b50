package io.tiexin.map;

import java.util.Map;

import io.tiexin.grid.AreaLevel;
import io.tiexin.shared.CalendarPeriod;
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

	/**
	 * The counts of a node of the calendar tree as published to whoever may not see them
	 * exact, per area code of the level: with the same choice of what is withheld, from
	 * one snapshot of every area's counts made at one moment and kept a while (up to
	 * {@code tiexin.privacy.published-max-age} old), shared by every such viewer.
	 */
	Map<String, Counts> publishedByArea(AreaLevel level, CalendarPeriod node);

	/**
	 * @param withheld which counts are withheld from whoever may not see the area's
	 * cases: the one choice for the period that every path publishing these counts reads
	 */
	record Counts(int open, int overdue, int total, Withheld withheld) {

		public static final Counts NONE = new Counts(0, 0, 0, Withheld.NOTHING);

	}

	/** Which of an area's counts are withheld (small, or a complement of a small one). */
	record Withheld(boolean open, boolean overdue, boolean total) {

		public static final Withheld NOTHING = new Withheld(false, false, false);

		public boolean any() {
			return this.open || this.overdue || this.total;
		}

	}

}
