package io.tiexin.grid;

import java.util.List;

import io.tiexin.geo.Geometries;
import io.tiexin.geo.Spheroid;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GridIndexTest {

	// Two cells sharing the edge x = 113.81, and a third east of a 0.001° (about 98 m)
	// gap.
	private final GridIndex index = GridIndex.of(List.of(
			cell("360322101200002",
					"MULTIPOLYGON (((113.81 27.88, 113.82 27.88, 113.82 27.89, 113.81 27.89, 113.81 27.88)))"),
			cell("360322101200001",
					"MULTIPOLYGON (((113.80 27.88, 113.81 27.88, 113.81 27.89, 113.80 27.89, 113.80 27.88)))"),
			cell("360322101200003",
					"MULTIPOLYGON (((113.821 27.88, 113.83 27.88, 113.83 27.89, 113.821 27.89, 113.821 27.88)))")),
			200);

	@Test
	void aPointInsideACellIsContainedWithDistanceZero() {
		Location location = this.index.locate(Geometries.point(113.805, 27.885));

		assertThat(location.method()).isEqualTo(MatchMethod.CONTAINS);
		assertThat(location.grid().code()).isEqualTo("360322101200001");
		assertThat(location.distanceMeters()).isZero();
	}

	@Test
	void aPointOnASharedEdgeOrVertexGoesToTheLowestCode() {
		assertThat(this.index.locate(Geometries.point(113.81, 27.885)).grid().code()).isEqualTo("360322101200001");
		assertThat(this.index.locate(Geometries.point(113.81, 27.88)).grid().code()).isEqualTo("360322101200001");
	}

	@Test
	void aPointOnAnOuterBoundaryCountsAsInside() {
		Location location = this.index.locate(Geometries.point(113.83, 27.885));

		assertThat(location.method()).isEqualTo(MatchMethod.CONTAINS);
		assertThat(location.grid().code()).isEqualTo("360322101200003");
	}

	@Test
	void aPointInAGapMatchesTheNearestCellWithGeodesicMetres() {
		Location location = this.index.locate(Geometries.point(113.8203, 27.885));

		assertThat(location.method()).isEqualTo(MatchMethod.NEAREST);
		assertThat(location.grid().code()).isEqualTo("360322101200002");
		double expected = Spheroid.distanceMeters(new Coordinate(113.8203, 27.885), new Coordinate(113.82, 27.885));
		assertThat(location.distanceMeters()).isCloseTo(expected, within(0.01)).isBetween(29.0, 31.0);
	}

	@Test
	void aPointBeyondTheToleranceIsUnmatchedWithItsDistance() {
		Location location = this.index.locate(Geometries.point(113.80, 27.895));

		assertThat(location.method()).isEqualTo(MatchMethod.UNMATCHED);
		assertThat(location.grid()).isNull();
		assertThat(location.distanceMeters()).isCloseTo(554, within(2.0));
	}

	@Test
	void anEmptyIndexMatchesNothing() {
		Location location = GridIndex.of(List.of(), 200).locate(Geometries.point(113.8, 27.88));

		assertThat(location.method()).isEqualTo(MatchMethod.UNMATCHED);
	}

	private static Area cell(String code, String wkt) {
		try {
			MultiPolygon boundary = (MultiPolygon) new WKTReader(Geometries.WGS84).read(wkt);
			return new Area(code, "组", AreaLevel.GRID, code.substring(0, 12), boundary, 1.0);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(wkt, ex);
		}
	}

}
