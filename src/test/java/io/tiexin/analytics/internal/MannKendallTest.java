package io.tiexin.analytics.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Mann-Kendall test against a small series worked out by hand. */
class MannKendallTest {

	/**
	 * x = 3 1 4 4 6 6 6 9 (n = 8), ties: 4 twice, 6 three times.
	 *
	 * <pre>
	 * S, by each value against the later ones (+1 larger, -1 smaller, 0 equal):
	 *   3: 1 4 4 6 6 6 9  -> -1 + 6  = 5
	 *   1: 4 4 6 6 6 9    -> +6      = 6
	 *   4: 4 6 6 6 9      ->  0 + 4  = 4
	 *   4: 6 6 6 9        -> +4      = 4
	 *   6: 6 6 9          ->  0 0 +1 = 1
	 *   6: 6 9            ->  0 +1   = 1
	 *   6: 9              -> +1      = 1          S = 22
	 * Var(S) = [8*7*21 - (2*1*9) - (3*2*11)] / 18 = (1176 - 18 - 66) / 18 = 1092 / 18 = 60.666...
	 * Z = (S - 1) / sqrt(Var(S)) = 21 / 7.788880963698615 = 2.6961511028187513
	 * p = erfc(Z / sqrt 2) = 0.007014583882081636
	 * </pre>
	 */
	@Test
	void aRisingSeriesWithTiesAsWorkedOutByHand() {
		MannKendall.Result result = MannKendall.test(new double[] { 3, 1, 4, 4, 6, 6, 6, 9 });

		assertThat(result.s()).isEqualTo(22);
		assertThat(result.variance()).isCloseTo(1092.0 / 18, within(1e-12));
		assertThat(result.z()).isCloseTo(2.6961511028187513, within(1e-12));
		assertThat(result.pValue()).isCloseTo(0.007014583882081636, within(1e-12));
	}

	@Test
	void theReversedSeriesHasTheOppositeTrendAndTheSamePValue() {
		MannKendall.Result result = MannKendall.test(new double[] { 9, 6, 6, 6, 4, 4, 1, 3 });

		assertThat(result.s()).isEqualTo(-22);
		assertThat(result.z()).isCloseTo(-2.6961511028187513, within(1e-12));
		assertThat(result.pValue()).isCloseTo(0.007014583882081636, within(1e-12));
	}

	/** n = 4 without ties: Var(S) = 4*3*13/18 = 26/3. */
	@Test
	void withoutTiesTheVarianceIsTheClassicOne() {
		// 1 3 2 4: pairs (1,3)+ (1,2)+ (1,4)+ (3,2)- (3,4)+ (2,4)+ -> S = 4, Z = 3 /
		// sqrt(26/3)
		MannKendall.Result result = MannKendall.test(new double[] { 1, 3, 2, 4 });

		assertThat(result.s()).isEqualTo(4);
		assertThat(result.variance()).isCloseTo(26.0 / 3, within(1e-12));
		assertThat(result.z()).isCloseTo(3 / Math.sqrt(26.0 / 3), within(1e-12));
	}

	@Test
	void aFlatSeriesHasNoTrend() {
		MannKendall.Result result = MannKendall.test(new double[] { 2, 2, 2, 2, 2 });

		assertThat(result.s()).isZero();
		assertThat(result.variance()).isZero();
		assertThat(result.z()).isZero();
		assertThat(result.pValue()).isEqualTo(1.0);
	}

	@Test
	void zeroAndNegativeZeroAreATie() {
		assertThat(MannKendall.test(new double[] { 0.0, -0.0, 0.0 }).s()).isZero();
	}

}
