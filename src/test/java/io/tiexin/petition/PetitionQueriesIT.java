package io.tiexin.petition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.tiexin.GraphQlClient;
import io.tiexin.GraphQlClient.Location;
import io.tiexin.GraphQlClient.Petition;
import io.tiexin.StatementCounter;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.geo.ChinaDatumShift;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Intake, idempotency, lists, nearby search and batch loading, over HTTP against PostGIS.
 */
@TiexinIntegrationTest
class PetitionQueriesIT {

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaCatalog areas;

	@Test
	void concurrentRetriesWithOneIdempotencyKeyMakeOnePetition() throws Exception {
		Point inside = cell("360322101217006").boundary().getInteriorPoint();
		Map<String, Object> input = Map.of("title", "水管爆裂", "categoryCode", "WATER_SUPPLY", "channel", "MINI_PROGRAM",
				"location", Map.of("lon", inside.getX(), "lat", inside.getY()), "idempotencyKey", "retry-7f3a");
		CyclicBarrier start = new CyclicBarrier(6);
		Callable<Object> submit = () -> {
			start.await();
			return this.client.submit("citizen2", input).id();
		};
		ExecutorService threads = Executors.newFixedThreadPool(6);
		Set<Object> ids = new HashSet<>();
		try {
			for (Future<Object> id : threads.invokeAll(List.of(submit, submit, submit, submit, submit, submit))) {
				ids.add(id.get());
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(ids).hasSize(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM petition WHERE idempotency_key = 'retry-7f3a'")
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.client.submit("citizen2", input).id()).isEqualTo(ids.iterator().next());
	}

	@Test
	void aGcj02PointFromWeChatLandsInTheCellOfItsWgs84Origin() {
		Area cell = cell("360322105200003");
		Coordinate gcj02 = ChinaDatumShift.wgs84ToGcj02(cell.boundary().getInteriorPoint().getCoordinate());
		Petition petition = this.client.submit("citizen", Map.of("title", "垃圾未清运", "categoryCode", "ENVIRONMENT",
				"channel", "MINI_PROGRAM", "location", Map.of("lon", gcj02.x, "lat", gcj02.y, "crs", "GCJ02")));

		assertThat(petition.grid().code()).isEqualTo(cell.code());
	}

	@Test
	void aPlaceNameLandsInThatVillageGroup() {
		Petition petition = this.client.submit("citizen", Map.of("title", "老人需要帮助", "categoryCode", "ELDERLY_DISABLED",
				"channel", "HOTLINE_12345", "placeText", "泉塘村六组"));

		assertThat(petition.grid().code()).isEqualTo("360322101217006");
	}

	@Test
	void swappedCoordinatesAreRefusedAsOutOfExtentWithAHint() {
		long before = petitionCount();
		assertThat(submitPetitionId(streetLightAt(27.88, 113.83)).execute().returnResponse().getErrors())
			.singleElement()
			.satisfies(error -> {
				assertThat(error.getExtensions()).containsEntry("code", "INVALID_COORDINATES");
			});
		assertThat(submitPetitionId(streetLightAt(27.88, 13.83)).execute().returnResponse().getErrors()).singleElement()
			.satisfies(error -> {
				assertThat(error.getExtensions()).containsEntry("code", "OUT_OF_EXTENT");
				assertThat(error.getMessage()).contains("经纬度").contains("swapped");
			});
		assertThat(petitionCount()).isEqualTo(before);
	}

	@Test
	void aPointJustOutsideTheCountyGoesInUnmatchedForTheCountyQueue() {
		Area county = this.areas.find("360322").orElseThrow();
		double north = county.boundary().getEnvelopeInternal().getMaxY();
		Coordinate top = java.util.Arrays.stream(county.boundary().getCoordinates())
			.max(java.util.Comparator.comparingDouble(c -> c.y))
			.orElseThrow();
		Petition petition = this.client.submit("citizen", Map.of("title", "路面塌陷", "categoryCode", "ROADS", "channel",
				"HOTLINE_12345", "location", Map.of("lon", top.x, "lat", north + 0.01)));

		assertThat(petition).returns(null, Petition::grid);
		assertThat(petition.location()).returns("UNMATCHED", Location::method);
		// Nobody to dispatch it to: it waits, unassigned, for the county's officers.
		assertThat(petition).returns("SUBMITTED", Petition::status)
			.returns("COUNTY", Petition::level)
			.returns(null, Petition::assignee);
		assertThat(this.jdbc.sql("SELECT area_code FROM petition WHERE id = ?")
			.param(GraphQlClient.number(petition.id()))
			.query(String.class)
			.single()).isEqualTo("360322");
	}

	@Test
	void badInputIsRefusedBeforeAnythingIsStored() {
		long before = petitionCount();
		Map<Map<String, Object>, String> refusals = Map.of(
				Map.of("title", "x", "categoryCode", "STREET_LIGHT", "channel", "PATROL"), "VALIDATION",
				Map.of("title", "x", "categoryCode", "NO_SUCH", "channel", "PATROL", "areaCode", "360322101217006"),
				"VALIDATION",
				Map.of("title", "长".repeat(101), "categoryCode", "OTHER", "channel", "PATROL", "areaCode",
						"360322101217"),
				"VALIDATION",
				Map.of("title", "x", "categoryCode", "OTHER", "channel", "PATROL", "areaCode", "360322101217",
						"mediaUrls", List.of("ftp://a/b.jpg")),
				"VALIDATION", Map.of("title", "x", "categoryCode", "OTHER", "channel", "PATROL", "placeText", "六组"),
				"VALIDATION", Map.of("title", "x", "categoryCode", "OTHER", "channel", "PATROL", "placeText", "火星村"),
				"VALIDATION", Map.of("title", "x", "categoryCode", "OTHER", "channel", "PATROL", "areaCode", "999999"),
				"VALIDATION",
				Map.of("title", "x", "categoryCode", "OTHER", "channel", "FAX", "areaCode", "360322101217"),
				"VALIDATION");
		refusals.forEach((input, code) -> assertThat(submitPetitionId(input).execute().returnResponse().getErrors())
			.as(input.toString())
			.singleElement()
			.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", code)));
		assertThat(petitionCount()).isEqualTo(before);
	}

	@Test
	void nearbyPetitionsComeNearestFirstWithTheDistancesPostgisMeasures() {
		Area cell = cell("360322203200001");
		Point center = cell.boundary().getInteriorPoint();
		for (int i = 0; i < 12; i++) {
			this.client.submit("citizen",
					Map.of("title", String.format(Locale.ROOT, "附近%d", i), "categoryCode", "SAFETY_HAZARD", "channel",
							"PATROL", "location", Map.of("lon", center.getX() + (i - 6) * 0.0004, "lat",
									center.getY() + ((i * 7) % 5 - 2) * 0.0003)));
		}
		Map<String, Object> near = Map.of("lon", center.getX(), "lat", center.getY());
		List<NearbyPetition> nearby = this.client.admin()
			.documentName("petition/nearbyPetitions")
			.variable("near", near)
			.variable("radiusMeters", 400)
			.variable("filter", Map.of("categoryCode", List.of("SAFETY_HAZARD")))
			.variable("first", 8)
			.execute()
			.path("nearbyPetitions")
			.entityList(NearbyPetition.class)
			.get();
		List<Map<String, Object>> postgis = this.jdbc.sql("""
				SELECT id, ST_Distance(point::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) AS d
				FROM petition WHERE category_code = 'SAFETY_HAZARD'
				  AND ST_Distance(point::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) <= 400
				ORDER BY d, id LIMIT 8""")
			.params(center.getX(), center.getY(), center.getX(), center.getY())
			.query()
			.listOfRows();
		assertThat(nearby).hasSize(postgis.size()).hasSizeGreaterThan(4);
		for (int i = 0; i < nearby.size(); i++) {
			assertThat(GraphQlClient.number(nearby.get(i).petition().id()))
				.isEqualTo(((Number) postgis.get(i).get("id")).longValue());
			assertThat(nearby.get(i).distanceMeters()).isCloseTo(((Number) postgis.get(i).get("d")).doubleValue(),
					within(0.001));
		}
		assertThat(this.client.admin()
			.documentName("petition/nearbyPetitions")
			.variable("near", near)
			.variable("radiusMeters", 50000)
			.execute()
			.returnResponse()
			.getErrors()).singleElement()
			.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "VALIDATION"));
	}

	@Test
	void pagingThroughAThousandPetitionsWhileOthersArriveReturnsEachOldOneOnce() {
		String cellCode = "360322201200002";
		long submitter = this.jdbc.sql("SELECT id FROM person WHERE username = 'citizen'").query(Long.class).single();
		// 1,000 petitions over 100 distinct instants: ties are broken by id.
		this.jdbc.sql("""
				INSERT INTO petition (tracking_number, title, category_code, channel, urgency, status, level, point,
				    grid_code, area_code, match_method, submitter_id, submitted_at)
				SELECT 'P' || g, '分页' || g, 'OTHER', 'PATROL', 'NORMAL', 'SUBMITTED', 'VILLAGE',
				    ST_SetSRID(ST_MakePoint(113.9, 27.8), 4326), :cell, :cell, 'CONTAINS', :submitter,
				    now() - interval '10 days' + (g % 100) * interval '1 minute'
				FROM generate_series(1, 1000) g""").param("cell", cellCode).param("submitter", submitter).update();
		Set<Long> old = new HashSet<>(
				this.jdbc.sql("SELECT id FROM petition WHERE area_code = ?").param(cellCode).query(Long.class).list());
		assertThat(old).hasSize(1000);

		List<Long> seen = new ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			PetitionPage page = this.client.admin()
				.documentName("petition/petitionsPage")
				.variable("filter", Map.of("areaCode", cellCode))
				.variable("after", after)
				.execute()
				.path("petitions")
				.entity(PetitionPage.class)
				.get();
			for (PetitionEdge edge : page.edges()) {
				seen.add(GraphQlClient.number(edge.node().id()));
			}
			after = Boolean.TRUE.equals(page.pageInfo().hasNextPage()) ? page.pageInfo().endCursor() : null;
			// New petitions keep arriving between pages.
			this.client.submit("citizen",
					Map.of("title", "新诉求", "categoryCode", "OTHER", "channel", "PATROL", "areaCode", cellCode));
			pages++;
		}
		while (after != null && pages < 50);

		assertThat(seen).doesNotHaveDuplicates();
		assertThat(seen).filteredOn(old::contains).hasSize(1000);
	}

	@Test
	void aPageOfPetitionsWithEveryNestedFieldCostsTheSameFewStatementsWhateverItsSize() {
		for (int i = 0; i < 100; i++) {
			this.client.submit("citizen", Map.of("title", "批量" + i, "categoryCode", "STREET_LIGHT", "channel", "PATROL",
					"areaCode", "360322102200001"));
		}
		long tenRows = statementsForPage(10);
		long hundredRows = statementsForPage(100);

		assertThat(hundredRows).isEqualTo(tenRows).isLessThanOrEqualTo(12);
		System.out.printf("statements for a 100-petition page with all nested fields: %d%n", hundredRows);
	}

	private long statementsForPage(int size) {
		HttpGraphQlTester admin = this.client.admin();
		Supplier<GraphQlTester.Request<?>> page = () -> admin.documentName("petition/petitionsWithEveryNestedField")
			.variable("filter", Map.of("areaCode", "360322102200001"))
			.variable("first", size);
		page.get().execute().path("petitions.edges").entityList(Object.class).hasSize(size);
		long before = StatementCounter.count();
		page.get().execute().path("petitions.edges").entityList(Object.class).hasSize(size);
		return StatementCounter.count() - before;
	}

	private GraphQlTester.Request<?> submitPetitionId(Map<String, Object> input) {
		return this.client.citizen().documentName("petition/submitPetitionId").variable("input", input);
	}

	private static Map<String, Object> streetLightAt(double lon, double lat) {
		return Map.of("title", "路灯", "categoryCode", "STREET_LIGHT", "channel", "MINI_PROGRAM", "location",
				Map.of("lon", lon, "lat", lat));
	}

	record NearbyPetition(Double distanceMeters, PetitionId petition) {
	}

	record PetitionId(String id) {
	}

	record PetitionPage(List<PetitionEdge> edges, PageInfo pageInfo) {
	}

	record PetitionEdge(PetitionId node) {
	}

	record PageInfo(Boolean hasNextPage, String endCursor) {
	}

	private long petitionCount() {
		return this.jdbc.sql("SELECT count(*) FROM petition").query(Long.class).single();
	}

	private Area cell(String code) {
		return this.areas.find(code).orElseThrow();
	}

}
