package io.tiexin.analytics.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.analytics.internal.AnalyticsRepository.RollupRow;
import io.tiexin.analytics.internal.HexagonGrid.Hexagon;
import io.tiexin.analytics.internal.HotspotResult.Cell;
import io.tiexin.geo.Geometries;
import io.tiexin.grid.Area;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.TiexinException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hot spot analysis (Getis-Ord Gi*) of petition counts over an area's grid cells or over
 * a hexagon grid: counts per cell, neighbourhoods, z-scores, p-values and confidence
 * bins.
 */
@Service
@Transactional(readOnly = true)
class HotspotAnalysis {

	static final double DEFAULT_CELL_SIZE_METERS = 500;

	static final double MIN_CELL_SIZE_METERS = 50;

	static final double MAX_CELL_SIZE_METERS = 10_000;

	static final int MAX_HEXAGONS = 100_000;

	/**
	 * Cells about 0.1 km&sup2; (edges of about 170 m): a few thousand over a township.
	 */
	static final int DEFAULT_H3_RESOLUTION = 9;

	private final AnalyticsRepository repository;

	private final GridCellAdjacency adjacency;

	private final AnalyticsAreas areas;

	HotspotAnalysis(AnalyticsRepository repository, GridCellAdjacency adjacency, AnalyticsAreas areas) {
		this.repository = repository;
		this.adjacency = adjacency;
		this.areas = areas;
	}

	HotspotResult hotspots(String areaCode, PeriodInput period, String categoryCode, HotspotUnit unit,
			Double cellSizeMeters, Double distanceBandMeters, Integer resolution, boolean falseDiscoveryRate) {
		Area area = this.areas.require(areaCode);
		this.areas.requireCategory(categoryCode);
		RollupPeriod rollupPeriod = RollupPeriod.of(period);
		return switch (unit) {
			case HEXAGON ->
				overHexagons(area, rollupPeriod, categoryCode, cellSizeMeters, distanceBandMeters, falseDiscoveryRate);
			case H3 ->
				overH3Cells(area, rollupPeriod, categoryCode, resolution, distanceBandMeters, falseDiscoveryRate);
			case GRID -> overGridCells(area, rollupPeriod, categoryCode, falseDiscoveryRate);
		};
	}

	private HotspotResult overGridCells(Area area, RollupPeriod period, String categoryCode,
			boolean falseDiscoveryRate) {
		List<Area> cells = this.areas.cellsOf(area);
		Map<String, Integer> indexByCode = new HashMap<>();
		cells.forEach(cell -> indexByCode.put(cell.code(), indexByCode.size()));
		double[] counts = new double[cells.size()];
		if (categoryCode == null) {
			this.repository.cellCounts(indexByCode.keySet(), period)
				.forEach((code, petitions) -> counts[indexByCode.get(code)] += petitions);
		}
		else {
			for (RollupRow row : this.repository.counts(indexByCode.keySet(), period, categoryCode)) {
				counts[indexByCode.get(row.areaCode())] += row.petitions();
			}
		}
		int[][] neighbours = this.adjacency.neighbourIndexes(cells);
		Statistics statistics = Statistics.of(counts, neighbours, falseDiscoveryRate);
		HotspotResult.Neighbourhoods neighbourhoods = new HotspotResult.Neighbourhoods(neighbours, falseDiscoveryRate);
		List<Cell> result = new ArrayList<>(cells.size());
		for (int i = 0; i < cells.size(); i++) {
			// Stored as MultiPolygon; said so in the schema, so kept so whatever was
			// imported.
			result.add(new Cell(cells.get(i), Geometries.asMultiPolygon(cells.get(i).boundary()), (int) counts[i],
					statistics.z()[i], statistics.p()[i], statistics.bins()[i]));
		}
		return HotspotResult.of(HotspotUnit.GRID, result, null, null, null, neighbourhoods);
	}

	private HotspotResult overHexagons(Area area, RollupPeriod period, String categoryCode, Double cellSizeMeters,
			Double distanceBandMeters, boolean falseDiscoveryRate) {
		double spacing = (cellSizeMeters != null) ? cellSizeMeters : DEFAULT_CELL_SIZE_METERS;
		if (!(spacing >= MIN_CELL_SIZE_METERS && spacing <= MAX_CELL_SIZE_METERS)) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"六边形大小必须在 " + (int) MIN_CELL_SIZE_METERS + " 到 " + (int) MAX_CELL_SIZE_METERS
							+ " 米之间 (cellSizeMeters must be between " + (int) MIN_CELL_SIZE_METERS + " and "
							+ (int) MAX_CELL_SIZE_METERS + ")");
		}
		double band = (distanceBandMeters != null) ? distanceBandMeters : spacing;
		if (!(band >= spacing && band <= spacing * 10)) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"距离带必须在六边形大小的 1 到 10 倍之间 (distanceBandMeters must be 1 to 10 times cellSizeMeters, "
							+ "so that every hexagon has neighbours)");
		}
		HexagonGrid grid;
		try {
			grid = new HexagonGrid(area.boundary(), spacing, MAX_HEXAGONS);
		}
		catch (IllegalArgumentException ex) {
			throw new TiexinException(ErrorCode.VALIDATION, "六边形过多,请增大 cellSizeMeters (more than " + MAX_HEXAGONS
					+ " hexagons would cover " + area.name() + ": give a larger cellSizeMeters)");
		}
		List<Hexagon> hexagons = grid.hexagons();
		double[] counts = new double[hexagons.size()];
		this.repository.forEachPoint(area.code(), period, categoryCode, point -> {
			int index = grid.indexOf(point);
			if (index >= 0) {
				counts[index]++;
			}
		});
		int[][] neighbours = grid.neighboursWithin(band);
		Statistics statistics = Statistics.of(counts, neighbours, falseDiscoveryRate);
		List<Cell> result = new ArrayList<>(hexagons.size());
		for (int i = 0; i < hexagons.size(); i++) {
			result.add(new Cell(null, hexagons.get(i).geometry(), (int) counts[i], statistics.z()[i], statistics.p()[i],
					statistics.bins()[i]));
		}
		return HotspotResult.of(HotspotUnit.HEXAGON, result, spacing, band, null,
				new HotspotResult.Neighbourhoods(neighbours, falseDiscoveryRate));
	}

	/**
	 * H3 hot spots from every point of the area and period placed in Java, as they were
	 * counted before petition_h3_count (V22_1): what the pre-binned counts must equal
	 * (HotspotBinsIT).
	 */
	HotspotResult h3HotspotsFromPoints(String areaCode, PeriodInput period, String categoryCode, Integer resolution,
			Double distanceBandMeters, boolean falseDiscoveryRate) {
		return overH3Cells(this.areas.require(areaCode), RollupPeriod.of(period), categoryCode, resolution,
				distanceBandMeters, falseDiscoveryRate, false);
	}

	/**
	 * Petitions per H3 cell, each cell holding one added to the grid. Of every category:
	 * pre-binned (V22_1) for the whole months, the points of the rest placed here. Of one
	 * category, or when {@code binned} is false: every point placed here.
	 */
	private Map<Long, Integer> h3CellCounts(Area area, RollupPeriod period, String categoryCode, int resolution,
			H3Grid grid, boolean binned) {
		Map<Long, Integer> countByCell = new HashMap<>();
		if (categoryCode == null && binned) {
			this.repository
				.h3CellCounts(area.code(), period, resolution,
						point -> countByCell.merge(grid.add(point), 1, Integer::sum))
				.forEach((cell, petitions) -> countByCell.merge(grid.add(cell), petitions, Integer::sum));
		}
		else {
			this.repository.forEachPoint(area.code(), period, categoryCode,
					point -> countByCell.merge(grid.add(point), 1, Integer::sum));
		}
		return countByCell;
	}

	private HotspotResult overH3Cells(Area area, RollupPeriod period, String categoryCode, Integer resolution,
			Double distanceBandMeters, boolean falseDiscoveryRate) {
		return overH3Cells(area, period, categoryCode, resolution, distanceBandMeters, falseDiscoveryRate, true);
	}

	private HotspotResult overH3Cells(Area area, RollupPeriod period, String categoryCode, Integer resolution,
			Double distanceBandMeters, boolean falseDiscoveryRate, boolean binned) {
		int level = (resolution != null) ? resolution : DEFAULT_H3_RESOLUTION;
		if (level < H3Grid.MIN_RESOLUTION || level > H3Grid.MAX_RESOLUTION) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"H3 分辨率必须在 " + H3Grid.MIN_RESOLUTION + " 到 " + H3Grid.MAX_RESOLUTION
							+ " 之间 (resolution must be between " + H3Grid.MIN_RESOLUTION + " and "
							+ H3Grid.MAX_RESOLUTION + ")");
		}
		H3Grid grid;
		try {
			grid = H3Grid.covering(area.boundary(), level, MAX_HEXAGONS);
		}
		catch (IllegalArgumentException ex) {
			throw new TiexinException(ErrorCode.VALIDATION, "H3 单元过多,请降低 resolution (more than " + MAX_HEXAGONS
					+ " H3 cells would cover " + area.name() + ": give a lower resolution)");
		}
		double spacing = grid.centreSpacingMeters();
		double band = (distanceBandMeters != null) ? distanceBandMeters : spacing;
		if (!(band >= spacing * 0.5 && band <= spacing * 10.5)) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"距离带必须在 H3 单元间距的 1 到 10 倍之间 (distanceBandMeters must be 1 "
							+ "to 10 times the mean distance between neighbouring H3 centres, " + Math.round(spacing)
							+ " m at resolution " + level + ")");
		}
		// gridDisk(k) takes the cells within k steps: the band rounded to whole steps.
		int k = (int) Math.max(1, Math.round(band / spacing));
		Map<Long, Integer> countByCell = h3CellCounts(area, period, categoryCode, level, grid, binned);
		List<Long> cells = grid.cells();
		double[] counts = new double[cells.size()];
		for (int i = 0; i < counts.length; i++) {
			counts[i] = countByCell.getOrDefault(cells.get(i), 0);
		}
		int[][] neighbours = H3Grid.neighboursWithin(cells, k);
		Statistics statistics = Statistics.of(counts, neighbours, falseDiscoveryRate);
		List<Cell> result = new ArrayList<>(cells.size());
		for (int i = 0; i < counts.length; i++) {
			result.add(new Cell(null, H3Grid.address(cells.get(i)), H3Grid.polygon(cells.get(i)), (int) counts[i],
					statistics.z()[i], statistics.p()[i], statistics.bins()[i], false));
		}
		return HotspotResult.of(HotspotUnit.H3, result, spacing, k * spacing, level,
				new HotspotResult.Neighbourhoods(neighbours, falseDiscoveryRate));
	}

	private record Statistics(double[] z, double[] p, int[] bins) {

		static Statistics of(double[] counts, int[][] neighbours, boolean falseDiscoveryRate) {
			if (counts.length < 3) {
				throw new TiexinException(ErrorCode.VALIDATION,
						"热点分析至少需要 3 个单元 (a hot spot analysis needs at least 3 cells: choose a larger area "
								+ "or smaller hexagons)");
			}
			double[] z = GetisOrdGiStar.zScores(counts, neighbours);
			double[] p = new double[z.length];
			for (int i = 0; i < z.length; i++) {
				p[i] = GetisOrdGiStar.pValue(z[i]);
			}
			return new Statistics(z, p, HotspotBins.of(z, p, falseDiscoveryRate));
		}
	}

}
