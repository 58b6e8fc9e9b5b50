package io.tiexin.analytics.internal;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.tiexin.shared.SmallCountSuppression;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hot spot cells withhold small counts with their complement: the area's total (shown in
 * {@code stats}) minus the cells shown must not give a withheld cell back.
 */
class HotspotSuppressionTest {

	private static final GeometryFactory GEOMETRY = new GeometryFactory();

	@Test
	void aWithheldCellCannotBeRecoveredFromTheTotalMinusTheCellsShown() throws Exception {
		List<Integer> counts = List.of(1, 5, 10, 0);
		List<HotspotResult.Cell> cells = counts.stream()
			.map(count -> new HotspotResult.Cell(null, GEOMETRY.createPoint(new Coordinate(0, 0)), count, 0, 1, 0))
			.toList();
		HotspotResult shown = HotspotResult.of(HotspotUnit.HEXAGON, cells, 500.0, 1000.0)
			.withSmallCountsHidden(minimumThree(), cell -> false);

		List<HotspotResult.Cell> after = shown.cells();
		int total = counts.stream().mapToInt(Integer::intValue).sum();
		int sumShown = after.stream().filter(cell -> !cell.suppressed()).mapToInt(HotspotResult.Cell::count).sum();
		// three withheld, so that whoever knows one of them (a grid member, their own
		// cell) still faces two
		assertThat(after).extracting(HotspotResult.Cell::suppressed).containsExactly(true, true, true, false);
		assertThat(total - sumShown).as("the total minus the cells shown").isEqualTo(16);
	}

	/**
	 * Gi* is linear in the counts: from z-scores computed on the exact counts a withheld
	 * one can be solved back. Two maps that differ only inside a withheld count (1 or 2
	 * in the first cell, withheld with its complements) must give a viewer who may not
	 * see it the same z-scores, p-values and bins; whoever sees the cases gets the exact
	 * statistics, which differ.
	 */
	@Test
	void zScoresTellNothingOfAWithheldCount() throws Exception {
		int[][] neighbours = { { 1 }, { 0, 2 }, { 1, 3 }, { 2, 4 }, { 3 } };
		HotspotResult one = map(new int[] { 1, 5, 10, 0, 12 }, neighbours);
		HotspotResult two = map(new int[] { 2, 5, 10, 0, 12 }, neighbours);
		assertThat(one.cells().get(1).zScore()).as("the exact statistics differ")
			.isNotEqualTo(two.cells().get(1).zScore());

		HotspotResult oneShown = one.withSmallCountsHidden(minimumThree(), cell -> false);
		HotspotResult twoShown = two.withSmallCountsHidden(minimumThree(), cell -> false);
		assertThat(oneShown.cells()).extracting(HotspotResult.Cell::suppressed)
			.containsExactly(true, true, true, false, false);
		assertThat(oneShown.cells()).extracting(HotspotResult.Cell::zScore)
			.containsExactlyElementsOf(twoShown.cells().stream().map(HotspotResult.Cell::zScore).toList());
		assertThat(oneShown.cells()).extracting(HotspotResult.Cell::pValue)
			.containsExactlyElementsOf(twoShown.cells().stream().map(HotspotResult.Cell::pValue).toList());
		assertThat(oneShown.cells()).extracting(HotspotResult.Cell::bin)
			.containsExactlyElementsOf(twoShown.cells().stream().map(HotspotResult.Cell::bin).toList());
		assertThat(oneShown.cells()).extracting(HotspotResult.Cell::count).containsExactly(0, 0, 0, 0, 12);

		HotspotResult exact = one.withSmallCountsHidden(minimumThree(), cell -> true);
		assertThat(exact.cells()).extracting(HotspotResult.Cell::zScore)
			.containsExactlyElementsOf(one.cells().stream().map(HotspotResult.Cell::zScore).toList());
	}

	/** A hexagon map of these counts with its exact statistics. */
	private static HotspotResult map(int[] counts, int[][] neighbours) {
		double[] values = Arrays.stream(counts).asDoubleStream().toArray();
		double[] z = GetisOrdGiStar.zScores(values, neighbours);
		List<HotspotResult.Cell> cells = new ArrayList<>();
		for (int i = 0; i < counts.length; i++) {
			cells.add(new HotspotResult.Cell(null, GEOMETRY.createPoint(new Coordinate(i, 0)), counts[i], z[i],
					GetisOrdGiStar.pValue(z[i]), 0));
		}
		return HotspotResult.of(HotspotUnit.HEXAGON, cells, 500.0, 1000.0, null,
				new HotspotResult.Neighbourhoods(neighbours, true));
	}

	/**
	 * The rule as the service configures it by default (k = 3); its constructor is the
	 * Spring context's.
	 */
	private static SmallCountSuppression minimumThree() throws Exception {
		Constructor<SmallCountSuppression> constructor = SmallCountSuppression.class.getDeclaredConstructor(int.class);
		constructor.setAccessible(true);
		return constructor.newInstance(3);
	}

}
