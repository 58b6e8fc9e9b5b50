package io.tiexin.analytics.internal;

import java.util.Arrays;

/**
 * The confidence bins of a hot spot analysis, as ArcGIS reports them in {@code Gi_Bin}:
 * &plusmn;3, &plusmn;2, &plusmn;1 for hot (+) or cold (-) spots significant at 99, 95 and
 * 90 % confidence, 0 otherwise.
 * <p>
 * Without correction a cell is significant at a level when its p-value is at most 1 -
 * confidence. With the false discovery rate correction (Benjamini &amp; Hochberg 1995),
 * for each level the p-values are sorted, <i>k</i> is the largest rank with
 * p<sub>(k)</sub> &le; k/m &middot; &alpha;, and the cells whose p-value is at most
 * p<sub>(k)</sub> are significant; with many cells this keeps the expected share of false
 * hot spots among those reported at &alpha;.
 */
final class HotspotBins {

	/** The significance levels of bins 1, 2 and 3. */
	static final double[] ALPHAS = { 0.10, 0.05, 0.01 };

	private HotspotBins() {
	}

	static int[] of(double[] zScores, double[] pValues, boolean falseDiscoveryRate) {
		double[] thresholds = new double[ALPHAS.length];
		for (int level = 0; level < ALPHAS.length; level++) {
			thresholds[level] = falseDiscoveryRate ? benjaminiHochbergThreshold(pValues, ALPHAS[level]) : ALPHAS[level];
		}
		int[] bins = new int[zScores.length];
		for (int i = 0; i < bins.length; i++) {
			int confidence = 0;
			for (int level = 0; level < ALPHAS.length; level++) {
				if (pValues[i] <= thresholds[level]) {
					confidence = level + 1;
				}
			}
			bins[i] = (int) Math.signum(zScores[i]) * confidence;
		}
		return bins;
	}

	/**
	 * The largest p-value still significant at false discovery rate {@code alpha} under
	 * the Benjamini-Hochberg procedure, or -1 when none is.
	 */
	static double benjaminiHochbergThreshold(double[] pValues, double alpha) {
		double[] sorted = pValues.clone();
		Arrays.sort(sorted);
		int m = sorted.length;
		double threshold = -1;
		for (int rank = 1; rank <= m; rank++) {
			if (sorted[rank - 1] <= (double) rank / m * alpha) {
				threshold = sorted[rank - 1];
			}
		}
		return threshold;
	}

}
