package io.tiexin.analytics.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.tiexin.grid.Area;
import io.tiexin.shared.SmallCountSuppression;
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

	/**
	 * This analysis with the per-step counts of cells the viewer may not see withheld
	 * (reading 0): the small ones, and with them enough others that no withheld count
	 * comes back by subtraction from a total published elsewhere. A cell's counts form a
	 * table, cells by steps, with two kinds of totals: a cell's count over the whole
	 * period ({@code stats} of the cell, or its trend by a longer interval) is the total
	 * of its row; a village's count in one step (its {@code trend}) is the total of the
	 * column of its cells in that step. Each row and each column goes through
	 * {@link SmallCountSuppression#withheld(long[], boolean[])} (at least two withheld,
	 * adding up to at least the minimum), again and again until neither adds any: a cell
	 * withheld to protect its column must have a partner in its row too. Cells whose
	 * cases the viewer sees are shown and left out of the columns (the viewer knows
	 * them). The z-scores and bins are left as they are.
	 */
	EmergingHotspotResult withSmallCountsHidden(SmallCountSuppression rule, Predicate<Cell> viewerSeesCases) {
		return withSmallCountsHidden(rule, viewerSeesCases, Map.of());
	}

	/**
	 * {@link #withSmallCountsHidden(SmallCountSuppression, Predicate)} starting from the
	 * steps withheld by the one choice among each cell's siblings ({@code amongSiblings},
	 * per cell code, one flag a step), which the cell's own {@code trend} over the same
	 * steps reads: a step withheld there is withheld here, and gets its partners here.
	 */
	EmergingHotspotResult withSmallCountsHidden(SmallCountSuppression rule, Predicate<Cell> viewerSeesCases,
			Map<String, boolean[]> amongSiblings) {
		return withCountsHidden(withheld(rule, viewerSeesCases, amongSiblings));
	}

	/**
	 * Which per-step counts
	 * {@link #withSmallCountsHidden(SmallCountSuppression, Predicate, Map)} withholds.
	 * @return per cell (in order), one flag a step; {@code null} for a cell whose cases
	 * the viewer sees
	 */
	boolean[][] withheld(SmallCountSuppression rule, Predicate<Cell> viewerSeesCases,
			Map<String, boolean[]> amongSiblings) {
		List<Integer> hiddenFrom = new ArrayList<>();
		for (int i = 0; i < this.cells.size(); i++) {
			if (!viewerSeesCases.test(this.cells.get(i))) {
				hiddenFrom.add(i);
			}
		}
		int steps = this.steps.size();
		long[][] counts = new long[this.cells.size()][];
		boolean[][] withheld = new boolean[this.cells.size()][];
		Map<String, List<Integer>> villages = new LinkedHashMap<>();
		for (int i : hiddenFrom) {
			Cell cell = this.cells.get(i);
			counts[i] = cell.counts().stream().mapToLong(Integer::longValue).toArray();
			boolean[] chosen = amongSiblings.get(cell.area().code());
			withheld[i] = (chosen != null && chosen.length == counts[i].length) ? chosen.clone()
					: new boolean[counts[i].length];
			villages.computeIfAbsent(String.valueOf(cell.area().parentCode()), village -> new ArrayList<>()).add(i);
		}
		boolean changed = true;
		while (changed) {
			changed = false;
			for (int i : hiddenFrom) {
				boolean[] row = rule.withheld(counts[i], withheld[i]);
				changed |= !Arrays.equals(row, withheld[i]);
				withheld[i] = row;
			}
			for (List<Integer> village : villages.values()) {
				for (int step = 0; step < steps; step++) {
					long[] column = new long[village.size()];
					boolean[] already = new boolean[village.size()];
					for (int j = 0; j < column.length; j++) {
						column[j] = counts[village.get(j)][step];
						already[j] = withheld[village.get(j)][step];
					}
					// a column is a village's step among its cells: siblings, one of
					// which a grid member knows exactly
					boolean[] now = rule.withheldAmongSiblings(column, already);
					for (int j = 0; j < column.length; j++) {
						changed |= now[j] != already[j];
						withheld[village.get(j)][step] = now[j];
					}
				}
			}
		}
		return withheld;
	}

	/**
	 * This analysis with the given per-step counts reading 0.
	 * @param withheld per cell, one flag a step, or {@code null} for none
	 */
	EmergingHotspotResult withCountsHidden(boolean[][] withheld) {
		List<Cell> shown = new ArrayList<>(this.cells);
		for (int i = 0; i < this.cells.size(); i++) {
			if (withheld[i] == null) {
				continue;
			}
			Cell cell = this.cells.get(i);
			boolean[] hidden = withheld[i];
			List<Integer> stepCounts = new ArrayList<>(cell.counts().size());
			for (int step = 0; step < cell.counts().size(); step++) {
				stepCounts.add(hidden[step] ? 0 : cell.counts().get(step));
			}
			shown.set(i, cell.withCounts(stepCounts));
		}
		return new EmergingHotspotResult(this.interval, this.steps, this.neighbourhoodTimeSteps, shown, this.patterns);
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

		Cell withCounts(List<Integer> shownCounts) {
			return new Cell(this.area, this.geometry, this.pattern, this.trendZScore, this.trendPValue,
					this.latestZScore, this.latestBin, this.hotPeriods, this.coldPeriods, shownCounts, this.zScores,
					this.bins);
		}
	}

	record PatternCount(EmergingPattern pattern, int count) {
	}
}
