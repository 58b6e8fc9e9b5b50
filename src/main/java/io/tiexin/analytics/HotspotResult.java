package io.tiexin.analytics;

import java.util.List;
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
		Double distanceBandMeters, Integer resolution) {

	static HotspotResult of(HotspotUnit unit, List<Cell> cells, Double cellSizeMeters, Double distanceBandMeters) {
		return of(unit, cells, cellSizeMeters, distanceBandMeters, null);
	}

	static HotspotResult of(HotspotUnit unit, List<Cell> cells, Double cellSizeMeters, Double distanceBandMeters,
			Integer resolution) {
		int hot = (int) cells.stream().filter(cell -> cell.bin() > 0).count();
		int cold = (int) cells.stream().filter(cell -> cell.bin() < 0).count();
		return new HotspotResult(unit, cells, hot, cold, cellSizeMeters, distanceBandMeters, resolution);
	}

	/**
	 * @param area the grid cell, {@code null} for a hexagon or H3 cell
	 * @param h3Index the H3 cell's index (15 hex digits), {@code null} for the other
	 * units
	 * @param suppressed the count was between 1 and the minimum shown, and reads 0 (the
	 * z-score and bin, computed from the true counts, stay: they describe a
	 * neighbourhood, not a household)
	 */
	record Cell(Area area, String h3Index, Geometry geometry, int count, double zScore, double pValue, int bin,
			boolean suppressed) {

		Cell(Area area, Geometry geometry, int count, double zScore, double pValue, int bin) {
			this(area, null, geometry, count, zScore, pValue, bin, false);
		}

		Cell withCountHidden() {
			return new Cell(this.area, this.h3Index, this.geometry, 0, this.zScore, this.pValue, this.bin, true);
		}
	}

	/** This map with the small counts of cells the viewer may not see withheld. */
	HotspotResult withSmallCountsHidden(SmallCountSuppression rule, Predicate<Cell> viewerSeesCases) {
		List<Cell> shown = this.cells.stream()
			.map(cell -> rule.hides(cell.count()) && !viewerSeesCases.test(cell) ? cell.withCountHidden() : cell)
			.toList();
		return new HotspotResult(this.unit, shown, this.hot, this.cold, this.cellSizeMeters, this.distanceBandMeters,
				this.resolution);
	}
}
