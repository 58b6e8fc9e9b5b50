package io.tiexin.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.geo.ChinaDatumShift;
import io.tiexin.geo.Geometries;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code locate} over HTTP on the demo county, checked against PostGIS. */
@TiexinIntegrationTest
class LocateIT {

	private static final int POINTS_PER_REQUEST = 200;

	@Autowired
	GraphQlClient client;

	@Autowired
	AreaCatalog catalog;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyGridCellsInteriorPointLocatesToThatCell() {
		List<Area> cells = this.catalog.list(AreaLevel.GRID, null, null);
		assertThat(cells).hasSizeGreaterThan(1_500);
		for (int from = 0; from < cells.size(); from += POINTS_PER_REQUEST) {
			List<Area> batch = cells.subList(from, Math.min(cells.size(), from + POINTS_PER_REQUEST));
			List<Point> points = batch.stream().map(cell -> cell.boundary().getInteriorPoint()).toList();
			List<Map<String, Object>> located = locateAll(points, "WGS84");
			for (int i = 0; i < batch.size(); i++) {
				assertThat(located.get(i)).as(batch.get(i).code())
					.containsEntry("method", "CONTAINS")
					.containsEntry("distanceMeters", 0.0)
					.extracting(l -> ((Map<?, ?>) l.get("grid")).get("code"))
					.isEqualTo(batch.get(i).code());
			}
		}
	}

	@Test
	void aPointOnASharedEdgeGetsTheLowestCodedCellEveryTime() {
		Area cell = this.catalog.list(AreaLevel.GRID, null, null).get(100);
		Coordinate[] ring = cell.boundary().getGeometryN(0).getCoordinates();
		// The middle of the first edge of the ring that another cell shares.
		Point onEdge = null;
		for (int i = 0; i + 1 < ring.length && onEdge == null; i++) {
			Point midpoint = Geometries.point((ring[i].x + ring[i + 1].x) / 2, (ring[i].y + ring[i + 1].y) / 2);
			if (coveringCells(midpoint).size() > 1) {
				onEdge = midpoint;
			}
		}
		assertThat(onEdge).as("a shared edge of cell " + cell.code()).isNotNull();
		String lowest = coveringCells(onEdge).get(0);
		for (int attempt = 0; attempt < 5; attempt++) {
			Map<String, Object> located = locateAll(List.of(onEdge), "WGS84").get(0);
			assertThat(located.get("method")).isEqualTo("CONTAINS");
			assertThat(((Map<?, ?>) located.get("grid")).get("code")).isEqualTo(lowest);
		}
	}

	@Test
	void aPointFiftyKilometresAwayIsUnmatched() {
		Point county = this.catalog.find("360322").orElseThrow().centroid();
		Point farAway = Geometries.point(county.getX() + 0.7, county.getY());
		Map<String, Object> located = locateAll(List.of(farAway), "WGS84").get(0);
		assertThat(located.get("method")).isEqualTo("UNMATCHED");
		assertThat(located.get("grid")).isNull();
		assertThat((Double) located.get("distanceMeters")).isGreaterThan(20_000);
	}

	@Test
	void aGcj02PointLocatesToTheCellOfItsWgs84Origin() {
		List<Area> cells = this.catalog.list(AreaLevel.GRID, null, null);
		List<Point> gcj02 = new ArrayList<>();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < cells.size(); i += 25) {
			Coordinate wgs84 = cells.get(i).boundary().getInteriorPoint().getCoordinate();
			Coordinate shifted = ChinaDatumShift.wgs84ToGcj02(wgs84);
			gcj02.add(Geometries.point(shifted.x, shifted.y));
			expected.add(cells.get(i).code());
		}
		List<Map<String, Object>> located = locateAll(gcj02, "GCJ02");
		for (int i = 0; i < expected.size(); i++) {
			assertThat(((Map<?, ?>) located.get(i).get("grid")).get("code")).isEqualTo(expected.get(i));
		}
	}

	@Test
	void theInMemoryIndexAgreesWithPostgisOnTenThousandRandomPoints() {
		Envelope county = this.catalog.find("360322").orElseThrow().boundary().getEnvelopeInternal();
		SplittableRandom random = new SplittableRandom(20261129);
		int points = 10_000;
		Double[] lons = new Double[points];
		Double[] lats = new Double[points];
		for (int i = 0; i < points; i++) {
			lons[i] = county.getMinX() + random.nextDouble() * county.getWidth();
			lats[i] = county.getMinY() + random.nextDouble() * county.getHeight();
		}
		List<String> postgis = this.jdbc.sql("""
				SELECT (SELECT min(a.code) FROM area a
				        WHERE a.level = 'GRID' AND ST_Covers(a.boundary, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)))
				FROM unnest(?::float8[], ?::float8[]) WITH ORDINALITY AS p(lon, lat, n)
				ORDER BY p.n""").params(lons, lats).query(String.class).list();
		int inside = 0;
		for (int i = 0; i < points; i++) {
			Location location = this.catalog.locate(Geometries.point(lons[i], lats[i]));
			String code = (location.method() == MatchMethod.CONTAINS) ? location.grid().code() : null;
			assertThat(code).as("point %f %f", lons[i], lats[i]).isEqualTo(postgis.get(i));
			inside += (code != null) ? 1 : 0;
		}
		assertThat(inside).as("points inside the county").isGreaterThan(points / 2);
	}

	@Test
	void nearestDistanceIsGeodesicMetresAsPostgisMeasuresThem() {
		Area county = this.catalog.find("360322").orElseThrow();
		Envelope extent = county.boundary().getEnvelopeInternal();
		// Just north of the county's northernmost point: in no cell, within the tolerance
		// of one.
		Point outside = Geometries.point(northernmostX(county), extent.getMaxY() + 0.0005);
		Location location = this.catalog.locate(outside);
		assertThat(location.method()).isEqualTo(MatchMethod.NEAREST);
		double expected = this.jdbc.sql("""
				SELECT ST_Distance(boundary::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography)
				FROM area WHERE code = ?""")
			.params(outside.getX(), outside.getY(), location.grid().code())
			.query(Double.class)
			.single();
		assertThat(location.distanceMeters()).isCloseTo(expected, within(0.05));
	}

	private static double northernmostX(Area area) {
		Coordinate top = area.boundary().getCoordinates()[0];
		for (Coordinate c : area.boundary().getCoordinates()) {
			top = (c.y > top.y) ? c : top;
		}
		return top.x;
	}

	private List<String> coveringCells(Point point) {
		return this.jdbc.sql("""
				SELECT code FROM area
				WHERE level = 'GRID' AND ST_Covers(boundary, ST_SetSRID(ST_MakePoint(?, ?), 4326)) ORDER BY code""")
			.params(point.getX(), point.getY())
			.query(String.class)
			.list();
	}

	/**
	 * Locates many points, {@value #POINTS_PER_REQUEST} to a request: one aliased
	 * {@code locate} per point in {@code grid/locate200}.
	 */
	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> locateAll(List<Point> points, String crs) {
		List<Map<String, Object>> located = new ArrayList<>();
		for (int from = 0; from < points.size(); from += POINTS_PER_REQUEST) {
			List<Point> batch = points.subList(from, Math.min(points.size(), from + POINTS_PER_REQUEST));
			Map<String, Object> variables = new LinkedHashMap<>();
			for (int i = 0; i < POINTS_PER_REQUEST; i++) {
				Point point = batch.get(Math.min(i, batch.size() - 1));
				variables.put("p" + i, Map.of("lon", point.getX(), "lat", point.getY(), "crs", crs));
			}
			Map<String, Object> data = this.client.anonymous()
				.documentName("grid/locate200")
				.variables(variables)
				.execute()
				.path("")
				.entity(Map.class)
				.get();
			for (int i = 0; i < batch.size(); i++) {
				located.add((Map<String, Object>) data.get("p" + i));
			}
		}
		return located;
	}

}
