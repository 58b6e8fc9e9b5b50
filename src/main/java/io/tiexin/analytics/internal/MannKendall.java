package io.tiexin.analytics.internal;

import java.util.Arrays;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Mann-Kendall trend test (Mann 1945, Kendall 1975) of a series x<sub>1</sub> ..
 * x<sub>n</sub> in time order, with the normal approximation and the variance corrected
 * for ties:
 *
 * <pre>
 *   S      = &Sigma;<sub>k&lt;j</sub> sign(x<sub>j</sub> - x<sub>k</sub>)
 *   Var(S) = [ n(n-1)(2n+5) - &Sigma;<sub>t</sub> t(t-1)(2t+5) ] / 18      (t: the size of each group of equal values)
 *   Z      = (S - 1) / sqrt(Var(S))  when S &gt; 0,   0  when S = 0,   (S + 1) / sqrt(Var(S))  when S &lt; 0
 *   p      = 2 (1 - &Phi;(|Z|))      (two-sided)
 * </pre>
 *
 * A positive Z is an upward trend. Values are compared exactly: a caller whose values may
 * differ by rounding error alone rounds them first.
 */
final class MannKendall {

	private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

	private MannKendall() {
	}

	/**
	 * @param variance Var(S) with the tie correction; 0 when every value is equal
	 */
	record Result(long s, double variance, double z, double pValue) {
	}

	static Result test(double[] series) {
		int n = series.length;
		long s = 0;
		for (int k = 0; k < n - 1; k++) {
			for (int j = k + 1; j < n; j++) {
				s += (series[j] > series[k]) ? 1 : (series[j] < series[k]) ? -1 : 0;
			}
		}
		double variance = (n * (n - 1.0) * (2.0 * n + 5) - tieCorrection(series)) / 18;
		double z = (variance <= 0 || s == 0) ? 0 : (s > 0 ? s - 1 : s + 1) / Math.sqrt(variance);
		double p = 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
		return new Result(s, variance, z, p);
	}

	/** &Sigma; t(t-1)(2t+5) over the groups of equal values. */
	private static double tieCorrection(double[] series) {
		double[] sorted = series.clone();
		Arrays.sort(sorted);
		double correction = 0;
		int start = 0;
		for (int i = 1; i <= sorted.length; i++) {
			if (i == sorted.length || sorted[i] != sorted[start]) {
				double t = i - start;
				correction += t * (t - 1) * (2 * t + 5);
				start = i;
			}
		}
		return correction;
	}

}
