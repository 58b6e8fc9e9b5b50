package io.tiexin.dispatch.internal;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * How long a case may take: so many working hours, so many working days (ending at the
 * close of office of the last one), or so many clock hours, nights, weekends and holidays
 * included (emergencies: a flood at 02:00 on a Saturday cannot wait for Monday's office).
 */
record TimeLimit(int amount, Unit unit) {

	enum Unit {

		WORKING_HOURS, WORKING_DAYS, CLOCK_HOURS

	}

	TimeLimit {
		if (amount < 1) {
			throw new IllegalArgumentException("a time limit must be positive: " + amount + " " + unit);
		}
	}

	static TimeLimit workingHours(int hours) {
		return new TimeLimit(hours, Unit.WORKING_HOURS);
	}

	static TimeLimit workingDays(int days) {
		return new TimeLimit(days, Unit.WORKING_DAYS);
	}

	static TimeLimit clockHours(int hours) {
		return new TimeLimit(hours, Unit.CLOCK_HOURS);
	}

	/** The deadline of a clock started at {@code start}. */
	OffsetDateTime dueFrom(OffsetDateTime start, WorkingCalendar calendar) {
		return switch (this.unit) {
			case WORKING_HOURS -> calendar.plusWorkingTime(start, Duration.ofHours(this.amount));
			case WORKING_DAYS -> calendar.plusWorkingDays(start, this.amount);
			case CLOCK_HOURS -> start.plusHours(this.amount);
		};
	}

	/** For timeline notes: "4 个工作小时 (4 working hours)". */
	String describe() {
		return switch (this.unit) {
			case WORKING_HOURS -> this.amount + " 个工作小时 (" + this.amount + " working hours)";
			case WORKING_DAYS -> this.amount + " 个工作日 (" + this.amount + " working days)";
			case CLOCK_HOURS -> this.amount + " 小时,昼夜节假日连续计时 (" + this.amount + " clock hours)";
		};
	}
}
