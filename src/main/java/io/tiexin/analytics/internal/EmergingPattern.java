package io.tiexin.analytics.internal;

/**
 * The trend of one location over the steps of an emerging hot spot analysis, with the
 * definitions of ArcGIS Pro "Emerging Hot Spot Analysis" (the hot spot patterns; the cold
 * spot ones mirror them). "Hot" and "cold" steps are those whose Gi* bin is significant
 * (at least 90 % confidence); "90 % of the steps" means at least 0.9 n of them; the trend
 * is the Mann-Kendall test on the location's Gi* z-scores, significant when its p-value
 * is at most {@link #TREND_ALPHA}.
 * <p>
 * Where the published definitions overlap, the first rule that applies wins:
 * <ol>
 * <li>hot in at least 90 % of the steps: INTENSIFYING (final step hot, significant upward
 * trend), DIMINISHING (final step hot, significant downward trend), PERSISTENT (final
 * step hot, no significant trend) or HISTORICAL (final step not hot, even when it is
 * cold);</li>
 * <li>hot in the final step and cold in some earlier one: OSCILLATING, also when the hot
 * steps alone would make it NEW or CONSECUTIVE;</li>
 * <li>hot in the final step only: NEW;</li>
 * <li>hot in an uninterrupted run of at least two final steps and never before:
 * CONSECUTIVE;</li>
 * <li>hot in the final step otherwise: SPORADIC;</li>
 * <li>the same for cold spots; else NO_PATTERN.</li>
 * </ol>
 */
enum EmergingPattern {

	NEW_HOT_SPOT, CONSECUTIVE_HOT_SPOT, INTENSIFYING_HOT_SPOT, PERSISTENT_HOT_SPOT, DIMINISHING_HOT_SPOT,
	SPORADIC_HOT_SPOT, OSCILLATING_HOT_SPOT, HISTORICAL_HOT_SPOT,

	NEW_COLD_SPOT, CONSECUTIVE_COLD_SPOT, INTENSIFYING_COLD_SPOT, PERSISTENT_COLD_SPOT, DIMINISHING_COLD_SPOT,
	SPORADIC_COLD_SPOT, OSCILLATING_COLD_SPOT, HISTORICAL_COLD_SPOT,

	NO_PATTERN;

	/**
	 * The Mann-Kendall p-value at or below which a trend counts: 90 % confidence, as the
	 * bins.
	 */
	static final double TREND_ALPHA = 0.10;

	private static final Side HOT = new Side(1, NEW_HOT_SPOT, CONSECUTIVE_HOT_SPOT, INTENSIFYING_HOT_SPOT,
			PERSISTENT_HOT_SPOT, DIMINISHING_HOT_SPOT, SPORADIC_HOT_SPOT, OSCILLATING_HOT_SPOT, HISTORICAL_HOT_SPOT);

	private static final Side COLD = new Side(-1, NEW_COLD_SPOT, CONSECUTIVE_COLD_SPOT, INTENSIFYING_COLD_SPOT,
			PERSISTENT_COLD_SPOT, DIMINISHING_COLD_SPOT, SPORADIC_COLD_SPOT, OSCILLATING_COLD_SPOT,
			HISTORICAL_COLD_SPOT);

	/**
	 * @param bins the location's Gi* bins in time order (-3..3; 0 not significant)
	 * @param trendZ the Mann-Kendall z of its Gi* z-scores
	 * @param trendP its two-sided p-value
	 */
	static EmergingPattern classify(int[] bins, double trendZ, double trendP) {
		if (bins.length == 0) {
			return NO_PATTERN;
		}
		for (Side side : new Side[] { HOT, COLD }) {
			if (side.inNinetyPercent(bins)) {
				return side.mostly(bins, trendZ, trendP);
			}
		}
		int last = Integer.signum(bins[bins.length - 1]);
		return (last == 0) ? NO_PATTERN : (last > 0 ? HOT : COLD).finalStep(bins);
	}

	/** The patterns of hot spots (sign 1) or of cold spots (sign -1). */
	private record Side(int sign, EmergingPattern newSpot, EmergingPattern consecutive, EmergingPattern intensifying,
			EmergingPattern persistent, EmergingPattern diminishing, EmergingPattern sporadic,
			EmergingPattern oscillating, EmergingPattern historical) {

		boolean inNinetyPercent(int[] bins) {
			return 10L * count(bins, this.sign) >= 9L * bins.length;
		}

		EmergingPattern mostly(int[] bins, double trendZ, double trendP) {
			if (Integer.signum(bins[bins.length - 1]) != this.sign) {
				return this.historical;
			}
			if (trendP <= TREND_ALPHA && trendZ * this.sign > 0) {
				return this.intensifying;
			}
			if (trendP <= TREND_ALPHA && trendZ * this.sign < 0) {
				return this.diminishing;
			}
			return this.persistent;
		}

		/** The final step is on this side, and fewer than 90 % of the steps are. */
		EmergingPattern finalStep(int[] bins) {
			if (count(bins, -this.sign) > 0) {
				return this.oscillating;
			}
			int onThisSide = count(bins, this.sign);
			if (onThisSide == 1) {
				return this.newSpot;
			}
			int finalRun = 0;
			for (int t = bins.length - 1; t >= 0 && Integer.signum(bins[t]) == this.sign; t--) {
				finalRun++;
			}
			return (finalRun == onThisSide) ? this.consecutive : this.sporadic;
		}

		private static int count(int[] bins, int sign) {
			int count = 0;
			for (int bin : bins) {
				count += (Integer.signum(bin) == sign) ? 1 : 0;
			}
			return count;
		}
	}

}
