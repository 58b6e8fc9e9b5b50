package io.tiexin.analytics.internal;

import org.junit.jupiter.api.Test;

import static io.tiexin.analytics.internal.EmergingPattern.classify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One literal series of Gi* bins per pattern, read against ArcGIS Pro's definitions (ten
 * steps, so "90 % of the steps" is nine of them). The trend arguments are a significant
 * rise (z 3, p 0.003), a significant fall, or none (z 0.5, p 0.6).
 */
class EmergingPatternTest {

	private static final double[] UP = { 3, 0.003 };

	private static final double[] DOWN = { -3, 0.003 };

	private static final double[] FLAT = { 0.5, 0.6 };

	@Test
	void hotSpots() {
		// Significant hot in the final step and never before.
		assertThat(of(new int[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 }, UP)).isEqualTo(EmergingPattern.NEW_HOT_SPOT);
		// A single run of at least two hot steps at the end, never hot before, under 90
		// %.
		assertThat(of(new int[] { 0, 0, 0, 0, 0, 0, 1, 2, 3, 3 }, UP)).isEqualTo(EmergingPattern.CONSECUTIVE_HOT_SPOT);
		// Hot in 90 % of the steps including the final one, significant upward trend.
		assertThat(of(new int[] { 0, 1, 1, 2, 2, 2, 3, 3, 3, 3 }, UP)).isEqualTo(EmergingPattern.INTENSIFYING_HOT_SPOT);
		// Hot in 90 % of the steps, no significant trend.
		assertThat(of(new int[] { 3, 2, 3, 3, 0, 3, 2, 3, 3, 3 }, FLAT)).isEqualTo(EmergingPattern.PERSISTENT_HOT_SPOT);
		// Hot in 90 % of the steps including the final one, significant downward trend.
		assertThat(of(new int[] { 3, 3, 3, 3, 3, 2, 2, 0, 1, 1 }, DOWN))
			.isEqualTo(EmergingPattern.DIMINISHING_HOT_SPOT);
		// Hot in the final step, on and off before, under 90 %, never cold.
		assertThat(of(new int[] { 0, 2, 0, 0, 1, 0, 0, 3, 0, 2 }, FLAT)).isEqualTo(EmergingPattern.SPORADIC_HOT_SPOT);
		// Hot in the final step, cold in an earlier one, under 90 % hot.
		assertThat(of(new int[] { -2, -1, 0, 0, 2, 0, 0, 3, 0, 2 }, UP))
			.isEqualTo(EmergingPattern.OSCILLATING_HOT_SPOT);
		// Hot in 90 % of the steps, but not in the final one.
		assertThat(of(new int[] { 3, 3, 3, 3, 3, 3, 3, 3, 3, 0 }, DOWN)).isEqualTo(EmergingPattern.HISTORICAL_HOT_SPOT);
	}

	@Test
	void coldSpotsMirrorThem() {
		assertThat(of(new int[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, -2 }, DOWN)).isEqualTo(EmergingPattern.NEW_COLD_SPOT);
		assertThat(of(new int[] { 0, 0, 0, 0, 0, 0, 0, -1, -2, -3 }, DOWN))
			.isEqualTo(EmergingPattern.CONSECUTIVE_COLD_SPOT);
		// Colder and colder: a significant downward trend of z.
		assertThat(of(new int[] { -1, -1, -1, -2, -2, -2, -3, -3, -3, -3 }, DOWN))
			.isEqualTo(EmergingPattern.INTENSIFYING_COLD_SPOT);
		assertThat(of(new int[] { -3, -3, -3, -3, -3, -3, -3, -3, -3, -3 }, FLAT))
			.isEqualTo(EmergingPattern.PERSISTENT_COLD_SPOT);
		assertThat(of(new int[] { -3, -3, -3, -3, -2, -2, -2, -1, 0, -1 }, UP))
			.isEqualTo(EmergingPattern.DIMINISHING_COLD_SPOT);
		assertThat(of(new int[] { -1, 0, 0, -2, 0, 0, 0, 0, -1, -1 }, FLAT))
			.isEqualTo(EmergingPattern.SPORADIC_COLD_SPOT);
		assertThat(of(new int[] { 0, 3, 0, 0, 0, 0, 0, 0, -1, -1 }, DOWN))
			.isEqualTo(EmergingPattern.OSCILLATING_COLD_SPOT);
		assertThat(of(new int[] { -1, -1, -1, -1, -1, -1, -1, -1, -1, 1 }, UP))
			.isEqualTo(EmergingPattern.HISTORICAL_COLD_SPOT);
	}

	@Test
	void nothingSignificantOrNotSignificantAtTheEndIsNoPattern() {
		assertThat(of(new int[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, UP)).isEqualTo(EmergingPattern.NO_PATTERN);
		assertThat(of(new int[] { 0, 2, 2, 0, 1, 0, 0, -1, 0, 0 }, FLAT)).isEqualTo(EmergingPattern.NO_PATTERN);
	}

	@Test
	void whereDefinitionsOverlapTheDocumentedOrderDecides() {
		// Hot only in the final step but cold before: oscillating, not new.
		assertThat(of(new int[] { -1, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, UP)).isEqualTo(EmergingPattern.OSCILLATING_HOT_SPOT);
		// Hot in 90 % of the steps and cold in the final one: historical hot, not
		// oscillating cold.
		assertThat(of(new int[] { 2, 2, 2, 2, 2, 2, 2, 2, 2, -1 }, DOWN))
			.isEqualTo(EmergingPattern.HISTORICAL_HOT_SPOT);
		// Eight hot steps of ten at the end is under 90 %: consecutive, however strong
		// the trend.
		assertThat(of(new int[] { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1 }, UP)).isEqualTo(EmergingPattern.CONSECUTIVE_HOT_SPOT);
		// A trend whose p-value is just above 0.10 is no trend.
		assertThat(of(new int[] { 0, 1, 1, 2, 2, 2, 3, 3, 3, 3 }, new double[] { 1.6, 0.1096 }))
			.isEqualTo(EmergingPattern.PERSISTENT_HOT_SPOT);
	}

	private static EmergingPattern of(int[] bins, double[] trend) {
		return classify(bins, trend[0], trend[1]);
	}

}
