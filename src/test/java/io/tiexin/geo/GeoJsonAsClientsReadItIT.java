package io.tiexin.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.NodeTools;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.petition.PetitionFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
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
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void boundariesHullsLayersAndHotspotCellsWindAsTheRfcAsks() throws IOException {
		placeACluster();
		List<Object> objects = new ArrayList<>();
		List<GraphQlTester.Request<?>> areaQueries = List.of(
				officer().documentName("geo/townshipBoundariesAndCentroids"),
				officer().documentName("geo/cellBoundaries").variable("parentCode", TOWNSHIP + "001"),
				officer().documentName("geo/villageBoundariesSimplified")
					.variable("parentCode", TOWNSHIP)
					.variable("toleranceMeters", 20));
		for (GraphQlTester.Request<?> query : areaQueries) {
			List<Map<String, Object>> areas = query.execute()
				.path("areas")
				.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.get();
			assertThat(areas).isNotEmpty();
			areas.forEach(area -> objects.addAll(area.values()));
		}
		objects.add(officer().documentName("geo/mapLayer")
			.variable("level", "VILLAGE")
			.execute()
			.path("mapLayer")
			.entity(Object.class)
			.get());
		List<Map<String, Object>> clusters = officer().documentName("geo/clusterHulls")
			.variable("areaCode", TOWNSHIP)
			.variable("epsMeters", 100)
			.variable("minPoints", 4)
			.execute()
			.path("clusters")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		assertThat(clusters).as("clusters in the township").isNotEmpty();
		assertThat(clusters)
			.anySatisfy(cluster -> assertThat(((Map<?, ?>) cluster.get("hull")).get("type")).isEqualTo("Polygon"));
		clusters.forEach(cluster -> objects.addAll(cluster.values()));
		for (String unit : List.of("GRID", "HEXAGON")) {
			List<Map<String, Object>> cells = officer().documentName("geo/hotspotCellGeometries")
				.variable("areaCode", TOWNSHIP)
				.variable("unit", unit)
				.execute()
				.path("hotspots.cells")
				.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
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
	private GraphQlTester officer() {
		return this.client.as("county-officer");
	}

	private void placeACluster() {
		double[] at = this.jdbc
			.sql("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(boundary) p FROM area WHERE code = ?) s")
			.param(TOWNSHIP + "001001")
			.query((rs, row) -> new double[] { rs.getDouble(1), rs.getDouble(2) })
			.single();
		double[][] offsets = { { 0, 0 }, { 0.0002, 0 }, { 0.0002, 0.0002 }, { 0, 0.0002 }, { 0.0001, 0.00005 } };
		for (double[] offset : offsets) {
			this.client.citizen()
				.documentName("petition/submitPetitionId")
				.variable("input", PetitionFixtures.submissionAt(at[0] + offset[0], at[1] + offset[1], "STREET_LIGHT"))
				.execute()
				.path("submitPetition.id")
				.hasValue();
		}
	}

}
