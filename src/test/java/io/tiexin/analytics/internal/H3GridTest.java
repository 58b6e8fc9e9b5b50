package io.tiexin.analytics.internal;

import java.util.List;

import io.tiexin.geo.Geometries;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** H3 cells over a small square near 上栗镇, with the native library the jar ships. */
class H3GridTest {

	private static final Geometry SQUARE = read(
			"MULTIPOLYGON (((113.79 27.87, 113.81 27.87, 113.81 27.89, 113.79 27.89, 113.79 27.87)))");

	@Test
	void theCellsCoverTheAreaAndAPointNearItsEdgeAddsItsCell() {
		H3Grid grid = H3Grid.covering(SQUARE, 9, 100_000);
		List<Long> cells = grid.cells();
		// About 4.9 km² in cells of about 0.105 km².
		assertThat(cells).hasSizeBetween(35, 60);
		long cell = grid.add(new Coordinate(113.7901, 27.8701));
		assertThat(grid.cells()).contains(cell);
		assertThat(H3Grid.polygon(cell).covers(Geometries.point(113.7901, 27.8701))).isTrue();
		assertThat(H3Grid.address(cell)).hasSize(15).startsWith("89");
	}

	@Test
	void neighboursAreTheCellsOfTheListWithinKSteps() {
		List<Long> cells = H3Grid.covering(SQUARE, 9, 100_000).cells();
		int[][] one = H3Grid.neighboursWithin(cells, 1);
		int[][] two = H3Grid.neighboursWithin(cells, 2);
		for (int i = 0; i < cells.size(); i++) {
			assertThat(one[i]).hasSizeBetween(1, 6).doesNotContain(i);
			assertThat(two[i].length).isGreaterThan(one[i].length).isLessThanOrEqualTo(18);
		}
	}

	@Test
	void anAreaNeedingTooManyCellsIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> H3Grid.covering(SQUARE, 12, 1000));
	}

	@Test
	void theCentreSpacingIsAboutRootThreeEdges() {
		assertThat(H3Grid.covering(SQUARE, 9, 100_000).centreSpacingMeters()).isBetween(290.0, 320.0);
	}

	private static Geometry read(String wkt) {
		try {
			Geometry geometry = new WKTReader(Geometries.WGS84).read(wkt);
			return geometry;
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
