package io.tiexin.grid;

import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.geo.GeoJson;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The "Geography" queries over HTTP on the demo county. */
@TiexinIntegrationTest
class AreaQueriesIT {

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theCountyHasItsTenTownshipsAndItsRealArea() {
		this.client.anonymous()
			.documentName("grid/countyWithChildren")
			.execute()
			.path("area.name")
			.entity(String.class)
			.isEqualTo("上栗县")
			.path("area.level")
			.entity(String.class)
			.isEqualTo("COUNTY")
			.path("area.parent")
			.valueIsNull()
			.path("area.areaSqKm")
			.entity(Double.class)
			.satisfies(sqKm -> assertThat(sqKm).isBetween(690.0, 750.0))
			.path("area.children[*].name")
			.entityList(String.class)
			.contains("上栗镇", "桐木镇", "金山镇", "福田镇", "彭高镇", "赤山镇", "鸡冠山乡", "长平乡", "东源乡", "杨岐乡")
			.hasSize(10)
			.path("area.children[*].ancestors[*].code")
			.entityList(String.class)
			.satisfies(codes -> assertThat(codes).containsOnly("360322"));
	}

	@Test
	void aGridCellKnowsItsAncestorsCountyFirst() {
		String cell = this.jdbc.sql("SELECT min(code) FROM area WHERE level = 'GRID' AND code LIKE '360322101%'")
			.query(String.class)
			.single();
		this.client.anonymous()
			.documentName("grid/areaAncestors")
			.variable("code", cell)
			.execute()
			.path("area.ancestors[*].level")
			.entityList(String.class)
			.containsExactly("COUNTY", "TOWNSHIP", "VILLAGE")
			.path("area.ancestors[*].code")
			.entityList(String.class)
			.containsExactly("360322", "360322101", cell.substring(0, 12))
			.path("area.parent.code")
			.entity(String.class)
			.isEqualTo(cell.substring(0, 12));
	}

	@Test
	void areaSqKmIsTheGeodesicAreaPostgisComputes() {
		double postgis = this.jdbc.sql("SELECT ST_Area(boundary::geography) / 1e6 FROM area WHERE code = '360322101'")
			.query(Double.class)
			.single();
		this.client.anonymous()
			.documentName("grid/townshipSize")
			.execute()
			.path("area.name")
			.entity(String.class)
			.isEqualTo("上栗镇")
			.path("area.areaSqKm")
			.entity(Double.class)
			.satisfies(sqKm -> assertThat(sqKm).isCloseTo(postgis, within(1e-9)).isBetween(90.0, 110.0));
	}

	@Test
	void simplifiedNeighboursStayEdgeMatched() {
		List<Map<String, Object>> villages = this.client.anonymous()
			.documentName("grid/villagesSimplified")
			.execute()
			.path("areas")
			.entityList(Map.class)
			.get()
			.stream()
			.map(v -> (Map<String, Object>) v)
			.toList();
		List<Map<String, Object>> raw = this.client.anonymous()
			.documentName("grid/villagesWithBoundary")
			.execute()
			.path("areas")
			.entityList(Map.class)
			.get()
			.stream()
			.map(v -> (Map<String, Object>) v)
			.toList();
		List<Geometry> simplified = villages.stream().map(v -> GeoJson.read((Map<?, ?>) v.get("boundary"))).toList();
		int vertices = simplified.stream().mapToInt(Geometry::getNumPoints).sum();
		int rawVertices = raw.stream().mapToInt(v -> GeoJson.read((Map<?, ?>) v.get("boundary")).getNumPoints()).sum();
		assertThat(vertices).isLessThan(rawVertices);
		int sharedEdges = 0;
		for (int i = 0; i < simplified.size(); i++) {
			assertThat(simplified.get(i).isValid()).isTrue();
			for (int j = i + 1; j < simplified.size(); j++) {
				Geometry overlap = simplified.get(i).intersection(simplified.get(j));
				assertThat(overlap instanceof Polygonal ? overlap.getArea() : 0.0).as("overlap").isLessThan(1e-12);
				sharedEdges += (overlap.getDimension() == 1) ? 1 : 0;
			}
		}
		assertThat(sharedEdges).as("neighbouring villages sharing an edge").isGreaterThan(20);
	}

	@Test
	void areasFilterByBoxAndByADrawnGeometry() {
		this.client.anonymous()
			.documentName("grid/townshipsInBbox")
			.execute()
			.path("areas")
			.entityList(Object.class)
			.hasSize(10);
		this.client.anonymous()
			.documentName("grid/townshipsIntersecting")
			.variable("drawn", Map.of("type", "Point", "coordinates", List.of(113.83, 27.88)))
			.execute()
			.path("areas[*].code")
			.entityList(String.class)
			.hasSize(1);
		for (Object invalid : List.of(Map.of("type", "Point", "coordinates", List.of(200, 0)),
				Map.of("type", "Polygon", "coordinates", "x"), "POINT (1 2)",
				Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(113.8, 27.8), List.of(113.9, 27.9),
						List.of(113.9, 27.8), List.of(113.8, 27.9), List.of(113.8, 27.8)))))) {
			this.client.anonymous()
				.documentName("grid/townshipsIntersecting")
				.variable("drawn", invalid)
				.execute()
				.errors()
				.expect(e -> "VALIDATION".equals(e.getExtensions().get("code")))
				.verify()
				.path("areas")
				.pathDoesNotExist();
		}
	}

	@Test
	void searchPlacesFindsAVillageAndAGroupInIt() {
		this.client.anonymous()
			.documentName("grid/searchVillage")
			.execute()
			.path("searchPlaces[0].name")
			.entity(String.class)
			.isEqualTo("泉塘村");
		this.client.anonymous()
			.documentName("grid/searchVillageGroup")
			.execute()
			.path("searchPlaces")
			.entityList(Object.class)
			.hasSize(1)
			.path("searchPlaces[0].name")
			.entity(String.class)
			.isEqualTo("六组")
			.path("searchPlaces[0].parent.name")
			.entity(String.class)
			.isEqualTo("泉塘村");
	}

	@Test
	void theThreeVillagesOfQuanzhiyuanMeetAtOnePoint() {
		Boolean meet = this.jdbc.sql("""
				SELECT NOT ST_IsEmpty(ST_Intersection(ST_Intersection(a.boundary, b.boundary), c.boundary))
				FROM area a, area b, area c
				WHERE a.name = '水源村' AND b.name = '达塘村' AND c.name = '泉塘村'""").query(Boolean.class).single();
		assertThat(meet).isTrue();
	}

	@Test
	void mapLayerIsAFeatureCollectionWithCountsPerArea() {
		// Counts are real (analytics provides them): a period before any petition makes
		// them all zero (the year 1999: an anonymous caller may ask for whole calendar
		// months, quarters and years only).
		this.client.anonymous()
			.documentName("grid/townshipLayerBefore2000")
			.execute()
			.path("mapLayer.type")
			.entity(String.class)
			.isEqualTo("FeatureCollection")
			.path("mapLayer.features[*].properties.code")
			.entityList(String.class)
			// the county's ten townships; other tests' fixture counties (98xxxx) may be
			// there too
			.satisfies(codes -> assertThat(codes.stream().filter(code -> code.startsWith("360322"))).hasSize(10))
			.path("mapLayer.features[0].geometry.type")
			.entity(String.class)
			.isEqualTo("MultiPolygon")
			.path("mapLayer.features[*].properties.total")
			.entityList(Integer.class)
			.satisfies(totals -> assertThat(totals).containsOnly(0))
			.path("mapLayer.features[0].properties.code")
			.entity(String.class)
			.isEqualTo("360322101");
	}

	@Test
	void impossibleCoordinatesAreRefusedWithTheirCode() {
		this.client.anonymous()
			.documentName("grid/locateLatitudeOutOfRange")
			.execute()
			.errors()
			.expect(e -> "INVALID_COORDINATES".equals(e.getExtensions().get("code")) && e.getMessage().contains("纬度"))
			.verify();
		this.client.anonymous()
			.documentName("grid/locateUnknownCrs")
			.execute()
			.errors()
			.expect(e -> "VALIDATION".equals(e.getExtensions().get("code")))
			.verify();
	}

	@Test
	void aNegativeSimplificationToleranceIsRefused() {
		this.client.anonymous()
			.documentName("grid/countyBoundaryNegativeTolerance")
			.execute()
			.errors()
			.expect(e -> "VALIDATION".equals(e.getExtensions().get("code")))
			.verify();
	}

}
