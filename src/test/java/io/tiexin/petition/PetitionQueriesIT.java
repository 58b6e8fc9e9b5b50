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

import io.tiexin.StatementCounter;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.geo.ChinaDatumShift;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

import org.springframework.beans.factory.annotation.Autowired;
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
	DevTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaCatalog areas;

	PetitionApi api;

	@BeforeEach
	void setUp() {
		this.api = new PetitionApi(this.tokens, this.jdbc);
	}

	@Test
	void concurrentRetriesWithOneIdempotencyKeyMakeOnePetition() throws Exception {
		Point inside = cell("360322101217006").boundary().getInteriorPoint();
		String input = String.format(Locale.ROOT,
				"{title: \"水管爆裂\", categoryCode: \"WATER_SUPPLY\", channel: "
						+ "MINI_PROGRAM, location: {lon: %s, lat: %s}, idempotencyKey: \"retry-7f3a\"}",
				inside.getX(), inside.getY());
		CyclicBarrier start = new CyclicBarrier(6);
		Callable<Object> submit = () -> {
			start.await();
			return this.api.submit("citizen2", input).get("id");
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
		assertThat(this.api.submit("citizen2", input).get("id")).isEqualTo(ids.iterator().next());
	}

	@Test
	void aGcj02PointFromWeChatLandsInTheCellOfItsWgs84Origin() {
		Area cell = cell("360322105200003");
		Coordinate gcj02 = ChinaDatumShift.wgs84ToGcj02(cell.boundary().getInteriorPoint().getCoordinate());
		Map<String, Object> petition = this.api.submit("citizen",
				String.format(Locale.ROOT, "{title: \"垃圾未清运\", categoryCode: \"ENVIRONMENT\", channel: MINI_PROGRAM, "
						+ "location: {lon: %s, lat: %s, crs: GCJ02}}", gcj02.x, gcj02.y));

		assertThat(((Map<?, ?>) petition.get("grid")).get("code")).isEqualTo(cell.code());
	}

	@Test
	void aPlaceNameLandsInThatVillageGroup() {
		Map<String, Object> petition = this.api.submit("citizen",
				"{title: \"老人需要帮助\", categoryCode: \"ELDERLY_DISABLED\", channel: HOTLINE_12345, placeText: \"泉塘村六组\"}");

		assertThat(((Map<?, ?>) petition.get("grid")).get("code")).isEqualTo("360322101217006");
	}

	@Test
	void swappedCoordinatesAreRefusedAsOutOfExtentWithAHint() {
		long before = petitionCount();
		assertThat(this.api.as("citizen").document("""
				mutation { submitPetition(input: {title: "路灯", categoryCode: "STREET_LIGHT", channel: MINI_PROGRAM,
				    location: {lon: 27.88, lat: 113.83}}) { id } }""").execute().returnResponse().getErrors())
			.singleElement()
			.satisfies(error -> {
				assertThat(error.getExtensions()).containsEntry("code", "INVALID_COORDINATES");
			});
		assertThat(this.api.as("citizen").document("""
				mutation { submitPetition(input: {title: "路灯", categoryCode: "STREET_LIGHT", channel: MINI_PROGRAM,
				    location: {lon: 27.88, lat: 13.83}}) { id } }""").execute().returnResponse().getErrors())
			.singleElement()
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
		Map<String, Object> petition = this.api.submit("citizen", String.format(Locale.ROOT,
				"{title: \"路面塌陷\", categoryCode: \"ROADS\", channel: HOTLINE_12345, location: {lon: %s, lat: %s}}",
				top.x, north + 0.01));

		assertThat(petition).containsEntry("grid", null);
		assertThat((Map<String, Object>) petition.get("location")).containsEntry("method", "UNMATCHED");
		// Nobody to dispatch it to: it waits, unassigned, for the county's officers.
		assertThat(petition).containsEntry("status", "SUBMITTED")
			.containsEntry("level", "COUNTY")
			.containsEntry("assignee", null);
		assertThat(this.jdbc.sql("SELECT area_code FROM petition WHERE id = ?")
			.param(Long.parseLong(petition.get("id").toString()))
			.query(String.class)
			.single()).isEqualTo("360322");
	}

	@Test
	void badInputIsRefusedBeforeAnythingIsStored() {
		long before = petitionCount();
		Map<String, String> refusals = Map.of("{title: \"x\", categoryCode: \"STREET_LIGHT\", channel: PATROL}",
				"VALIDATION",
				"{title: \"x\", categoryCode: \"NO_SUCH\", channel: PATROL, areaCode: \"360322101217006\"}",
				"VALIDATION",
				"{title: \"" + "长".repeat(101)
						+ "\", categoryCode: \"OTHER\", channel: PATROL, areaCode: \"360322101217\"}",
				"VALIDATION",
				"{title: \"x\", categoryCode: \"OTHER\", channel: PATROL, areaCode: \"360322101217\", mediaUrls: [\"ftp://a/b.jpg\"]}",
				"VALIDATION", "{title: \"x\", categoryCode: \"OTHER\", channel: PATROL, placeText: \"六组\"}",
				"VALIDATION", "{title: \"x\", categoryCode: \"OTHER\", channel: PATROL, placeText: \"火星村\"}",
				"VALIDATION", "{title: \"x\", categoryCode: \"OTHER\", channel: PATROL, areaCode: \"999999\"}",
				"VALIDATION", "{title: \"x\", categoryCode: \"OTHER\", channel: FAX, areaCode: \"360322101217\"}",
				"VALIDATION");
		refusals.forEach((input,
				code) -> assertThat(this.api.as("citizen")
					.document("mutation { submitPetition(input: " + input + ") { id } }")
					.execute()
					.returnResponse()
					.getErrors()).as(input)
					.singleElement()
					.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", code)));
		assertThat(petitionCount()).isEqualTo(before);
	}

	@Test
	void nearbyPetitionsComeNearestFirstWithTheDistancesPostgisMeasures() {
		Area cell = cell("360322203200001");
		Point center = cell.boundary().getInteriorPoint();
		for (int i = 0; i < 12; i++) {
			this.api.submit("citizen", String.format(Locale.ROOT,
					"{title: \"附近%d\", categoryCode: \"SAFETY_HAZARD\", channel: PATROL, location: {lon: %s, lat: %s}}",
					i, center.getX() + (i - 6) * 0.0004, center.getY() + ((i * 7) % 5 - 2) * 0.0003));
		}
		List<Map<String, Object>> nearby = this.api.as("admin")
			.document(String.format(Locale.ROOT, "{ nearbyPetitions(near: {lon: %s, lat: %s}, radiusMeters: 400, "
					+ "filter: {categoryCode: [\"SAFETY_HAZARD\"]}, first: 8) { distanceMeters petition { id } } }",
					center.getX(), center.getY()))
			.execute()
			.path("nearbyPetitions")
			.entityList(PetitionApi.MAP)
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
			assertThat(((Map<?, ?>) nearby.get(i).get("petition")).get("id"))
				.isEqualTo(postgis.get(i).get("id").toString());
			assertThat((Double) nearby.get(i).get("distanceMeters"))
				.isCloseTo(((Number) postgis.get(i).get("d")).doubleValue(), within(0.001));
		}
		assertThat(this.api.as("admin")
			.document(String.format(Locale.ROOT,
					"{ nearbyPetitions(near: {lon: %s, lat: %s}, radiusMeters: 50000) { distanceMeters } }",
					center.getX(), center.getY()))
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
			Map<String, Object> page = this.api.as("admin")
				.document("query($after: String) { petitions(filter: {areaCode: \"" + cellCode + "\"}, first: 100, "
						+ "after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }")
				.variable("after", after)
				.execute()
				.path("petitions")
				.entity(PetitionApi.MAP)
				.get();
			for (Object edge : (List<?>) page.get("edges")) {
				seen.add(Long.parseLong(((Map<?, ?>) ((Map<?, ?>) edge).get("node")).get("id").toString()));
			}
			Map<?, ?> pageInfo = (Map<?, ?>) page.get("pageInfo");
			after = Boolean.TRUE.equals(pageInfo.get("hasNextPage")) ? (String) pageInfo.get("endCursor") : null;
			// New petitions keep arriving between pages.
			this.api.submit("citizen",
					"{title: \"新诉求\", categoryCode: \"OTHER\", channel: PATROL, areaCode: \"" + cellCode + "\"}");
			pages++;
		}
		while (after != null && pages < 50);

		assertThat(seen).doesNotHaveDuplicates();
		assertThat(seen).filteredOn(old::contains).hasSize(1000);
	}

	@Test
	void aPageOfPetitionsWithEveryNestedFieldCostsTheSameFewStatementsWhateverItsSize() {
		for (int i = 0; i < 100; i++) {
			this.api.submit("citizen", "{title: \"批量" + i + "\", categoryCode: \"STREET_LIGHT\", channel: PATROL, "
					+ "areaCode: \"360322102200001\"}");
		}
		long tenRows = statementsForPage(10);
		long hundredRows = statementsForPage(100);

		assertThat(hundredRows).isEqualTo(tenRows).isLessThanOrEqualTo(12);
		System.out.printf("statements for a 100-petition page with all nested fields: %d%n", hundredRows);
	}

	private long statementsForPage(int size) {
		HttpGraphQlTester admin = this.tokens.as("admin");
		String document = "{ petitions(filter: {areaCode: \"360322102200001\"}, first: " + size + ") { totalCount "
				+ "edges { node { id trackingNumber category { name } grid { code name } area { name } "
				+ "assignee { name openCases } liaison { name } location { method point } overdue "
				+ "timeline { type actor { name } } possibleDuplicates { id } } } } }";
		admin.document(document).execute().path("petitions.edges").entityList(Object.class).hasSize(size);
		long before = StatementCounter.count();
		admin.document(document).execute().path("petitions.edges").entityList(Object.class).hasSize(size);
		return StatementCounter.count() - before;
	}

	private long petitionCount() {
		return this.jdbc.sql("SELECT count(*) FROM petition").query(Long.class).single();
	}

	private Area cell(String code) {
		return this.areas.find(code).orElseThrow();
	}

}
