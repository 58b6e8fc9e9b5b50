package io.tiexin.analytics.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The whole steps of a period, read from a table that counts each petition twice, per
 * fine step (a day or a month) and per coarse step (a month or a year): the whole coarse
 * steps, and the whole fine steps before and after them. A long period is then mostly
 * coarse rows. Every range is concrete (an open end is a far date; an empty range starts
 * and ends on the same day), as the statements need (AnalyticsRepository's IN_PERIOD).
 *
 * @param coarseFrom first coarse step read
 * @param coarseTo the step after the last
 * @param headFrom first fine step before the coarse ones
 * @param headTo the step after the last
 * @param tailFrom first fine step after the coarse ones
 * @param tailTo the step after the last
 */
record CalendarLayers(LocalDate coarseFrom, LocalDate coarseTo, LocalDate headFrom, LocalDate headTo,
		LocalDate tailFrom, LocalDate tailTo) {

	private static final LocalDate EARLIEST = RollupPeriod.EARLIEST.toLocalDate();

	private static final LocalDate LATEST = RollupPeriod.LATEST.toLocalDate();

	/** Months within whole years. */
	static CalendarLayers monthsAndYears(LocalDate monthFrom, LocalDate monthTo) {
		return of(monthFrom, monthTo, day -> day.withDayOfYear(1), day -> day.plusYears(1));
	}

	/** Days within whole months. */
	static CalendarLayers daysAndMonths(LocalDate dayFrom, LocalDate dayTo) {
		return of(dayFrom, dayTo, day -> day.withDayOfMonth(1), day -> day.plusMonths(1));
	}

	/**
	 * @param fineFrom first whole fine step of the period, {@code null} for none before
	 * @param fineTo the step after its last whole fine step, {@code null} for none after
	 * @param coarseStart the coarse step a day lies in (its first day)
	 * @param nextCoarse the coarse step after one
	 */
	static CalendarLayers of(LocalDate fineFrom, LocalDate fineTo, UnaryOperator<LocalDate> coarseStart,
			UnaryOperator<LocalDate> nextCoarse) {
		LocalDate coarseFrom = null;
		if (fineFrom != null) {
			LocalDate start = coarseStart.apply(fineFrom);
			coarseFrom = start.equals(fineFrom) ? start : nextCoarse.apply(start);
		}
		LocalDate coarseTo = (fineTo != null) ? coarseStart.apply(fineTo) : null;
		if (coarseFrom != null && coarseTo != null && !coarseFrom.isBefore(coarseTo)) {
			return new CalendarLayers(EARLIEST, EARLIEST, fineFrom, fineTo, EARLIEST, EARLIEST);
		}
		return new CalendarLayers((coarseFrom != null) ? coarseFrom : EARLIEST, (coarseTo != null) ? coarseTo : LATEST,
				(fineFrom != null) ? fineFrom : EARLIEST, (coarseFrom != null) ? coarseFrom : EARLIEST,
				(coarseTo != null) ? coarseTo : EARLIEST, (fineTo != null) ? fineTo : EARLIEST);
	}

	/**
	 * {@code :coarseFrom}, {@code :coarseTo}, {@code :fineHeadFrom} ...
	 * {@code :fineTailTo}.
	 */
	Map<String, Object> sqlParameters() {
		return Map.of("coarseFrom", this.coarseFrom, "coarseTo", this.coarseTo, "fineHeadFrom", this.headFrom,
				"fineHeadTo", this.headTo, "fineTailFrom", this.tailFrom, "fineTailTo", this.tailTo);
	}

	/**
	 * The rows these ranges select, as branches of a UNION ALL, each a range of the
	 * table's key: {@code from} names the table (and what it is joined with) with the
	 * alias {@code alias}, whose {@code span} column holds {@code coarse} or {@code fine}
	 * and whose {@code start} column the step's first day; {@code select} and
	 * {@code where} are the rest of each branch. Empty ranges get no branch: the key
	 * leads with the area, so even an empty range of steps would walk the area's rows.
	 */
	String unionOfRanges(String select, String from, String alias, String where, char coarse, char fine) {
		String branch = "SELECT %1$s FROM %2$s WHERE %3$s AND %4$s.span = '%5$s'"
				+ " AND %4$s.start >= CAST(:%6$s AS date) AND %4$s.start < CAST(:%7$s AS date)";
		List<String> branches = new ArrayList<>();
		if (this.coarseFrom.isBefore(this.coarseTo)) {
			branches.add(branch.formatted(select, from, where, alias, coarse, "coarseFrom", "coarseTo"));
		}
		if (this.headFrom.isBefore(this.headTo)) {
			branches.add(branch.formatted(select, from, where, alias, fine, "fineHeadFrom", "fineHeadTo"));
		}
		if (this.tailFrom.isBefore(this.tailTo)) {
			branches.add(branch.formatted(select, from, where, alias, fine, "fineTailFrom", "fineTailTo"));
		}
		// A branch that selects nothing keeps the statement valid when every range is
		// empty.
		return branches.isEmpty() ? branch.formatted(select, from, "false", alias, fine, "fineHeadFrom", "fineHeadTo")
				: String.join("\nUNION ALL\n", branches);
	}

}
