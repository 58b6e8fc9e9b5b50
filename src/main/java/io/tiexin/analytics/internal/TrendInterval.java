package io.tiexin.analytics.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The step of a trend: calendar days, ISO weeks (Monday to Sunday) or calendar months,
 * all in China Standard Time.
 */
enum TrendInterval {

	DAY(ChronoUnit.DAYS, 30),

	WEEK(ChronoUnit.WEEKS, 13),

	MONTH(ChronoUnit.MONTHS, 12);

	private final ChronoUnit unit;

	private final int defaultSteps;

	TrendInterval(ChronoUnit unit, int defaultSteps) {
		this.unit = unit;
		this.defaultSteps = defaultSteps;
	}

	/** The first day of the step holding {@code day}. */
	LocalDate startOf(LocalDate day) {
		return switch (this) {
			case DAY -> day;
			case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case MONTH -> day.withDayOfMonth(1);
		};
	}

	/**
	 * The first day of the step {@code steps} after (or before, when negative) the one
	 * starting on {@code start}.
	 */
	LocalDate plus(LocalDate start, long steps) {
		return start.plus(steps, this.unit);
	}

	/**
	 * Whole steps from the step starting on {@code from} to the one starting on
	 * {@code to}.
	 */
	long unitsBetween(LocalDate from, LocalDate to) {
		return this.unit.between(from, to);
	}

	/**
	 * How many steps a trend without a start shows, ending with the step holding its end.
	 */
	int defaultSteps() {
		return this.defaultSteps;
	}

	/**
	 * The field name PostgreSQL's {@code date_trunc} knows this step by (its weeks start
	 * on Monday too).
	 */
	String sqlField() {
		return this.unit == ChronoUnit.DAYS ? "day" : this.unit == ChronoUnit.WEEKS ? "week" : "month";
	}

}
