package io.tiexin.analytics.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.tiexin.shared.PeriodInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RollupPeriodTest {

	@Test
	void wholeDaysComeFromTheRollupAndTheFringesFromPetitions() {
		RollupPeriod period = RollupPeriod.of(new PeriodInput(OffsetDateTime.parse("2024-03-01T09:30:00+08:00"),
				OffsetDateTime.parse("2024-03-05T14:00:00+08:00")));

		assertThat(period.wholeDays()).isTrue();
		assertThat(period.dayFrom()).isEqualTo(LocalDate.of(2024, 3, 2));
		assertThat(period.dayTo()).isEqualTo(LocalDate.of(2024, 3, 5));
		assertThat(period.headFrom()).isEqualTo(OffsetDateTime.parse("2024-03-01T09:30:00+08:00"));
		assertThat(period.headTo()).isEqualTo(OffsetDateTime.parse("2024-03-02T00:00:00+08:00"));
		assertThat(period.tailFrom()).isEqualTo(OffsetDateTime.parse("2024-03-05T00:00:00+08:00"));
		assertThat(period.tailTo()).isEqualTo(OffsetDateTime.parse("2024-03-05T14:00:00+08:00"));
	}

	@Test
	void daysAreChinaStandardTimeDaysWhateverTheOffsetGiven() {
		RollupPeriod period = RollupPeriod.of(new PeriodInput(OffsetDateTime.parse("2024-02-29T16:00:00Z"),
				OffsetDateTime.parse("2024-03-31T16:00:00Z")));

		assertThat(period.dayFrom()).isEqualTo(LocalDate.of(2024, 3, 1));
		assertThat(period.dayTo()).isEqualTo(LocalDate.of(2024, 4, 1));
		assertThat(period.headFrom()).isNull();
		assertThat(period.tailFrom()).isNull();
	}

	@Test
	void aPeriodWithinOneDayReadsOnlyPetitions() {
		RollupPeriod period = RollupPeriod.of(new PeriodInput(OffsetDateTime.parse("2024-03-01T09:00:00+08:00"),
				OffsetDateTime.parse("2024-03-01T17:00:00+08:00")));

		assertThat(period.wholeDays()).isFalse();
		assertThat(period.headFrom()).isEqualTo(OffsetDateTime.parse("2024-03-01T09:00:00+08:00"));
		assertThat(period.headTo()).isEqualTo(OffsetDateTime.parse("2024-03-01T17:00:00+08:00"));
	}

	@Test
	void noPeriodIsTheWholeRollup() {
		RollupPeriod period = RollupPeriod.of(null);

		assertThat(period.wholeDays()).isTrue();
		assertThat(period.dayFrom()).isNull();
		assertThat(period.dayTo()).isNull();
		assertThat(period.headFrom()).isNull();
		assertThat(period.tailFrom()).isNull();
	}

}
