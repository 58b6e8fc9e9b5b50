package io.tiexin.dispatch;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * How long a case may take, in working time: so many working hours (emergencies, the same
 * day), or so many working days (ending at the close of office of the last one).
 */
record TimeLimit(int amount, Unit unit) {

	enum Unit {

		WORKING_HOURS, WORKING_DAYS

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

	/** The deadline of a clock started at {@code start}. */
	OffsetDateTime dueFrom(OffsetDateTime start, WorkingCalendar calendar) {
		return switch (this.unit) {
			case WORKING_HOURS -> calendar.plusWorkingTime(start, Duration.ofHours(this.amount));
			case WORKING_DAYS -> calendar.plusWorkingDays(start, this.amount);
		};
	}

	/** For timeline notes: "4 个工作小时 (4 working hours)". */
	String describe() {
		return switch (this.unit) {
			case WORKING_HOURS -> this.amount + " 个工作小时 (" + this.amount + " working hours)";
			case WORKING_DAYS -> this.amount + " 个工作日 (" + this.amount + " working days)";
		};
	}
}
