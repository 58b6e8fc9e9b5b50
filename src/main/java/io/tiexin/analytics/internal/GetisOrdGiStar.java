package io.tiexin.analytics.internal;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Getis-Ord Gi* statistic (Getis &amp; Ord 1992, Ord &amp; Getis 1995) with binary
 * weights, as ArcGIS "Hot Spot Analysis" computes it. For cell <i>i</i> with
 * neighbourhood <i>N(i)</i>, which includes <i>i</i> itself (the star), over <i>n</i>
 * cells with values <i>x</i>:
 *
 * <pre>
 *   x&#772; = &Sigma;x / n        S = sqrt(&Sigma;x&sup2; / n - x&#772;&sup2;)        W = |N(i)|   (binary weights: &Sigma;w = &Sigma;w&sup2; = W)
 *
 *           &Sigma;<sub>j in N(i)</sub> x<sub>j</sub> - x&#772; W
 *   Gi* = ------------------------------
 *          S sqrt((n W - W&sup2;) / (n - 1))
 * </pre>
 *
 * Gi* is itself a z-score: its expectation and variance are those under randomisation
 * (the values permuted over the cells). The p-value is two-sided from the standard normal
 * distribution.
 */
final class GetisOrdGiStar {

	private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

	private GetisOrdGiStar() {
	}

	/**
	 * @param values one value per cell (a count)
	 * @param neighbours for each cell, the indexes of its neighbours; the cell itself may
	 * be listed or not, it is counted once either way
	 * @return one z-score per cell; 0 where the statistic is undefined (every value
	 * equal, or a neighbourhood that is the whole study area)
	 */
	static double[] zScores(double[] values, int[][] neighbours) {
		int n = values.length;
		if (neighbours.length != n) {
			throw new IllegalArgumentException("one neighbour list per value expected");
		}
		double sum = 0;
		double sumOfSquares = 0;
		for (double x : values) {
			sum += x;
			sumOfSquares += x * x;
		}
		double mean = sum / n;
		double s = Math.sqrt(Math.max(0, sumOfSquares / n - mean * mean));
		double[] z = new double[n];
		for (int i = 0; i < n; i++) {
			double localSum = values[i];
			int weight = 1;
			for (int j : neighbours[i]) {
				if (j != i) {
					localSum += values[j];
					weight++;
				}
			}
			double denominator = s * Math.sqrt((n * (double) weight - (double) weight * weight) / (n - 1));
			z[i] = (denominator > 0) ? (localSum - mean * weight) / denominator : 0;
		}
		return z;
	}

	/** The two-sided p-value of a z-score under the standard normal distribution. */
	static double pValue(double z) {
		return 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
	}

}
