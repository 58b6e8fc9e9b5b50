package io.tiexin.petition.intake;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracking numbers keep the check digits the hand-written Luhn gave them, now computed by
 * commons-validator; numbers already issued stay valid.
 */
class TrackingNumbersTest {

	@Test
	void theCheckDigitIsTheOneAlreadyIssued() {
		// Check digits computed by the former hand-written Luhn implementation.
		assertThat(TrackingNumbers.of(OffsetDateTime.parse("2026-11-29T10:00:00+08:00"), 427))
			.isEqualTo("261129-000427-6");
		assertThat(TrackingNumbers.of(OffsetDateTime.parse("2024-01-01T08:00:00+08:00"), 1))
			.isEqualTo("240101-000001-4");
		assertThat(TrackingNumbers.of(OffsetDateTime.parse("1999-12-31T23:00:00+08:00"), 999_999))
			.isEqualTo("991231-999999-8");
	}

	@Test
	void aMisheardDigitIsCaught() {
		assertThat(TrackingNumbers.isWellFormed("261129-000427-6")).isTrue();
		assertThat(TrackingNumbers.isWellFormed("261129-000427-3")).isFalse();
		assertThat(TrackingNumbers.isWellFormed("261129-000472-6")).isFalse();
		assertThat(TrackingNumbers.isWellFormed("261129-000427")).isFalse();
		assertThat(TrackingNumbers.isWellFormed(null)).isFalse();
	}

}
