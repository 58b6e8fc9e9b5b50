package io.tiexin.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tiexin.NodeTools;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every place the API answers polygons, checked as a GIS client would: valid RFC 7946
 * (npm {@code @placemarkio/check-geojson} through node), exterior rings counter-clockwise
 * and holes clockwise (§3.1.6), at most 6 decimals.
 */
@TiexinIntegrationTest
class GeoJsonAsClientsReadItIT {

	static final String TOWNSHIP = "360322104";

	@Autowired
	DevTokens tokens;

	@Autowired
	JdbcClient jdbc;

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void boundariesHullsLayersAndHotspotCellsWindAsTheRfcAsks() throws IOException {
		placeACluster();
		List<Object> objects = new ArrayList<>();
		for (String query : List.of("{ areas(level: TOWNSHIP) { boundary centroid } }",
				"{ areas(level: GRID, parentCode: \"" + TOWNSHIP + "001\") { boundary } }",
				"{ areas(level: VILLAGE, parentCode: \"" + TOWNSHIP + "\") { boundary(toleranceMeters: 20) } }")) {
			List<Map<String, Object>> areas = this.tokens.as("county-officer")
				.document(query)
				.execute()
				.path("areas")
				.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
				})
				.get();
			assertThat(areas).isNotEmpty();
			areas.forEach(area -> objects.addAll(area.values()));
		}
		objects.add(this.tokens.as("county-officer")
			.document("{ mapLayer(level: VILLAGE) }")
			.execute()
			.path("mapLayer")
			.entity(Object.class)
			.get());
		List<Map<String, Object>> clusters = this.tokens.as("county-officer")
			.document("{ clusters(areaCode: \"" + TOWNSHIP + "\", epsMeters: 100, minPoints: 4) { hull centroid } }")
			.execute()
			.path("clusters")
			.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		assertThat(clusters).as("clusters in the township").isNotEmpty();
		assertThat(clusters)
			.anySatisfy(cluster -> assertThat(((Map<?, ?>) cluster.get("hull")).get("type")).isEqualTo("Polygon"));
		clusters.forEach(cluster -> objects.addAll(cluster.values()));
		for (String unit : List.of("GRID", "HEXAGON")) {
			List<Map<String, Object>> cells = this.tokens.as("county-officer")
				.document("{ hotspots(areaCode: \"" + TOWNSHIP + "\", unit: " + unit + ") { cells { geometry } } }")
				.execute()
				.path("hotspots.cells")
				.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
				})
				.get();
			assertThat(cells).isNotEmpty();
			cells.forEach(cell -> objects.add(cell.get("geometry")));
		}
		Path file = Files.createTempFile("geojson", ".json");
		Files.writeString(file, this.json.writeValueAsString(objects));
		List<String> problems = this.json.readValue(
				NodeTools.run("check-geojson.mjs", file.toAbsolutePath().toString()),
				new TypeReference<List<String>>() {
				});
		assertThat(problems).as("problems in %d GeoJSON objects", objects.size()).isEmpty();
	}

	/**
	 * Five petitions within a few metres of each other: one DBSCAN cluster with a hull.
	 */
	private void placeACluster() {
		double[] at = this.jdbc
			.sql("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(boundary) p FROM area WHERE code = ?) s")
			.param(TOWNSHIP + "001001")
			.query((rs, row) -> new double[] { rs.getDouble(1), rs.getDouble(2) })
			.single();
		double[][] offsets = { { 0, 0 }, { 0.0002, 0 }, { 0.0002, 0.0002 }, { 0, 0.0002 }, { 0.0001, 0.00005 } };
		for (double[] offset : offsets) {
			this.tokens.as("citizen")
				.document(String.format(Locale.ROOT,
						"""
								mutation { submitPetition(input: {title: "路灯不亮", categoryCode: "STREET_LIGHT", channel: MINI_PROGRAM,
								    location: {lon: %s, lat: %s}}) { id } }""",
						at[0] + offset[0], at[1] + offset[1]))
				.execute()
				.path("submitPetition.id")
				.hasValue();
		}
	}

}
