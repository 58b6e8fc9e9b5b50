package io.tiexin.analytics;

import java.util.List;

import io.tiexin.grid.Area;
import org.locationtech.jts.geom.Geometry;

/**
 * A hot spot map: one cell per grid cell or hexagon, with its Gi* z-score, p-value and bin.
 *
 * @param cellSizeMeters HEXAGON only
 * @param distanceBandMeters HEXAGON only
 */
record HotspotResult(HotspotUnit unit, List<Cell> cells, int hot, int cold, Double cellSizeMeters,
		Double distanceBandMeters) {

	static HotspotResult of(HotspotUnit unit, List<Cell> cells, Double cellSizeMeters, Double distanceBandMeters) {
		int hot = (int) cells.stream().filter(cell -> cell.bin() > 0).count();
		int cold = (int) cells.stream().filter(cell -> cell.bin() < 0).count();
		return new HotspotResult(unit, cells, hot, cold, cellSizeMeters, distanceBandMeters);
	}

	/** @param area the grid cell, {@code null} for a hexagon */
	record Cell(Area area, Geometry geometry, int count, double zScore, double pValue, int bin) {
	}
}
