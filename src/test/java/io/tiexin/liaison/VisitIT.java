package io.tiexin.liaison;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TestClock;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.geo.ChinaDatumShift;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.liaison.internal.VisitService;
import io.tiexin.petition.PetitionFixtures;
import io.tiexin.shared.PeriodInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visits (服务报到) over GraphQL: recording, the 500 m rule, who sees what, idle liaisons.
 */
@TiexinIntegrationTest
class VisitIT {

	/** 上栗镇's first village and its liaison, cadre and township officer. */
	static final String VILLAGE = "360322101001";

	static final String LIAISON = "liaison-" + VILLAGE;

	static final String OFFICER = "officer-360322101";

	@Autowired
	GraphQlClient client;

	@Autowired
	AreaCatalog areas;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	VisitService visitService;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void aLiaisonRecordsAVisitFromAPhoneInGcj02() {
		Point inside = interiorPoint(VILLAGE);
		Coordinate gcj = ChinaDatumShift.wgs84ToGcj02(inside.getCoordinate());
		Map<String, Object> visit = record(LIAISON, Map.of("location",
				Map.of("lon", gcj.x, "lat", gcj.y, "crs", "GCJ02"), "note", "走访李大爷,屋顶漏雨", "householdCount", 3));
		assertThat(visit.get("id")).isNotNull();
		Map<?, ?> location = (Map<?, ?>) visit.get("location");
		List<?> coordinates = (List<?>) ((Map<?, ?>) location.get("point")).get("coordinates");
		assertThat((Double) coordinates.get(0)).isCloseTo(inside.getX(), org.assertj.core.data.Offset.offset(1e-5));
		assertThat((Double) coordinates.get(1)).isCloseTo(inside.getY(), org.assertj.core.data.Offset.offset(1e-5));
		assertThat(((Map<?, ?>) location.get("grid")).get("code").toString()).startsWith(VILLAGE);
		assertThat(visit.get("note")).isEqualTo("走访李大爷,屋顶漏雨");
		assertThat(((Map<?, ?>) visit.get("person")).get("username")).isEqualTo(LIAISON);
		assertThat(this.jdbc.sql("SELECT count(*) FROM visit WHERE id = ?")
			.param(Long.parseLong(visit.get("id").toString()))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aGcj02PointTakenAsWgs84WouldLandElsewhereButIsStillWithinReach() {
		// The datum shift is 300-600 m: the service must apply it, not refuse the point.
		Point inside = interiorPoint(VILLAGE);
		Coordinate gcj = ChinaDatumShift.wgs84ToGcj02(inside.getCoordinate());
		assertThat(inside.getCoordinate().distance(gcj)).isGreaterThan(0.001);
	}

	@Test
	void aPointFarOutsideThePersonsAreasIsRefusedWithOutOfArea() {
		Point elsewhere = interiorPoint("360322202208");
		long before = visits();
		ResponseError error = refusal(LIAISON, Map.of("location", at(elsewhere)));
		assertThat(error.getExtensions()).containsEntry("code", "VALIDATION");
		assertThat(error.getMessage()).contains("OUT_OF_AREA");
		assertThat(visits()).isEqualTo(before);
	}

	@Test
	void aPointJustOutsideTheVillageIsAccepted() {
		Area village = this.areas.find(VILLAGE).orElseThrow();
		// 200 m east of the village's easternmost vertex: outside, but within 500 m.
		Coordinate east = java.util.Arrays.stream(village.boundary().getCoordinates())
			.max((a, b) -> Double.compare(a.x, b.x))
			.orElseThrow();
		double lon = east.x + 200 / (111_320 * Math.cos(Math.toRadians(east.y)));
		Map<String, Object> visit = record(LIAISON, Map.of("location", Map.of("lon", lon, "lat", east.y)));
		assertThat(visit.get("id")).isNotNull();
		Point farther = interiorPoint(VILLAGE);
		double lonFar = east.x + 900 / (111_320 * Math.cos(Math.toRadians(east.y)));
		assertThat(refusal(LIAISON, Map.of("location", Map.of("lon", lonFar, "lat", east.y))).getMessage())
			.contains("OUT_OF_AREA");
		assertThat(farther).isNotNull();
	}

	@Test
	void onlyLiaisonsAndGridMembersRecordVisits() {
		Point inside = interiorPoint(VILLAGE);
		Map<String, Object> input = Map.of("location", at(inside));
		assertThat(refusal("citizen", input).getExtensions()).containsEntry("code", "FORBIDDEN");
		assertThat(refusal("planner", input).getExtensions()).containsEntry("code", "FORBIDDEN");
		assertThat(refusal(OFFICER, input).getExtensions()).containsEntry("code", "FORBIDDEN");
		String cell = this.areas.children(VILLAGE).get(0).code();
		Point inCell = interiorPoint(cell);
		assertThat(record("gm-" + cell, Map.of("location", at(inCell))).get("id")).isNotNull();
	}

	@Test
	void badInputIsRefusedAndNothingWritten() {
		Point inside = interiorPoint(VILLAGE);
		Map<String, Object> at = at(inside);
		long before = visits();
		assertThat(code(refusal(LIAISON, Map.of("location", at, "householdCount", -1)))).isEqualTo("VALIDATION");
		assertThat(code(refusal(LIAISON, Map.of("location", at, "note", "长".repeat(1001))))).isEqualTo("VALIDATION");
		assertThat(code(refusal(LIAISON, Map.of("location", at, "at", OffsetDateTime.now().plusDays(1).toString()))))
			.isEqualTo("VALIDATION");
		assertThat(code(refusal(LIAISON, Map.of("location", Map.of("lon", 200, "lat", 27.8)))))
			.isEqualTo("INVALID_COORDINATES");
		assertThat(code(refusal(LIAISON, Map.of("location", at, "petitionId", "abc")))).isEqualTo("VALIDATION");
		assertThat(visits()).isEqualTo(before);
	}

	@Test
	void aVisitMayNameAPetitionThePersonMaySeeOnly() {
		Point inside = interiorPoint(VILLAGE);
		Map<String, Object> at = at(inside);
		String own = submit("走访测试", inside);
		Map<String, Object> visit = record(LIAISON, Map.of("location", at, "petitionId", own));
		assertThat(((Map<?, ?>) visit.get("petition")).get("id")).isEqualTo(own);
		Point far = interiorPoint("360322202208");
		String elsewhere = submit("别村", far);
		long before = visits();
		assertThat(code(refusal(LIAISON, Map.of("location", at, "petitionId", elsewhere)))).isEqualTo("FORBIDDEN");
		assertThat(visits()).isEqualTo(before);
	}

	@Test
	void visitsShowThePersonInFullToSupervisorsAndMaskedToOtherStaff() {
		Point inside = interiorPoint(VILLAGE);
		record(LIAISON, Map.of("location", at(inside), "note", "只给上级看"));
		GraphQlTester.Response asOfficer = visitsWithPeople(OFFICER).execute();
		asOfficer.path("visits.edges[0].node.person.username").entity(String.class).isEqualTo(LIAISON);
		asOfficer.path("visits.edges[0].node.note").entity(String.class).isEqualTo("只给上级看");
		String name = asOfficer.path("visits.edges[0].node.person.name").entity(String.class).get();
		String cell = this.areas.children(VILLAGE).get(0).code();
		GraphQlTester.Response asGridMember = visitsWithPeople("gm-" + cell).execute();
		asGridMember.path("visits.edges[0].node.person.name")
			.entity(String.class)
			.isEqualTo(name.charAt(0) + "*".repeat(name.length() - 1));
		asGridMember.path("visits.edges[0].node.note").valueIsNull();
		asGridMember.path("visits.edges[0].node.person.username").entity(String.class).isEqualTo("");
		assertThat(code(visitsWithPeople("citizen").execute().returnResponse().getErrors().get(0)))
			.isEqualTo("FORBIDDEN");
		assertThat(code(visitsWithPeople("officer-360322102").execute().returnResponse().getErrors().get(0)))
			.isEqualTo("FORBIDDEN");
	}

	@Test
	void visitsArePagedNewestFirstWithCursors() {
		Point inside = interiorPoint(VILLAGE);
		for (int i = 0; i < 3; i++) {
			record(LIAISON, Map.of("location", at(inside), "note", "第" + i + "次"));
		}
		GraphQlTester.Response first = this.client.as(OFFICER)
			.documentName("liaison/visitsPage")
			.variable("areaCode", VILLAGE)
			.execute();
		long total = first.path("visits.totalCount").entity(Long.class).get();
		assertThat(total).isGreaterThanOrEqualTo(3);
		first.path("visits.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		List<String> firstIds = first.path("visits.edges[*].node.id").entityList(String.class).get();
		String cursor = first.path("visits.pageInfo.endCursor").entity(String.class).get();
		List<String> secondIds = this.client.as(OFFICER)
			.documentName("liaison/visitsPage")
			.variable("areaCode", VILLAGE)
			.variable("after", cursor)
			.execute()
			.path("visits.edges[*].node.id")
			.entityList(String.class)
			.get();
		assertThat(secondIds).doesNotContainAnyElementsOf(firstIds);
		assertThat(Long.parseLong(secondIds.get(0))).isLessThan(Long.parseLong(firstIds.get(1)));
	}

	@Test
	void idleLiaisonsAreThoseWithoutARecentVisit() {
		String township = "360322101";
		String village = "360322101002";
		String liaison = "liaison-" + village;
		Point inside = interiorPoint(village);
		this.clock.set(OffsetDateTime.now().minusDays(40));
		record(liaison, Map.of("location", at(inside)));
		this.clock.reset();
		assertThat(idle(township)).contains(liaison);
		record(liaison, Map.of("location", at(inside), "at", OffsetDateTime.now().minusDays(2).toString()));
		assertThat(idle(township)).doesNotContain(liaison);
		assertThat(idle(township)).allMatch(username -> username.startsWith("liaison-" + township));
		assertThat(code(idleLiaisons("cadre-" + village, township, 30).execute().returnResponse().getErrors().get(0)))
			.isEqualTo("FORBIDDEN");
		assertThat(code(idleLiaisons("officer-360322102", township, 30).execute().returnResponse().getErrors().get(0)))
			.isEqualTo("FORBIDDEN");
		assertThat(code(idleLiaisons(OFFICER, township, 0).execute().returnResponse().getErrors().get(0)))
			.isEqualTo("VALIDATION");
	}

	/** Hibernate Spatial's st_within answers as PostGIS's ST_Within does. */
	@Test
	void visitsWithinAVillageByHibernateSpatialEqualTheSqlAnswer() {
		Point inside = interiorPoint(VILLAGE);
		record(LIAISON, Map.of("location", at(inside)));
		Area village = this.areas.find(VILLAGE).orElseThrow();
		List<Long> byHibernate = this.visitService.within(village.boundary(), new PeriodInput(null, null))
			.stream()
			.map(v -> v.getId())
			.sorted()
			.toList();
		List<Long> bySql = this.jdbc
			.sql("""
					SELECT v.id FROM visit v JOIN area a ON a.code = ? WHERE ST_Within(v.point, a.boundary) ORDER BY v.id""")
			.param(VILLAGE)
			.query(Long.class)
			.list();
		assertThat(byHibernate).isNotEmpty().isEqualTo(bySql);
	}

	/** The idle liaisons of the township over 30 days, as its officer sees them. */
	private List<String> idle(String township) {
		return idleLiaisons(OFFICER, township, 30).execute()
			.path("idleLiaisons[*].username")
			.entityList(String.class)
			.get();
	}

	private GraphQlTester.Request<?> idleLiaisons(String username, String areaCode, int days) {
		return this.client.as(username)
			.documentName("liaison/idleLiaisons")
			.variable("areaCode", areaCode)
			.variable("days", days);
	}

	private GraphQlTester.Request<?> visitsWithPeople(String username) {
		return this.client.as(username).documentName("liaison/visitsWithPeople").variable("areaCode", VILLAGE);
	}

	/** A citizen's ROADS petition at the point; its id. */
	private String submit(String title, Point point) {
		Map<String, Object> input = PetitionFixtures.submissionAt(point.getX(), point.getY(), "ROADS");
		input.put("title", title);
		return this.client.citizen()
			.documentName("petition/submitPetitionId")
			.variable("input", input)
			.execute()
			.path("submitPetition.id")
			.entity(String.class)
			.get();
	}

	/** {@code recordVisit} with this {@code RecordVisitInput}; the visit. */
	private Map<String, Object> record(String username, Map<String, Object> input) {
		return this.client.as(username)
			.documentName("liaison/recordVisit")
			.variable("input", input)
			.execute()
			.path("recordVisit")
			.entity(MAP)
			.get();
	}

	private ResponseError refusal(String username, Map<String, Object> input) {
		List<ResponseError> errors = this.client.as(username)
			.documentName("liaison/recordVisitId")
			.variable("input", input)
			.execute()
			.returnResponse()
			.getErrors();
		assertThat(errors).hasSize(1);
		return errors.get(0);
	}

	private static String code(ResponseError error) {
		return (String) error.getExtensions().get("code");
	}

	private long visits() {
		return this.jdbc.sql("SELECT count(*) FROM visit").query(Long.class).single();
	}

	private static Map<String, Object> at(Point point) {
		return Map.of("lon", point.getX(), "lat", point.getY());
	}

	private Point interiorPoint(String code) {
		return this.areas.find(code).orElseThrow().boundary().getInteriorPoint();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
