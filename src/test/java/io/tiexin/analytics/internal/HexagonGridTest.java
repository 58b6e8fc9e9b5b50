package io.tiexin.analytics.internal;

import io.tiexin.analytics.internal.HexagonGrid.Hexagon;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import static org.assertj.core.api.Assertions.assertThat;

class HexagonGridTest {

	/** About 4 km x 3.3 km near the demo county. */
	private static final String AREA = "POLYGON ((113.80 27.85, 113.84 27.85, 113.84 27.88, 113.80 27.88, 113.80 27.85))";

	@Test
	void everyHexagonHoldsItsOwnCentreAndInteriorHexagonsHaveSixTouchingNeighbours() throws ParseException {
		Geometry area = new WKTReader().read(AREA);
		HexagonGrid grid = new HexagonGrid(area, 500, 10_000);

		int[][] touching = grid.neighboursWithin(500);
		int interior = 0;
		for (int i = 0; i < grid.hexagons().size(); i++) {
			Hexagon hexagon = grid.hexagons().get(i);
			assertThat(grid.indexOf(hexagon.geometry().getCentroid().getCoordinate())).isEqualTo(i);
			if (area.contains(hexagon.geometry().buffer(0.01))) {
				interior++;
				assertThat(touching[i]).hasSize(6);
			}
		}
		assertThat(interior).isPositive();
		// Hexagon area = spacing^2 * sqrt(3) / 2, about 0.2165 km^2 at 500 m; the grid
		// covers the area.
		double coveredSqKm = grid.hexagons().size() * 0.5 * 0.5 * Math.sqrt(3) / 2;
		assertThat(coveredSqKm).isGreaterThan(4 * 3.3);
	}

	@Test
	void aWiderBandReachesTheSecondRing() throws ParseException {
		HexagonGrid grid = new HexagonGrid(new WKTReader().read(AREA), 500, 10_000);

		int most = 0;
		for (int[] neighbours : grid.neighboursWithin(1000)) {
			most = Math.max(most, neighbours.length);
		}
		// Ring one (6 at 500 m), ring two (6 at 866 m and 6 at 1000 m).
		assertThat(most).isEqualTo(18);
	}

	@Test
	void clustersOfTheDemoCountyAreMeasuredInUtmZone49North() throws ParseException {
		assertThat(ClusterAnalysis.utmSrid(new WKTReader().read("POINT (113.83 27.88)").getCentroid()))
			.isEqualTo(32649);
	}

}
