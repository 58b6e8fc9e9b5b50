package io.tiexin.analytics.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.TiexinException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeBucketsTest {

	private static final OffsetDateTime NOW = OffsetDateTime.parse("2024-03-13T10:00:00+08:00");

	@Test
	void weeksStartOnMondayInChinaTimeAndTheEndsAreCutToThePeriod() {
		// 2024-01-03 is a Wednesday; 2024-01-15 a Monday.
		TimeBuckets weeks = TimeBuckets.of(TrendInterval.WEEK,
				new PeriodInput(OffsetDateTime.parse("2024-01-03T12:00:00+08:00"),
						OffsetDateTime.parse("2024-01-17T00:00:00+08:00")),
				NOW);

		assertThat(weeks.buckets()).extracting(TimeBuckets.Bucket::key)
			.containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 8), LocalDate.of(2024, 1, 15));
		assertThat(weeks.buckets().get(0).start()).isEqualTo(OffsetDateTime.parse("2024-01-03T12:00:00+08:00"));
		assertThat(weeks.buckets().get(1).start()).isEqualTo(OffsetDateTime.parse("2024-01-08T00:00:00+08:00"));
		assertThat(weeks.buckets().get(2).end()).isEqualTo(OffsetDateTime.parse("2024-01-17T00:00:00+08:00"));
	}

	@Test
	void aPeriodGivenInUtcIsCutAtChinaMidnights() {
		// 2024-01-31T16:00Z is 2024-02-01 00:00 in China.
		TimeBuckets months = TimeBuckets.of(TrendInterval.MONTH, new PeriodInput(
				OffsetDateTime.parse("2023-12-31T16:00:00Z"), OffsetDateTime.parse("2024-02-29T16:00:00Z")), NOW);

		assertThat(months.buckets()).extracting(TimeBuckets.Bucket::key)
			.containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1));
		assertThat(months.buckets().get(1).start()).isEqualTo(OffsetDateTime.parse("2024-02-01T00:00:00+08:00"));
		assertThat(months.indexOf(LocalDate.of(2024, 2, 1))).isEqualTo(1);
		assertThat(months.indexOf(LocalDate.of(2024, 3, 1))).isEqualTo(-1);
	}

	@Test
	void withoutAPeriodTheLastStepsUpToNowAreShown() {
		TimeBuckets months = TimeBuckets.of(TrendInterval.MONTH, null, NOW);

		assertThat(months.buckets()).hasSize(12);
		assertThat(months.buckets().get(0).key()).isEqualTo(LocalDate.of(2023, 4, 1));
		assertThat(months.buckets().get(11).end()).isEqualTo(OffsetDateTime.parse("2024-04-01T00:00:00+08:00"));
		assertThat(TimeBuckets.of(TrendInterval.DAY, null, NOW).buckets()).hasSize(30);
	}

	@Test
	void theLastWholeStepsEndWhereTheCurrentOneStarts() {
		TimeBuckets months = TimeBuckets.lastWhole(TrendInterval.MONTH, 12, NOW);

		assertThat(months.buckets()).hasSize(12);
		assertThat(months.buckets().get(0).start()).isEqualTo(OffsetDateTime.parse("2023-03-01T00:00:00+08:00"));
		assertThat(months.buckets().get(11).end()).isEqualTo(OffsetDateTime.parse("2024-03-01T00:00:00+08:00"));
		assertThat(TimeBuckets.lastWhole(TrendInterval.MONTH, 12, OffsetDateTime.parse("2024-03-01T00:00:00+08:00")))
			.isEqualTo(months);
	}

	@Test
	void anEmptyPeriodHasNoSteps() {
		OffsetDateTime at = OffsetDateTime.parse("2024-01-10T12:00:00+08:00");
		assertThat(TimeBuckets.of(TrendInterval.MONTH, new PeriodInput(at, at), NOW).buckets()).isEmpty();
	}

	@Test
	void aThousandStepsAreAllowedAndNoMore() {
		OffsetDateTime from = OffsetDateTime.parse("2020-01-01T00:00:00+08:00");
		assertThat(TimeBuckets.of(TrendInterval.DAY, new PeriodInput(from, from.plusDays(1000)), NOW).buckets())
			.hasSize(1000);
		assertThatThrownBy(() -> TimeBuckets.of(TrendInterval.DAY, new PeriodInput(from, from.plusDays(1001)), NOW))
			.isInstanceOf(TiexinException.class)
			.hasMessageContaining("more than 1000");
	}

}
