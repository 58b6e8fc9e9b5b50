package io.tiexin.dispatch.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Working time: which days are working days (the holiday arrangement kept as data, with
 * 调休 weekends that are working days) and the office hours of each. Time limits run only
 * inside it: a case submitted on Friday evening starts its clock on the next working
 * morning.
 * <p>
 * A day the table does not list follows the plain rule, Monday to Friday. Immutable.
 */
public final class WorkingCalendar {

	/**
	 * Far beyond any time limit; a calendar that needs longer has (almost) no working
	 * days: broken.
	 */
	private static final int MAX_DAYS_SEARCHED = 3660;

	private final Map<LocalDate, Boolean> days;

	private final List<WorkingPeriod> periods;

	private final ZoneId zone;

	/**
	 * @param days the listed days: {@code true} working, {@code false} not
	 * @param periods the office hours of a working day, in any order, not overlapping
	 */
	WorkingCalendar(Map<LocalDate, Boolean> days, List<WorkingPeriod> periods, ZoneId zone) {
		if (periods.isEmpty()) {
			throw new IllegalArgumentException("a working day needs at least one working period");
		}
		this.days = Map.copyOf(days);
		this.periods = periods.stream().sorted(Comparator.comparing(WorkingPeriod::start)).toList();
		for (int i = 1; i < this.periods.size(); i++) {
			if (this.periods.get(i).start().isBefore(this.periods.get(i - 1).end())) {
				throw new IllegalArgumentException("working periods overlap: " + this.periods);
			}
		}
		this.zone = zone;
	}

	boolean isWorkingDay(LocalDate day) {
		Boolean listed = this.days.get(day);
		if (listed != null) {
			return listed;
		}
		return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
	}

	/**
	 * The instant when {@code amount} of working time has passed since {@code start}.
	 * Time outside office hours does not count; a limit used up exactly at the end of a
	 * period ends there (12:00, not 14:00).
	 */
	public OffsetDateTime plusWorkingTime(OffsetDateTime start, Duration amount) {
		if (amount.isNegative() || amount.isZero()) {
			throw new IllegalArgumentException("a time limit must be positive: " + amount);
		}
		ZonedDateTime from = start.atZoneSameInstant(this.zone);
		Duration remaining = amount;
		LocalDate day = from.toLocalDate();
		for (int searched = 0; searched < MAX_DAYS_SEARCHED; searched++, day = day.plusDays(1)) {
			if (!isWorkingDay(day)) {
				continue;
			}
			for (WorkingPeriod period : this.periods) {
				ZonedDateTime periodStart = day.atTime(period.start()).atZone(this.zone);
				ZonedDateTime periodEnd = day.atTime(period.end()).atZone(this.zone);
				ZonedDateTime counting = from.isAfter(periodStart) ? from : periodStart;
				if (!counting.isBefore(periodEnd)) {
					continue;
				}
				Duration available = Duration.between(counting, periodEnd);
				if (remaining.compareTo(available) <= 0) {
					return counting.plus(remaining).toOffsetDateTime();
				}
				remaining = remaining.minus(available);
			}
		}
		throw new IllegalStateException("no working time within " + MAX_DAYS_SEARCHED + " days of " + start);
	}

	/**
	 * The close of office on the {@code days}-th working day after the day of
	 * {@code start}; the day itself is not counted, whatever the hour (民法典 art. 201: a
	 * period in days begins the next day).
	 */
	OffsetDateTime plusWorkingDays(OffsetDateTime start, int days) {
		if (days < 1) {
			throw new IllegalArgumentException("a time limit must be at least one working day: " + days);
		}
		LocalDate day = start.atZoneSameInstant(this.zone).toLocalDate();
		int counted = 0;
		for (int searched = 0; counted < days; searched++) {
			if (searched > MAX_DAYS_SEARCHED) {
				throw new IllegalStateException("no working day within " + searched + " days of " + start);
			}
			day = day.plusDays(1);
			if (isWorkingDay(day)) {
				counted++;
			}
		}
		WorkingPeriod last = this.periods.get(this.periods.size() - 1);
		return day.atTime(last.end()).atZone(this.zone).toOffsetDateTime();
	}

}
