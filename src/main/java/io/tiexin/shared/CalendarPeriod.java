package io.tiexin.shared;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * One node of the calendar tree (China Standard Time) that counts withheld from someone
 * are published on: all time (no period) above calendar years, above their quarters,
 * above their months. Counts of arbitrary periods could be subtracted from each other (a
 * year and the same year less a day differ by that day); a choice of withheld counts made
 * over this one tree protects every node against its parts, so callers who get counts
 * with small ones withheld may ask for nodes only.
 *
 * @param step the node's step, {@code null} for all time
 * @param start the node's first day, {@code null} for all time
 */
public record CalendarPeriod(Step step, LocalDate start) {

	/** All time: no period. */
	public static final CalendarPeriod ALL_TIME = new CalendarPeriod(null, null);

	/** The steps of the tree below all time, longest first. */
	public enum Step {

		YEAR(12), QUARTER(3), MONTH(1);

		private final int months;

		Step(int months) {
			this.months = months;
		}

		public int months() {
			return this.months;
		}

	}

	/**
	 * The node the period is, or {@code null} when it is none: no period (or one with no
	 * end on either side) is all time; otherwise both ends must be first instants of
	 * calendar months (in any offset that denotes them) spanning one month, one quarter
	 * starting in January, April, July or October, or one year starting in January.
	 */
	public static CalendarPeriod of(PeriodInput period) {
		if (period == null || (period.from() == null && period.to() == null)) {
			return ALL_TIME;
		}
		if (period.from() == null || period.to() == null) {
			return null;
		}
		LocalDate from = monthStartOrNull(period.from());
		LocalDate to = monthStartOrNull(period.to());
		if (from == null || to == null) {
			return null;
		}
		for (Step step : Step.values()) {
			if ((from.getMonthValue() - 1) % step.months() == 0 && from.until(to).toTotalMonths() == step.months()) {
				return new CalendarPeriod(step, from);
			}
		}
		return null;
	}

	/**
	 * The node the period is, for a caller who gets counts with small ones withheld.
	 * @throws TiexinException {@code VALIDATION} when the period is no node of the tree
	 */
	public static CalendarPeriod require(PeriodInput period) {
		CalendarPeriod node = of(period);
		if (node == null) {
			throw refusal("from " + period.from() + " to " + period.to());
		}
		return node;
	}

	/** The refusal of a period (or trend step) that is no node of the calendar tree. */
	public static TiexinException refusal(String what) {
		return new TiexinException(ErrorCode.VALIDATION,
				"公开统计只按整月、整季度或整年(中国标准时间)或不限时间提供 (counts you may not see exactly are published by whole "
						+ "calendar month, quarter or year, China Standard Time, or for all time without a period; "
						+ "e.g. from 2026-04-01T00:00:00+08:00 to 2026-07-01T00:00:00+08:00): " + what);
	}

	/** The period this node stands for (both ends {@code null} for all time). */
	public PeriodInput toPeriod() {
		if (this.step == null) {
			return new PeriodInput(null, null);
		}
		return new PeriodInput(startOf(this.start), startOf(this.start.plusMonths(this.step.months())));
	}

	/** The node directly above this one ({@code null} above all time). */
	public CalendarPeriod parent() {
		if (this.step == null) {
			return null;
		}
		return switch (this.step) {
			case YEAR -> ALL_TIME;
			case QUARTER -> new CalendarPeriod(Step.YEAR, this.start.withMonth(1));
			case MONTH ->
				new CalendarPeriod(Step.QUARTER, this.start.withMonth((this.start.getMonthValue() - 1) / 3 * 3 + 1));
		};
	}

	private static LocalDate monthStartOrNull(OffsetDateTime time) {
		try {
			ZonedDateTime local = time.atZoneSameInstant(ServiceTime.ZONE);
			LocalDate day = local.toLocalDate();
			return (day.getDayOfMonth() == 1 && local.toLocalTime().equals(LocalTime.MIDNIGHT)) ? day : null;
		}
		catch (DateTimeException outOfRange) {
			return null;
		}
	}

	private static OffsetDateTime startOf(LocalDate day) {
		return day.atStartOfDay(ServiceTime.ZONE).toOffsetDateTime();
	}

}
