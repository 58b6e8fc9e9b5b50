package io.tiexin.analytics.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.analytics.internal.AnalyticsRepository.StepCount;
import io.tiexin.analytics.internal.EmergingHotspotResult.Cell;
import io.tiexin.analytics.internal.EmergingHotspotResult.Step;
import io.tiexin.grid.Area;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emerging hot spot analysis of an area's grid cells, after ArcGIS "Emerging Hot Spot
 * Analysis":
 * <ol>
 * <li>a space-time cube: petitions per grid cell and step, for the last whole steps;</li>
 * <li>Getis-Ord Gi* for every bin of the cube at once: a bin's neighbours are the bins of
 * its cell and of the cells touching it, in its own step and in the
 * {@code neighbourhoodTimeSteps} steps before it (read from before the first step
 * analysed, so every step has a whole neighbourhood); the mean and standard deviation are
 * those of the whole cube, so a cell whose counts grow shows a rising z-score;</li>
 * <li>confidence bins at 90/95/99 %, with the Benjamini-Hochberg correction over all bins
 * of the cube when asked;</li>
 * <li>the Mann-Kendall trend of each cell's z-scores, and its pattern
 * ({@link EmergingPattern}).</li>
 * </ol>
 * The cube comes from the daily rollup: one statement whatever the number of petitions.
 */
@Service
@Transactional(readOnly = true)
class EmergingHotspotAnalysis {

	/** Fewer steps can never show a significant Mann-Kendall trend at 90 %. */
	static final int MIN_STEPS = 4;

	static final int MAX_STEPS = 120;

	/**
	 * Z-scores are compared at this precision, so that values equal but for rounding are
	 * ties.
	 */
	private static final double Z_PRECISION = 1e9;

	private final AnalyticsRepository repository;

	private final GridCellAdjacency adjacency;

	private final AnalyticsAreas areas;

	private final Clock clock;

	EmergingHotspotAnalysis(AnalyticsRepository repository, GridCellAdjacency adjacency, AnalyticsAreas areas,
			Clock clock) {
		this.repository = repository;
		this.adjacency = adjacency;
		this.areas = areas;
		this.clock = clock;
	}

	/**
	 * @param endingAt the analysis ends where the step holding this instant starts
	 * ({@code null}: now), so that its last step is whole
	 */
	EmergingHotspotResult analyse(String areaCode, TrendInterval interval, int steps, String categoryCode,
			OffsetDateTime endingAt, int neighbourhoodTimeSteps, boolean falseDiscoveryRate) {
		Cube cube = cube(areaCode, interval, steps, categoryCode, endingAt, neighbourhoodTimeSteps);
		return analyse(cube, cube.counts(), falseDiscoveryRate);
	}

	/**
	 * The space-time cube of the analysis: its cells, its steps (the {@code lead} earlier
	 * ones read as neighbours only, then the steps analysed) and the petitions per cell
	 * and step. One statement.
	 */
	Cube cube(String areaCode, TrendInterval interval, int steps, String categoryCode, OffsetDateTime endingAt,
			int neighbourhoodTimeSteps) {
		return cube(areaCode, interval, steps, categoryCode, endingAt, neighbourhoodTimeSteps, null);
	}

	/**
	 * {@link #cube}, counting the petitions submitted before {@code countedUntil} only
	 * (when given): as of the published snapshot's moment, for whoever gets counts
	 * withheld, so that the cells' counts are those the snapshot publishes.
	 */
	Cube cube(String areaCode, TrendInterval interval, int steps, String categoryCode, OffsetDateTime endingAt,
			int neighbourhoodTimeSteps, OffsetDateTime countedUntil) {
		Area area = this.areas.require(areaCode);
		this.areas.requireCategory(categoryCode);
		if (steps < MIN_STEPS || steps > MAX_STEPS) {
			throw new TiexinException(ErrorCode.VALIDATION, "periods 必须在 " + MIN_STEPS + " 到 " + MAX_STEPS
					+ " 之间 (periods must be between " + MIN_STEPS + " and " + MAX_STEPS + ")");
		}
		if (neighbourhoodTimeSteps < 0 || neighbourhoodTimeSteps >= steps) {
			throw new TiexinException(ErrorCode.VALIDATION, "neighbourhoodTimeSteps 必须在 0 到 periods - 1 之间 "
					+ "(neighbourhoodTimeSteps must be between 0 and periods - 1)");
		}
		List<Area> cells = this.areas.cellsOf(area);
		if (cells.size() < 3) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"热点分析至少需要 3 个网格 (a hot spot analysis needs at least 3 grid cells: choose a larger area)");
		}
		// k earlier steps are read too, as neighbours only, so that every step analysed
		// has the same neighbourhood: a first step with half the neighbours would have
		// z-scores shrunk towards 0 and make hot spots look intensifying.
		int lead = neighbourhoodTimeSteps;
		TimeBuckets buckets = TimeBuckets.lastWhole(interval, steps + lead,
				(endingAt != null) ? endingAt : ServiceTime.now(this.clock));
		return new Cube(cells, buckets, lead, counts(cells, buckets, categoryCode, countedUntil),
				this.adjacency.neighbourIndexes(cells));
	}

	/**
	 * The analysis of a cube over the given counts: its own, or those a viewer may see
	 * (withheld ones standing in as one fixed value), so that nothing in the answer is
	 * computed from a count the viewer may not see.
	 * @param counts per cell and step of the cube
	 */
	EmergingHotspotResult analyse(Cube cube, double[][] counts, boolean falseDiscoveryRate) {
		List<Area> cells = cube.cells();
		int lead = cube.lead();
		int t = cube.buckets().buckets().size();
		int steps = t - lead;
		int neighbourhoodTimeSteps = lead;
		int[][] spatialNeighbours = cube.spatialNeighbours();

		double[] values = new double[cells.size() * t];
		int[][] cubeNeighbours = new int[values.length][];
		for (int i = 0; i < cells.size(); i++) {
			for (int step = 0; step < t; step++) {
				values[i * t + step] = counts[i][step];
				cubeNeighbours[i * t + step] = spaceTimeNeighbours(i, step, t, spatialNeighbours[i],
						neighbourhoodTimeSteps);
			}
		}
		double[] allZ = GetisOrdGiStar.zScores(values, cubeNeighbours);
		// The analysed bins, cell by cell: z-scores, p-values and (over these only) bins.
		double[] z = new double[cells.size() * steps];
		double[] p = new double[z.length];
		for (int i = 0; i < cells.size(); i++) {
			for (int step = 0; step < steps; step++) {
				z[i * steps + step] = allZ[i * t + lead + step];
				p[i * steps + step] = GetisOrdGiStar.pValue(z[i * steps + step]);
			}
		}
		int[] bins = HotspotBins.of(z, p, falseDiscoveryRate);

		List<Cell> result = new ArrayList<>(cells.size());
		for (int i = 0; i < cells.size(); i++) {
			double[] cellCounts = Arrays.copyOfRange(cube.counts()[i], lead, t);
			result.add(cell(cells.get(i), cellCounts, z, bins, i * steps, steps));
		}
		List<Step> shownSteps = cube.buckets()
			.buckets()
			.subList(lead, t)
			.stream()
			.map(b -> new Step(b.start(), b.end()))
			.toList();
		return EmergingHotspotResult.of(cube.buckets().interval(), shownSteps, neighbourhoodTimeSteps, result);
	}

	/**
	 * The cells analysed, the cube's steps ({@code lead} read as neighbours only, then
	 * those analysed), petitions per cell and step, and each cell's touching cells.
	 */
	record Cube(List<Area> cells, TimeBuckets buckets, int lead, double[][] counts, int[][] spatialNeighbours) {
	}

	/** Petitions per cell and step: every count the analysis returns is read here. */
	private double[][] counts(List<Area> cells, TimeBuckets buckets, String categoryCode, OffsetDateTime countedUntil) {
		Map<String, Integer> indexByCode = new HashMap<>();
		cells.forEach(cell -> indexByCode.put(cell.code(), indexByCode.size()));
		double[][] counts = new double[cells.size()][buckets.buckets().size()];
		PeriodInput period = buckets.period();
		if (countedUntil != null && period.to() != null && countedUntil.isBefore(period.to())) {
			// Steps after the moment count nothing (none begun: an empty period).
			OffsetDateTime to = (period.from() != null && countedUntil.isBefore(period.from())) ? period.from()
					: countedUntil;
			period = new PeriodInput(period.from(), to);
		}
		for (StepCount row : this.repository.countsPerStep(indexByCode.keySet(), RollupPeriod.of(period), categoryCode,
				buckets.interval())) {
			int step = buckets.indexOf(row.step());
			if (step >= 0) {
				counts[indexByCode.get(row.areaCode())][step] += row.petitions();
			}
		}
		return counts;
	}

	/**
	 * The bins of cell {@code i} and its touching cells in step {@code step} and the
	 * {@code back} steps before it (fewer at the start of the cube), as cube indexes
	 * ({@code cell * steps + step}).
	 */
	static int[] spaceTimeNeighbours(int i, int step, int steps, int[] touching, int back) {
		int first = Math.max(0, step - back);
		int[] neighbours = new int[(touching.length + 1) * (step - first + 1)];
		int k = 0;
		for (int s = first; s <= step; s++) {
			neighbours[k++] = i * steps + s;
			for (int j : touching) {
				neighbours[k++] = j * steps + s;
			}
		}
		return neighbours;
	}

	private static Cell cell(Area area, double[] counts, double[] z, int[] bins, int offset, int steps) {
		double[] series = new double[steps];
		List<Integer> countList = new ArrayList<>(steps);
		List<Double> zList = new ArrayList<>(steps);
		List<Integer> binList = new ArrayList<>(steps);
		int[] cellBins = new int[steps];
		int hot = 0;
		int cold = 0;
		for (int s = 0; s < steps; s++) {
			series[s] = Math.rint(z[offset + s] * Z_PRECISION) / Z_PRECISION;
			cellBins[s] = bins[offset + s];
			hot += (cellBins[s] > 0) ? 1 : 0;
			cold += (cellBins[s] < 0) ? 1 : 0;
			countList.add((int) counts[s]);
			zList.add(z[offset + s]);
			binList.add(cellBins[s]);
		}
		MannKendall.Result trend = MannKendall.test(series);
		return new Cell(area, area.boundary(), EmergingPattern.classify(cellBins, trend.z(), trend.pValue()), trend.z(),
				trend.pValue(), z[offset + steps - 1], bins[offset + steps - 1], hot, cold, List.copyOf(countList),
				List.copyOf(zList), List.copyOf(binList));
	}

}
