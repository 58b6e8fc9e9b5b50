package io.tiexin.analytics.internal;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.tiexin.grid.Area;
import org.locationtech.jts.geom.Geometry;

/**
 * An emerging hot spot analysis: the steps analysed, one classified cell per grid cell,
 * and how many cells have each pattern.
 *
 * @param neighbourhoodTimeSteps how many earlier steps each bin's neighbourhood reaches
 * back
 */
record EmergingHotspotResult(TrendInterval interval, List<Step> steps, int neighbourhoodTimeSteps, List<Cell> cells,
		List<PatternCount> patterns) {

	static EmergingHotspotResult of(TrendInterval interval, List<Step> steps, int neighbourhoodTimeSteps,
			List<Cell> cells) {
		Map<EmergingPattern, Integer> counts = new EnumMap<>(EmergingPattern.class);
		cells.forEach(cell -> counts.merge(cell.pattern(), 1, Integer::sum));
		List<PatternCount> patterns = Arrays.stream(EmergingPattern.values())
			.map(pattern -> new PatternCount(pattern, counts.getOrDefault(pattern, 0)))
			.toList();
		return new EmergingHotspotResult(interval, steps, neighbourhoodTimeSteps, cells, patterns);
	}

	record Step(OffsetDateTime start, OffsetDateTime end) {
	}

	/**
	 * One grid cell: its pattern, the Mann-Kendall trend of its Gi* z-scores, and its
	 * series.
	 *
	 * @param geometry the cell's boundary
	 * @param latestZScore the z-score of the final step
	 * @param latestBin the bin of the final step
	 * @param counts petitions per step
	 * @param zScores space-time Gi* z-score per step
	 * @param bins confidence bin per step (-3..3)
	 */
	record Cell(Area area, Geometry geometry, EmergingPattern pattern, double trendZScore, double trendPValue,
			double latestZScore, int latestBin, int hotPeriods, int coldPeriods, List<Integer> counts,
			List<Double> zScores, List<Integer> bins) {
	}

	record PatternCount(EmergingPattern pattern, int count) {
	}
}
