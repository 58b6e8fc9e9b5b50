package io.tiexin.analytics.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.tiexin.grid.Area;
import io.tiexin.shared.SmallCountSuppression;
import org.locationtech.jts.geom.Geometry;

/**
 * A hot spot map: one cell per grid cell or hexagon, with its Gi* z-score, p-value and
 * bin.
 *
 * @param cellSizeMeters HEXAGON and H3 (the mean distance between neighbouring centres)
 * @param distanceBandMeters HEXAGON and H3
 * @param resolution H3 only
 */
record HotspotResult(HotspotUnit unit, List<Cell> cells, int hot, int cold, Double cellSizeMeters,
		Double distanceBandMeters, Integer resolution, Neighbourhoods neighbourhoods) {

	static HotspotResult of(HotspotUnit unit, List<Cell> cells, Double cellSizeMeters, Double distanceBandMeters) {
		return of(unit, cells, cellSizeMeters, distanceBandMeters, null, null);
	}

	/**
	 * @param neighbourhoods what the statistics were computed with, so that they can be
	 * computed again from the counts as published ({@code null}: they cannot, and a
	 * withheld count leaves them as they are)
	 */
	static HotspotResult of(HotspotUnit unit, List<Cell> cells, Double cellSizeMeters, Double distanceBandMeters,
			Integer resolution, Neighbourhoods neighbourhoods) {
		int hot = (int) cells.stream().filter(cell -> cell.bin() > 0).count();
		int cold = (int) cells.stream().filter(cell -> cell.bin() < 0).count();
		return new HotspotResult(unit, cells, hot, cold, cellSizeMeters, distanceBandMeters, resolution,
				neighbourhoods);
	}

	/**
	 * The neighbours of each cell (by index) and whether the bins were corrected for the
	 * false discovery rate.
	 */
	record Neighbourhoods(int[][] neighbours, boolean falseDiscoveryRate) {

		/**
		 * Equal when the neighbours are, so that two results compare by what they hold.
		 */
		@Override
		public boolean equals(Object other) {
			return other instanceof Neighbourhoods that && this.falseDiscoveryRate == that.falseDiscoveryRate
					&& Arrays.deepEquals(this.neighbours, that.neighbours);
		}

		@Override
		public int hashCode() {
			return 31 * Arrays.deepHashCode(this.neighbours) + Boolean.hashCode(this.falseDiscoveryRate);
		}

		@Override
		public String toString() {
			return "Neighbourhoods[cells=" + this.neighbours.length + ", falseDiscoveryRate=" + this.falseDiscoveryRate
					+ "]";
		}

	}

	/**
	 * @param area the grid cell, {@code null} for a hexagon or H3 cell
	 * @param h3Index the H3 cell's index (15 hex digits), {@code null} for the other
	 * units
	 * @param suppressed the count was between 1 and the minimum shown (or withheld with
	 * one that was, {@link HotspotResult#withSmallCountsHidden}), and reads 0; the
	 * z-scores and bins of every cell are then those of the counts as published
	 * ({@link SmallCountSuppression#standIn()} for each withheld one)
	 */
	record Cell(Area area, String h3Index, Geometry geometry, int count, double zScore, double pValue, int bin,
			boolean suppressed) {

		Cell(Area area, Geometry geometry, int count, double zScore, double pValue, int bin) {
			this(area, null, geometry, count, zScore, pValue, bin, false);
		}

		Cell withCountHidden() {
			return new Cell(this.area, this.h3Index, this.geometry, 0, this.zScore, this.pValue, this.bin, true);
		}

		Cell withStatistics(double zScore, double pValue, int bin) {
			return new Cell(this.area, this.h3Index, this.geometry, this.count, zScore, pValue, bin, this.suppressed);
		}
	}

	/**
	 * This map with the small counts of cells the viewer may not see withheld, and with
	 * them enough others that a total (the area's in {@code stats}, a village's on the
	 * map layer) minus the cells shown gives none back: among the grid cells of one
	 * village, or among all hexagons, {@link SmallCountSuppression#withheldAmongSiblings}
	 * (at least three withheld, so that someone who knows one still faces two). Cells
	 * whose cases the viewer sees are shown and left out.
	 */
	HotspotResult withSmallCountsHidden(SmallCountSuppression rule, Predicate<Cell> viewerSeesCases) {
		return withSmallCountsHidden(rule, viewerSeesCases, Set.of());
	}

	/**
	 * {@link #withSmallCountsHidden(SmallCountSuppression, Predicate)} starting from the
	 * grid cells withheld by the one choice for the period ({@code amongSiblings}, cell
	 * codes), which their {@code stats}, the tiles and {@code mapLayer} read: a cell
	 * withheld there is withheld here.
	 */
	HotspotResult withSmallCountsHidden(SmallCountSuppression rule, Predicate<Cell> viewerSeesCases,
			Set<String> amongSiblings) {
		Map<String, List<Integer>> groups = new LinkedHashMap<>();
		for (int i = 0; i < this.cells.size(); i++) {
			Cell cell = this.cells.get(i);
			if (!viewerSeesCases.test(cell)) {
				String group = (cell.area() != null) ? String.valueOf(cell.area().parentCode()) : "";
				groups.computeIfAbsent(group, key -> new ArrayList<>()).add(i);
			}
		}
		boolean[] hidden = new boolean[this.cells.size()];
		for (List<Integer> group : groups.values()) {
			boolean[] already = new boolean[group.size()];
			for (int j = 0; j < already.length; j++) {
				Area area = this.cells.get(group.get(j)).area();
				already[j] = area != null && amongSiblings.contains(area.code());
			}
			boolean[] withheld = rule
				.withheldAmongSiblings(group.stream().mapToLong(i -> this.cells.get(i).count()).toArray(), already);
			for (int j = 0; j < withheld.length; j++) {
				hidden[group.get(j)] = withheld[j];
			}
		}
		List<Cell> shown = new ArrayList<>(this.cells.size());
		boolean anyHidden = false;
		for (int i = 0; i < this.cells.size(); i++) {
			shown.add(hidden[i] ? this.cells.get(i).withCountHidden() : this.cells.get(i));
			anyHidden |= hidden[i];
		}
		if (anyHidden && this.neighbourhoods != null) {
			// Z-scores and bins from the exact counts could be solved back to a withheld
			// one (Gi* is linear in the counts): they are computed again from the counts
			// as published, every withheld one standing in as the same fixed value.
			double[] published = new double[shown.size()];
			for (int i = 0; i < published.length; i++) {
				published[i] = hidden[i] ? rule.standIn() : this.cells.get(i).count();
			}
			double[] z = GetisOrdGiStar.zScores(published, this.neighbourhoods.neighbours());
			double[] p = new double[z.length];
			for (int i = 0; i < z.length; i++) {
				p[i] = GetisOrdGiStar.pValue(z[i]);
			}
			int[] bins = HotspotBins.of(z, p, this.neighbourhoods.falseDiscoveryRate());
			for (int i = 0; i < shown.size(); i++) {
				shown.set(i, shown.get(i).withStatistics(z[i], p[i], bins[i]));
			}
		}
		return of(this.unit, shown, this.cellSizeMeters, this.distanceBandMeters, this.resolution, this.neighbourhoods);
	}
}
