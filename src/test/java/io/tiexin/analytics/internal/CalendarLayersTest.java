package io.tiexin.analytics.internal;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CalendarLayersTest {

	static final LocalDate EARLIEST = RollupPeriod.EARLIEST.toLocalDate();

	static final LocalDate LATEST = RollupPeriod.LATEST.toLocalDate();

	@Test
	void monthsWithinOneYearAreReadAsMonths() {
		assertThat(CalendarLayers.monthsAndYears(day("2021-03-01"), day("2021-06-01"))).isEqualTo(
				new CalendarLayers(EARLIEST, EARLIEST, day("2021-03-01"), day("2021-06-01"), EARLIEST, EARLIEST));
	}

	@Test
	void wholeYearsAreReadAsYearsAndTheMonthsAroundThemAsMonths() {
		assertThat(CalendarLayers.monthsAndYears(day("2020-12-01"), day("2022-03-01")))
			.isEqualTo(new CalendarLayers(day("2021-01-01"), day("2022-01-01"), day("2020-12-01"), day("2021-01-01"),
					day("2022-01-01"), day("2022-03-01")));
		assertThat(CalendarLayers.monthsAndYears(day("2021-01-01"), day("2023-01-01")))
			.isEqualTo(new CalendarLayers(day("2021-01-01"), day("2023-01-01"), day("2021-01-01"), day("2021-01-01"),
					day("2023-01-01"), day("2023-01-01")));
	}

	@Test
	void openEndsAreFarDatesAndLeaveNoFineSteps() {
		assertThat(CalendarLayers.monthsAndYears(null, null))
			.isEqualTo(new CalendarLayers(EARLIEST, LATEST, EARLIEST, EARLIEST, EARLIEST, EARLIEST));
		assertThat(CalendarLayers.daysAndMonths(day("2021-03-10"), null)).isEqualTo(new CalendarLayers(
				day("2021-04-01"), LATEST, day("2021-03-10"), day("2021-04-01"), EARLIEST, EARLIEST));
		assertThat(CalendarLayers.daysAndMonths(null, day("2021-05-20"))).isEqualTo(new CalendarLayers(EARLIEST,
				day("2021-05-01"), EARLIEST, EARLIEST, day("2021-05-01"), day("2021-05-20")));
	}

	@Test
	void emptyRangesGetNoBranch() {
		String sql = CalendarLayers.daysAndMonths(day("2021-03-10"), day("2021-03-20"))
			.unionOfRanges("h.hour", "petition_close_hours h", "h", "true", 'M', 'D');
		assertThat(sql).doesNotContain("UNION ALL").contains("h.span = 'D'").contains(":fineHeadFrom");
		assertThat(CalendarLayers.monthsAndYears(null, null)
			.unionOfRanges("m.cell", "petition_h3_count m", "m", "true", 'Y', 'M')).doesNotContain("UNION ALL")
			.contains("m.span = 'Y'");
	}

	private static LocalDate day(String text) {
		return LocalDate.parse(text);
	}

}
