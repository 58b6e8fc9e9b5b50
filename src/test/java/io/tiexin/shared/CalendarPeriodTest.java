package io.tiexin.shared;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalendarPeriodTest {

	@Test
	void wholeMonthsQuartersAndYearsInChinaTimeAreNodesInAnyOffset() {
		assertThat(CalendarPeriod.of(period("2019-02-01T00:00:00+08:00", "2019-03-01T00:00:00+08:00")))
			.isEqualTo(new CalendarPeriod(CalendarPeriod.Step.MONTH, LocalDate.of(2019, 2, 1)));
		assertThat(CalendarPeriod.of(period("2019-03-31T16:00:00Z", "2019-06-30T16:00:00Z")))
			.isEqualTo(new CalendarPeriod(CalendarPeriod.Step.QUARTER, LocalDate.of(2019, 4, 1)));
		assertThat(CalendarPeriod.of(period("2019-01-01T00:00:00+08:00", "2020-01-01T00:00:00+08:00")))
			.isEqualTo(new CalendarPeriod(CalendarPeriod.Step.YEAR, LocalDate.of(2019, 1, 1)));
		assertThat(CalendarPeriod.of(null)).isEqualTo(CalendarPeriod.ALL_TIME);
		assertThat(CalendarPeriod.of(new PeriodInput(null, null))).isEqualTo(CalendarPeriod.ALL_TIME);
		assertThat(new CalendarPeriod(CalendarPeriod.Step.QUARTER, LocalDate.of(2019, 4, 1)).toPeriod())
			.isEqualTo(period("2019-04-01T00:00:00+08:00", "2019-07-01T00:00:00+08:00"));
		assertThat(new CalendarPeriod(CalendarPeriod.Step.MONTH, LocalDate.of(2019, 5, 1)).parent())
			.isEqualTo(new CalendarPeriod(CalendarPeriod.Step.QUARTER, LocalDate.of(2019, 4, 1)));
	}

	@Test
	void anythingElseIsNoNode() {
		// A year less a day, a half year, a quarter not starting a quarter, a month of
		// UTC, an open end.
		assertThat(CalendarPeriod.of(period("2019-01-01T00:00:00+08:00", "2019-12-31T00:00:00+08:00"))).isNull();
		assertThat(CalendarPeriod.of(period("2019-01-01T00:00:00+08:00", "2019-07-01T00:00:00+08:00"))).isNull();
		assertThat(CalendarPeriod.of(period("2019-02-01T00:00:00+08:00", "2019-05-01T00:00:00+08:00"))).isNull();
		assertThat(CalendarPeriod.of(period("2019-02-01T00:00:00Z", "2019-03-01T00:00:00Z"))).isNull();
		assertThat(CalendarPeriod.of(new PeriodInput(OffsetDateTime.parse("2019-01-01T00:00:00+08:00"), null)))
			.isNull();
		assertThat(CalendarPeriod.of(period("+999999999-12-01T00:00:00+08:00", "+999999999-12-31T00:00:00+08:00")))
			.isNull();
		assertThatThrownBy(
				() -> CalendarPeriod.require(period("2019-01-01T00:00:00+08:00", "2019-12-31T00:00:00+08:00")))
			.isInstanceOfSatisfying(TiexinException.class,
					refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION))
			.hasMessageContaining("公开统计只按整月、整季度或整年");
	}

	private static PeriodInput period(String from, String to) {
		return new PeriodInput(OffsetDateTime.parse(from), OffsetDateTime.parse(to));
	}

}
