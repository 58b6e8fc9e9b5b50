package io.tiexin.liaison;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tiexin.TestClock;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.geo.ChinaDatumShift;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.liaison.internal.VisitService;
import io.tiexin.security.DevTokens;
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
	DevTokens tokens;

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
		Map<String, Object> visit = record(LIAISON, String.format(Locale.ROOT,
				"{location: {lon: %s, lat: %s, crs: GCJ02}, note: \"走访李大爷,屋顶漏雨\", householdCount: 3}", gcj.x, gcj.y));
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
		ResponseError error = refusal(LIAISON,
				String.format(Locale.ROOT, "{location: {lon: %s, lat: %s}}", elsewhere.getX(), elsewhere.getY()));
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
		Map<String, Object> visit = record(LIAISON,
				String.format(Locale.ROOT, "{location: {lon: %s, lat: %s}}", lon, east.y));
		assertThat(visit.get("id")).isNotNull();
		Point farther = interiorPoint(VILLAGE);
		double lonFar = east.x + 900 / (111_320 * Math.cos(Math.toRadians(east.y)));
		assertThat(refusal(LIAISON, String.format(Locale.ROOT, "{location: {lon: %s, lat: %s}}", lonFar, east.y))
			.getMessage()).contains("OUT_OF_AREA");
		assertThat(farther).isNotNull();
	}

	@Test
	void onlyLiaisonsAndGridMembersRecordVisits() {
		Point inside = interiorPoint(VILLAGE);
		String input = String.format(Locale.ROOT, "{location: {lon: %s, lat: %s}}", inside.getX(), inside.getY());
		assertThat(refusal("citizen", input).getExtensions()).containsEntry("code", "FORBIDDEN");
		assertThat(refusal("planner", input).getExtensions()).containsEntry("code", "FORBIDDEN");
		assertThat(refusal(OFFICER, input).getExtensions()).containsEntry("code", "FORBIDDEN");
		String cell = this.areas.children(VILLAGE).get(0).code();
		Point inCell = interiorPoint(cell);
		assertThat(record("gm-" + cell,
				String.format(Locale.ROOT, "{location: {lon: %s, lat: %s}}", inCell.getX(), inCell.getY()))
			.get("id")).isNotNull();
	}

	@Test
	void badInputIsRefusedAndNothingWritten() {
		Point inside = interiorPoint(VILLAGE);
		String at = String.format(Locale.ROOT, "lon: %s, lat: %s", inside.getX(), inside.getY());
		long before = visits();
		assertThat(code(refusal(LIAISON, "{location: {" + at + "}, householdCount: -1}"))).isEqualTo("VALIDATION");
		assertThat(code(refusal(LIAISON, "{location: {" + at + "}, note: \"" + "长".repeat(1001) + "\"}")))
			.isEqualTo("VALIDATION");
		assertThat(code(refusal(LIAISON, "{location: {" + at + "}, at: \"" + OffsetDateTime.now().plusDays(1) + "\"}")))
			.isEqualTo("VALIDATION");
		assertThat(code(refusal(LIAISON, "{location: {lon: 200, lat: 27.8}}"))).isEqualTo("INVALID_COORDINATES");
		assertThat(code(refusal(LIAISON, "{location: {" + at + "}, petitionId: \"abc\"}"))).isEqualTo("VALIDATION");
		assertThat(visits()).isEqualTo(before);
	}

	@Test
	void aVisitMayNameAPetitionThePersonMaySeeOnly() {
		Point inside = interiorPoint(VILLAGE);
		String at = String.format(Locale.ROOT, "lon: %s, lat: %s", inside.getX(), inside.getY());
		String own = this.tokens.as("citizen")
			.document(
					"mutation { submitPetition(input: {title: \"走访测试\", categoryCode: \"ROADS\", channel: MINI_PROGRAM, "
							+ "location: {" + at + "}}) { id } }")
			.execute()
			.path("submitPetition.id")
			.entity(String.class)
			.get();
		Map<String, Object> visit = record(LIAISON, "{location: {" + at + "}, petitionId: \"" + own + "\"}");
		assertThat(((Map<?, ?>) visit.get("petition")).get("id")).isEqualTo(own);
		Point far = interiorPoint("360322202208");
		String elsewhere = this.tokens.as("citizen")
			.document(
					"mutation { submitPetition(input: {title: \"别村\", categoryCode: \"ROADS\", channel: MINI_PROGRAM, "
							+ String.format(Locale.ROOT, "location: {lon: %s, lat: %s}}) { id } }", far.getX(),
									far.getY()))
			.execute()
			.path("submitPetition.id")
			.entity(String.class)
			.get();
		long before = visits();
		assertThat(code(refusal(LIAISON, "{location: {" + at + "}, petitionId: \"" + elsewhere + "\"}")))
			.isEqualTo("FORBIDDEN");
		assertThat(visits()).isEqualTo(before);
	}

	@Test
	void visitsShowThePersonInFullToSupervisorsAndMaskedToOtherStaff() {
		Point inside = interiorPoint(VILLAGE);
		record(LIAISON, String.format(Locale.ROOT, "{location: {lon: %s, lat: %s}, note: \"只给上级看\"}", inside.getX(),
				inside.getY()));
		String query = "{ visits(areaCode: \"" + VILLAGE + "\", first: 5) { totalCount edges { cursor node { "
				+ "person { username name } note } } pageInfo { hasNextPage endCursor } } }";
		GraphQlTester.Response asOfficer = this.tokens.as(OFFICER).document(query).execute();
		asOfficer.path("visits.edges[0].node.person.username").entity(String.class).isEqualTo(LIAISON);
		asOfficer.path("visits.edges[0].node.note").entity(String.class).isEqualTo("只给上级看");
		String name = asOfficer.path("visits.edges[0].node.person.name").entity(String.class).get();
		String cell = this.areas.children(VILLAGE).get(0).code();
		GraphQlTester.Response asGridMember = this.tokens.as("gm-" + cell).document(query).execute();
		asGridMember.path("visits.edges[0].node.person.name")
			.entity(String.class)
			.isEqualTo(name.charAt(0) + "*".repeat(name.length() - 1));
		asGridMember.path("visits.edges[0].node.note").valueIsNull();
		asGridMember.path("visits.edges[0].node.person.username").entity(String.class).isEqualTo("");
		assertThat(code(this.tokens.as("citizen").document(query).execute().returnResponse().getErrors().get(0)))
			.isEqualTo("FORBIDDEN");
		assertThat(
				code(this.tokens.as("officer-360322102").document(query).execute().returnResponse().getErrors().get(0)))
			.isEqualTo("FORBIDDEN");
	}

	@Test
	void visitsArePagedNewestFirstWithCursors() {
		Point inside = interiorPoint(VILLAGE);
		for (int i = 0; i < 3; i++) {
			record(LIAISON, String.format(Locale.ROOT, "{location: {lon: %s, lat: %s}, note: \"第%d次\"}", inside.getX(),
					inside.getY(), i));
		}
		String query = "query($after: String) { visits(areaCode: \"" + VILLAGE
				+ "\", first: 2, after: $after) { totalCount edges { node { id at } } pageInfo { hasNextPage endCursor } } }";
		GraphQlTester.Response first = this.tokens.as(OFFICER).document(query).execute();
		long total = first.path("visits.totalCount").entity(Long.class).get();
		assertThat(total).isGreaterThanOrEqualTo(3);
		first.path("visits.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		List<String> firstIds = first.path("visits.edges[*].node.id").entityList(String.class).get();
		String cursor = first.path("visits.pageInfo.endCursor").entity(String.class).get();
		List<String> secondIds = this.tokens.as(OFFICER)
			.document(query)
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
		String query = "{ idleLiaisons(areaCode: \"" + township + "\", days: 30) { username } }";
		Point inside = interiorPoint(village);
		this.clock.set(OffsetDateTime.now().minusDays(40));
		record(liaison, String.format(Locale.ROOT, "{location: {lon: %s, lat: %s}}", inside.getX(), inside.getY()));
		this.clock.reset();
		assertThat(idle(query)).contains(liaison);
		record(liaison, String.format(Locale.ROOT, "{location: {lon: %s, lat: %s}, at: \"%s\"}", inside.getX(),
				inside.getY(), OffsetDateTime.now().minusDays(2)));
		assertThat(idle(query)).doesNotContain(liaison);
		assertThat(idle(query)).allMatch(username -> username.startsWith("liaison-" + township));
		assertThat(
				code(this.tokens.as("cadre-" + village).document(query).execute().returnResponse().getErrors().get(0)))
			.isEqualTo("FORBIDDEN");
		assertThat(
				code(this.tokens.as("officer-360322102").document(query).execute().returnResponse().getErrors().get(0)))
			.isEqualTo("FORBIDDEN");
		assertThat(code(this.tokens.as(OFFICER)
			.document("{ idleLiaisons(areaCode: \"" + township + "\", days: 0) { username } }")
			.execute()
			.returnResponse()
			.getErrors()
			.get(0))).isEqualTo("VALIDATION");
	}

	/** Hibernate Spatial's st_within answers as PostGIS's ST_Within does. */
	@Test
	void visitsWithinAVillageByHibernateSpatialEqualTheSqlAnswer() {
		Point inside = interiorPoint(VILLAGE);
		record(LIAISON, String.format(Locale.ROOT, "{location: {lon: %s, lat: %s}}", inside.getX(), inside.getY()));
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

	private List<String> idle(String query) {
		return this.tokens.as(OFFICER)
			.document(query)
			.execute()
			.path("idleLiaisons[*].username")
			.entityList(String.class)
			.get();
	}

	private Map<String, Object> record(String username, String input) {
		return this.tokens.as(username)
			.document("mutation { recordVisit(input: " + input + ") { id at note householdCount "
					+ "person { username name } location { point method grid { code } } petition { id } } }")
			.execute()
			.path("recordVisit")
			.entity(MAP)
			.get();
	}

	private ResponseError refusal(String username, String input) {
		List<ResponseError> errors = this.tokens.as(username)
			.document("mutation { recordVisit(input: " + input + ") { id } }")
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

	private Point interiorPoint(String code) {
		return this.areas.find(code).orElseThrow().boundary().getInteriorPoint();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
