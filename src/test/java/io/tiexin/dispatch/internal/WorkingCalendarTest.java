package io.tiexin.dispatch.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Deadlines in working time, on a few days of the 2026 arrangement (as seeded by
 * V4__dispatch.sql).
 */
class WorkingCalendarTest {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private static final List<WorkingPeriod> OFFICE_HOURS = List.of(WorkingPeriod.parse("08:30-12:00"),
			WorkingPeriod.parse("14:00-17:30"));

	private final WorkingCalendar calendar = new WorkingCalendar(days2026(), OFFICE_HOURS, CHINA);

	@Test
	void fourWorkingHoursFromFridayFourPmEndNextMondayMorning() {
		// 16:00–17:30 on Friday is 1.5 h; the other 2.5 h run from 08:30 on Monday.
		assertThat(this.calendar.plusWorkingTime(at("2026-11-27T16:00"), hours(4))).isEqualTo(at("2026-11-30T11:00"));
	}

	@Test
	void withAnAfternoonEndingAtFiveTheSameLimitEndsAtHalfPastEleven() {
		WorkingCalendar shorter = new WorkingCalendar(days2026(),
				List.of(WorkingPeriod.parse("14:00-17:00"), WorkingPeriod.parse("08:30-12:00")), CHINA);

		assertThat(shorter.plusWorkingTime(at("2026-11-27T16:00"), hours(4))).isEqualTo(at("2026-11-30T11:30"));
	}

	@Test
	void aFridayAfternoonBeforeQingmingRunsOnAfterTheHoliday() {
		// 清明节: Saturday 4 April to Monday 6 April 2026.
		assertThat(this.calendar.plusWorkingTime(at("2026-04-03T16:00"), hours(4))).isEqualTo(at("2026-04-07T11:00"));
		assertThat(this.calendar.plusWorkingDays(at("2026-04-03T16:00"), 3)).isEqualTo(at("2026-04-09T17:30"));
	}

	@Test
	void anAdjustedWorkingSaturdayCounts() {
		// 春节 2026: Saturday 14 February is a working day (调休), the holiday runs 15–23
		// February.
		assertThat(this.calendar.plusWorkingTime(at("2026-02-13T16:00"), hours(4))).isEqualTo(at("2026-02-14T11:00"));
		assertThat(this.calendar.plusWorkingDays(at("2026-02-13T10:00"), 2)).isEqualTo(at("2026-02-24T17:30"));
	}

	@Test
	void anAdjustedWorkingSundayCountsAndAHolidayDoesNot() {
		// 元旦 2026: 1–3 January off, Sunday 4 January a working day.
		assertThat(this.calendar.plusWorkingTime(at("2026-01-02T10:00"), hours(4))).isEqualTo(at("2026-01-04T14:30"));
		assertThat(this.calendar.isWorkingDay(LocalDate.parse("2026-01-04"))).isTrue();
		assertThat(this.calendar.isWorkingDay(LocalDate.parse("2026-01-01"))).isFalse();
	}

	@Test
	void theLunchBreakDoesNotCountAndALimitUsedUpAtNoonEndsAtNoon() {
		assertThat(this.calendar.plusWorkingTime(at("2026-11-30T11:00"), hours(2))).isEqualTo(at("2026-11-30T15:00"));
		assertThat(this.calendar.plusWorkingTime(at("2026-11-30T10:00"), hours(2))).isEqualTo(at("2026-11-30T12:00"));
		assertThat(this.calendar.plusWorkingTime(at("2026-11-30T12:30"), hours(1))).isEqualTo(at("2026-11-30T15:00"));
	}

	@Test
	void workingDaysEndAtTheCloseOfOfficeAndTheDayOfSubmissionIsNotCounted() {
		// Submitted before office hours on Monday: the period still starts on Tuesday.
		assertThat(this.calendar.plusWorkingDays(at("2026-11-30T07:00"), 1)).isEqualTo(at("2026-12-01T17:30"));
		// 国庆节: 1–7 October off; Saturday 10 October a working day.
		assertThat(this.calendar.plusWorkingDays(at("2026-09-30T10:00"), 3)).isEqualTo(at("2026-10-10T17:30"));
		// Sunday 20 September is a working day too.
		assertThat(this.calendar.plusWorkingDays(at("2026-09-18T10:00"), 1)).isEqualTo(at("2026-09-20T17:30"));
	}

	@Test
	void daysOutsideTheTableFollowMondayToFriday() {
		// 1 January 2027 is listed (statutory); the 2nd and 3rd are not, and are a
		// weekend by the plain rule.
		assertThat(this.calendar.plusWorkingDays(at("2026-12-31T10:00"), 1)).isEqualTo(at("2027-01-04T17:30"));
		assertThat(this.calendar.plusWorkingTime(at("2026-12-31T17:00"), hours(1))).isEqualTo(at("2027-01-04T09:00"));
	}

	@Test
	void aPointInTimeFromAnotherOffsetIsTakenAsTheSameInstant() {
		OffsetDateTime utc = at("2026-11-27T16:00").withOffsetSameInstant(java.time.ZoneOffset.UTC);

		assertThat(this.calendar.plusWorkingTime(utc, hours(4)).toInstant())
			.isEqualTo(at("2026-11-30T11:00").toInstant());
	}

	@Test
	void badOfficeHoursAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> WorkingPeriod.parse("8.30-12"));
		assertThatIllegalArgumentException().isThrownBy(() -> WorkingPeriod.parse("12:00-08:30"));
		assertThatIllegalArgumentException().isThrownBy(() -> new WorkingCalendar(Map.of(),
				List.of(WorkingPeriod.parse("08:30-12:00"), WorkingPeriod.parse("11:00-17:30")), CHINA));
		assertThatIllegalArgumentException().isThrownBy(() -> new WorkingCalendar(Map.of(), List.of(), CHINA));
	}

	/** The days of 2026 that break the Monday-to-Friday rule, and New Year's Day 2027. */
	private static Map<LocalDate, Boolean> days2026() {
		Map<LocalDate, Boolean> days = new HashMap<>();
		String[][] holidays = { { "2026-01-01", "2026-01-03" }, { "2026-02-15", "2026-02-23" },
				{ "2026-04-04", "2026-04-06" }, { "2026-05-01", "2026-05-05" }, { "2026-06-19", "2026-06-21" },
				{ "2026-09-25", "2026-09-27" }, { "2026-10-01", "2026-10-07" } };
		for (String[] holiday : holidays) {
			LocalDate.parse(holiday[0])
				.datesUntil(LocalDate.parse(holiday[1]).plusDays(1))
				.forEach(d -> days.put(d, false));
		}
		for (String working : List.of("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
				"2026-10-10")) {
			days.put(LocalDate.parse(working), true);
		}
		days.put(LocalDate.parse("2027-01-01"), false);
		return days;
	}

	private static OffsetDateTime at(String localDateTime) {
		return java.time.LocalDateTime.parse(localDateTime).atZone(CHINA).toOffsetDateTime();
	}

	private static java.time.Duration hours(int hours) {
		return java.time.Duration.ofHours(hours);
	}

}
