package io.tiexin.meeting;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * House-yard meetings over GraphQL: planning, recording with items that become petitions,
 * items following their petitions, the figures, and every refusal.
 */
@TiexinIntegrationTest
class MeetingIT {

	static final String FIELDS = "id title status version scheduledAt heldAt agenda summary attendance householdCount "
			+ "openItems place { point method grid { code } } area { code } convener { username name } "
			+ "attendees { username name } items { text raisedBy status answer categoryCode "
			+ "petition { id channel status assignee { username } location { point grid { code } } "
			+ "timeline { type note } meeting { id } } }";

	@Autowired
	DevTokens tokens;

	@Autowired
	HttpGraphQlTester anonymous;

	@Autowired
	AreaCatalog areas;

	@Autowired
	JdbcClient jdbc;

	/** A village of a township (360322200) that other tests leave alone. */
	String village;

	String officer;

	@BeforeEach
	void pickVillage() {
		this.village = this.areas.children("360322200").get(3).code();
		this.officer = "officer-360322200";
	}

	@Test
	void aMeetingRecordedWithThreeItemsFilesTwoDispatchedPetitionsAtItsPlaceAndFollowsThem() {
		Point inside = interior(this.village);
		Coordinate gcj = ChinaDatumShift.wgs84ToGcj02(inside.getCoordinate());
		Map<String, Object> planned = plan("liaison-" + this.village, String.format(Locale.ROOT,
				"{title: \"屋场贴心会:水渠修缮\", location: {lon: %s, lat: %s, crs: GCJ02}, scheduledAt: \"%s\", agenda: \"水渠、路灯\"}",
				gcj.x, gcj.y, OffsetDateTime.now().plusDays(2)));
		assertThat(planned.get("status")).isEqualTo("PLANNED");
		String id = (String) planned.get("id");
		List<?> point = (List<?>) ((Map<?, ?>) ((Map<?, ?>) planned.get("place")).get("point")).get("coordinates");
		assertThat((Double) point.get(0)).isCloseTo(inside.getX(), within(1e-5));
		Map<String, Object> before = stats("admin");
		long cadreId = personId("cadre-" + this.village);
		Map<String, Object> held = record("liaison-" + this.village, id, (Integer) planned.get("version"),
				"{heldAt: \"" + OffsetDateTime.now().minusHours(1) + "\", attendeeIds: [\"" + cadreId
						+ "\"], householdCount: 40, attendance: 62, summary: \"议定水渠分段修缮\", items: ["
						+ "{text: \"组里路灯坏了三盏\", raisedBy: \"张大伯\", categoryCode: \"STREET_LIGHT\"},"
						+ "{text: \"低保申请怎么办\", raisedBy: \"李婶\", answer: \"村委当场说明了办理流程\"},"
						+ "{text: \"村道塌方需要修\", raisedBy: \"王建国\", categoryCode: \"ROADS\"}]}");
		assertThat(held.get("status")).isEqualTo("HELD");
		assertThat(held.get("openItems")).isEqualTo(2);
		List<Map<String, Object>> items = items(held);
		assertThat(items).extracting(i -> i.get("status")).containsExactly("FILED", "ANSWERED_ON_SITE", "FILED");
		assertThat(items.get(1).get("petition")).isNull();
		Map<?, ?> meetingPlace = (Map<?, ?>) held.get("place");
		for (Map<String, Object> item : List.of(items.get(0), items.get(2))) {
			Map<?, ?> petition = (Map<?, ?>) item.get("petition");
			assertThat(petition.get("channel")).isEqualTo("MEETING");
			assertThat(petition.get("status")).isEqualTo("ASSIGNED");
			assertThat(petition.get("assignee")).isNotNull();
			Map<?, ?> location = (Map<?, ?>) petition.get("location");
			assertThat(location.get("point")).isEqualTo(meetingPlace.get("point"));
			assertThat(location.get("grid")).isEqualTo(meetingPlace.get("grid"));
			assertThat((List<?>) petition.get("timeline")).anySatisfy(event -> {
				assertThat(((Map<?, ?>) event).get("type")).isEqualTo("MEETING");
				assertThat((String) ((Map<?, ?>) event).get("note")).contains("屋场贴心会:水渠修缮").contains(id);
			});
			assertThat(((Map<?, ?>) petition.get("meeting")).get("id")).isEqualTo(id);
		}
		assertThat(this.jdbc.sql("SELECT submitter_id FROM petition WHERE id = ?")
			.param(Long.parseLong((String) ((Map<?, ?>) items.get(0).get("petition")).get("id")))
			.query(Long.class)
			.single()).isEqualTo(personId("liaison-" + this.village));
		Map<String, Object> afterRecord = stats("admin");
		assertThat(afterRecord.get("meetings")).isEqualTo((Integer) before.get("meetings") + 1);
		assertThat(afterRecord.get("meetingItems")).isEqualTo((Integer) before.get("meetingItems") + 3);
		assertRateEqualsPlainCount(afterRecord);

		// Closing one petition closes its item, and the rate moves.
		Map<?, ?> first = (Map<?, ?>) items.get(0).get("petition");
		closeThroughItsLifecycle((String) first.get("id"),
				(String) ((Map<?, ?>) first.get("assignee")).get("username"));
		Map<String, Object> after = meeting("liaison-" + this.village, id);
		assertThat(items(after)).extracting(i -> i.get("status"))
			.containsExactly("CLOSED", "ANSWERED_ON_SITE", "FILED");
		assertThat(after.get("openItems")).isEqualTo(1);
		Map<String, Object> afterClose = stats("admin");
		assertThat((Double) afterClose.get("meetingItemsClosedRate"))
			.isGreaterThan((Double) afterRecord.get("meetingItemsClosedRate"));
		assertRateEqualsPlainCount(afterClose);

		// Withdrawing the other (by its submitter, the convener) closes its item too.
		Map<?, ?> third = (Map<?, ?>) items.get(2).get("petition");
		this.tokens.as("liaison-" + this.village)
			.document("mutation { withdrawPetition(id: \"" + third.get("id") + "\", reason: \"已自行解决\") { status } }")
			.execute()
			.path("withdrawPetition.status")
			.entity(String.class)
			.isEqualTo("WITHDRAWN");
		assertThat(meeting("liaison-" + this.village, id).get("openItems")).isEqualTo(0);
		assertRateEqualsPlainCount(stats("admin"));
	}

	@Test
	void aRefusedRecordingChangesNothing() {
		String id = planHere();
		long petitions = count("SELECT count(*) FROM petition");
		long items = count("SELECT count(*) FROM meeting_item");
		String valid = "{text: \"路灯坏了\", categoryCode: \"STREET_LIGHT\"}";
		assertThat(recordRefusal(this.officer, id, null, "{heldAt: \"" + OffsetDateTime.now().minusHours(1)
				+ "\", attendance: 10, summary: \"纪要\", items: [" + valid + ", {text: \"没有类别也没有答复\"}]}"))
			.isEqualTo("VALIDATION");
		assertThat(recordRefusal(this.officer, id, null,
				"{heldAt: \"" + OffsetDateTime.now().minusHours(1) + "\", attendance: 10, summary: \"纪要\", items: ["
						+ valid + ", {text: \"x\", categoryCode: \"NOPE\"}]}"))
			.isEqualTo("VALIDATION");
		assertThat(recordRefusal(this.officer, id, null,
				"{heldAt: \"" + OffsetDateTime.now().plusDays(1) + "\", attendance: 10, summary: \"纪要\", items: []}"))
			.isEqualTo("VALIDATION");
		assertThat(recordRefusal(this.officer, id, null,
				"{heldAt: \"" + OffsetDateTime.now().minusHours(1) + "\", attendance: -1, summary: \"纪要\", items: []}"))
			.isEqualTo("VALIDATION");
		assertThat(recordRefusal(this.officer, id, null,
				"{heldAt: \"" + OffsetDateTime.now().minusHours(1) + "\", attendance: 10, summary: \" \", items: []}"))
			.isEqualTo("VALIDATION");
		assertThat(recordRefusal(this.officer, id, null,
				"{heldAt: \"" + OffsetDateTime.now().minusHours(1)
						+ "\", attendeeIds: [\"999999999\"], attendance: 10, summary: \"纪要\", items: []}"))
			.isEqualTo("VALIDATION");
		assertThat(count("SELECT count(*) FROM petition")).isEqualTo(petitions);
		assertThat(count("SELECT count(*) FROM meeting_item")).isEqualTo(items);
		assertThat(meeting(this.officer, id).get("status")).isEqualTo("PLANNED");
	}

	@Test
	void staleVersionsWrongStatesWrongPeopleAreRefused() {
		String id = planHere();
		String input = "{heldAt: \"" + OffsetDateTime.now().minusHours(1)
				+ "\", attendance: 10, summary: \"纪要\", items: [{text: \"谢谢\", answer: \"不客气\"}]}";
		assertThat(recordRefusal(this.officer, id, 7, input)).isEqualTo("STALE_VERSION");
		assertThat(recordRefusal("gm-" + this.areas.children(this.village).get(0).code(), id, null, input))
			.isEqualTo("FORBIDDEN");
		assertThat(recordRefusal("officer-360322101", id, null, input)).isEqualTo("FORBIDDEN");
		assertThat(recordRefusal("citizen", id, null, input)).isEqualTo("FORBIDDEN");
		Map<String, Object> held = record(this.officer, id, 0, input);
		assertThat(held.get("status")).isEqualTo("HELD");
		assertThat(recordRefusal(this.officer, id, null, input)).isEqualTo("INVALID_TRANSITION");
		assertThat(code(mutation(this.officer, "cancelMeeting(id: \"" + id + "\", reason: \"下雨\")")))
			.isEqualTo("INVALID_TRANSITION");
		assertThat(code(mutation(this.officer, "recordMeeting(id: \"999999999\", input: " + input + ")")))
			.isEqualTo("NOT_FOUND");
	}

	@Test
	void plannedMeetingsAreCancelledByTheirConvenerOrAnOfficerOnly() {
		String id = planHere();
		assertThat(code(mutation("cadre-" + this.areas.children("360322200").get(4).code(),
				"cancelMeeting(id: \"" + id + "\", reason: \"下雨\")")))
			.isEqualTo("FORBIDDEN");
		assertThat(code(mutation(this.officer, "cancelMeeting(id: \"" + id + "\", reason: \" \")")))
			.isEqualTo("VALIDATION");
		assertThat(code(mutation(this.officer, "cancelMeeting(id: \"" + id + "\", reason: \"下雨\", version: 5)")))
			.isEqualTo("STALE_VERSION");
		this.tokens.as("cadre-" + this.village)
			.document("mutation { cancelMeeting(id: \"" + id
					+ "\", reason: \"暴雨改期\", version: 0) { status version cancelReason } }")
			.execute()
			.path("cancelMeeting.status")
			.entity(String.class)
			.isEqualTo("CANCELLED")
			.path("cancelMeeting.version")
			.entity(Integer.class)
			.isEqualTo(1);
	}

	@Test
	void onlyLiaisonsCadresAndOfficersOfThePlaceConvene() {
		String in = "{title: \"会\", areaCode: \"" + this.village + "\", scheduledAt: \""
				+ OffsetDateTime.now().plusDays(1) + "\"}";
		assertThat(code(mutation("citizen", "planMeeting(input: " + in + ")"))).isEqualTo("FORBIDDEN");
		assertThat(code(mutation("planner", "planMeeting(input: " + in + ")"))).isEqualTo("FORBIDDEN");
		assertThat(code(
				mutation("gm-" + this.areas.children(this.village).get(0).code(), "planMeeting(input: " + in + ")")))
			.isEqualTo("FORBIDDEN");
		assertThat(code(mutation("liaison-360322101001", "planMeeting(input: " + in + ")"))).isEqualTo("FORBIDDEN");
		assertThat(code(mutation("officer-360322101", "planMeeting(input: " + in + ")"))).isEqualTo("FORBIDDEN");
		assertThat(code(mutation(this.officer, "planMeeting(input: {title: \"\", areaCode: \"" + this.village
				+ "\", scheduledAt: \"" + OffsetDateTime.now().plusDays(1) + "\"})")))
			.isEqualTo("VALIDATION");
		assertThat(code(mutation(this.officer,
				"planMeeting(input: {title: \"会\", scheduledAt: \"" + OffsetDateTime.now().plusDays(1) + "\"})")))
			.isEqualTo("VALIDATION");
		assertThat(code(mutation(this.officer, "planMeeting(input: {title: \"会\", areaCode: \"" + this.village
				+ "\", scheduledAt: \"" + OffsetDateTime.now().plusYears(3) + "\"})")))
			.isEqualTo("VALIDATION");
		assertThat(code(mutation(this.officer, "planMeeting(input: {title: \"会\", location: {lon: 100.0, lat: 30.0}, "
				+ "scheduledAt: \"" + OffsetDateTime.now().plusDays(1) + "\"})")))
			.isEqualTo("OUT_OF_EXTENT");
		// By place name, as petitions are located.
		String villageName = this.areas.find(this.village).orElseThrow().name();
		Map<String, Object> byName = plan("cadre-" + this.village, "{title: \"按地名\", placeText: \"" + villageName
				+ "\", scheduledAt: \"" + OffsetDateTime.now().plusDays(1) + "\"}");
		assertThat(((Map<?, ?>) byName.get("area")).get("code")).isEqualTo(this.village);
	}

	@Test
	void upcomingMeetingsArePublicWithoutNames() {
		String id = planHere();
		GraphQlTester.Response notice = this.anonymous
			.document("{ upcomingMeetings(areaCode: \"" + this.village
					+ "\") { id title agenda scheduledAt place { point } } }")
			.execute();
		notice.path("upcomingMeetings[*].id").entityList(String.class).contains(id);
		List<ResponseError> errors = this.anonymous
			.document("{ upcomingMeetings(areaCode: \"" + this.village + "\") { id convener { name } } }")
			.execute()
			.returnResponse()
			.getErrors();
		assertThat(errors).isNotEmpty();
		assertThat(errors.get(0).getExtensions()).containsEntry("code", "FORBIDDEN");
		assertThat(code(this.anonymous.document("{ meeting(id: \"" + id + "\") { id } }")
			.execute()
			.returnResponse()
			.getErrors()
			.get(0))).isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void namesAreMaskedForStaffWhoDoNotHandleTheArea() {
		String id = planHere();
		record(this.officer, id, 0,
				"{heldAt: \"" + OffsetDateTime.now().minusHours(1) + "\", attendeeIds: [\""
						+ personId("cadre-" + this.village) + "\"], attendance: 5, summary: \"纪要\", "
						+ "items: [{text: \"谢谢\", raisedBy: \"欧阳大伯\", answer: \"不客气\"}]}");
		Map<String, Object> asOfficer = meeting(this.officer, id);
		assertThat(items(asOfficer).get(0).get("raisedBy")).isEqualTo("欧阳大伯");
		String gm = "gm-" + this.areas.children(this.village).get(0).code();
		Map<String, Object> asGridMember = meeting(gm, id);
		assertThat(items(asGridMember).get(0).get("raisedBy")).isEqualTo("欧***");
		String cadreName = (String) ((Map<?, ?>) ((List<?>) asOfficer.get("attendees")).get(0)).get("name");
		Map<?, ?> maskedAttendee = (Map<?, ?>) ((List<?>) asGridMember.get("attendees")).get(0);
		assertThat(maskedAttendee.get("name")).isEqualTo(cadreName.charAt(0) + "*".repeat(cadreName.length() - 1));
		assertThat(maskedAttendee.get("username")).isEqualTo("");
		assertThat(code(this.tokens.as("officer-360322101")
			.document("{ meeting(id: \"" + id + "\") { id } }")
			.execute()
			.returnResponse()
			.getErrors()
			.get(0))).isEqualTo("FORBIDDEN");
		assertThat(code(this.tokens.as("planner")
			.document("{ meeting(id: \"" + id + "\") { id } }")
			.execute()
			.returnResponse()
			.getErrors()
			.get(0))).isEqualTo("FORBIDDEN");
	}

	@Test
	void meetingsArePagedAndFilteredByStatus() {
		String a = planHere();
		String b = planHere();
		String query = "query($after: String) { meetings(areaCode: \"" + this.village
				+ "\", status: [PLANNED], first: 1, after: $after) { totalCount edges { cursor node { id status } } "
				+ "pageInfo { hasNextPage endCursor } } }";
		GraphQlTester.Response first = this.tokens.as(this.officer).document(query).execute();
		assertThat(first.path("meetings.totalCount").entity(Integer.class).get()).isGreaterThanOrEqualTo(2);
		first.path("meetings.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		String firstId = first.path("meetings.edges[0].node.id").entity(String.class).get();
		String cursor = first.path("meetings.pageInfo.endCursor").entity(String.class).get();
		String secondId = this.tokens.as(this.officer)
			.document(query)
			.variable("after", cursor)
			.execute()
			.path("meetings.edges[0].node.id")
			.entity(String.class)
			.get();
		assertThat(secondId).isNotEqualTo(firstId);
		assertThat(List.of(a, b)).isNotEmpty();
		assertThat(code(this.tokens.as("citizen").document(query).execute().returnResponse().getErrors().get(0)))
			.isEqualTo("FORBIDDEN");
		assertThat(
				code(this.tokens.as("officer-360322101").document(query).execute().returnResponse().getErrors().get(0)))
			.isEqualTo("FORBIDDEN");
	}

	@Test
	void theMeetingsLayerHoldsTheAreasMeetingsAsPoints() {
		String id = planHere();
		Map<?, ?> layer = this.tokens.as("planner")
			.document("{ meetingsLayer(areaCode: \"" + this.village + "\") }")
			.execute()
			.path("meetingsLayer")
			.entity(Map.class)
			.get();
		assertThat(layer.get("type")).isEqualTo("FeatureCollection");
		assertThat((List<?>) layer.get("features")).anySatisfy(f -> {
			assertThat(((Map<?, ?>) f).get("id")).isEqualTo(id);
			assertThat(((Map<?, ?>) ((Map<?, ?>) f).get("geometry")).get("type")).isEqualTo("Point");
		});
		assertThat(code(this.tokens.as("citizen")
			.document("{ meetingsLayer(areaCode: \"" + this.village + "\") }")
			.execute()
			.returnResponse()
			.getErrors()
			.get(0))).isEqualTo("FORBIDDEN");
	}

	private void assertRateEqualsPlainCount(Map<String, Object> stats) {
		Map<String, Object> plain = this.jdbc.sql("""
				SELECT count(*) AS items, count(*) FILTER (WHERE i.status IN ('ANSWERED_ON_SITE', 'CLOSED')) AS closed
				FROM meeting_item i JOIN meeting m ON m.id = i.meeting_id WHERE m.area_code LIKE ? || '%'""")
			.param(this.village)
			.query()
			.singleRow();
		long items = ((Number) plain.get("items")).longValue();
		long closed = ((Number) plain.get("closed")).longValue();
		assertThat(((Number) stats.get("meetingItems")).longValue()).isEqualTo(items);
		assertThat((Double) stats.get("meetingItemsClosedRate")).isCloseTo((double) closed / items, within(1e-9));
	}

	private void closeThroughItsLifecycle(String petitionId, String assignee) {
		for (String step : List.of("acceptPetition(id: \"%s\")", "startPetition(id: \"%s\")",
				"resolvePetition(id: \"%s\", note: \"已修好\")")) {
			this.tokens.as(assignee)
				.document("mutation { " + step.formatted(petitionId) + " { status } }")
				.execute()
				.errors()
				.verify();
		}
		this.tokens.as(this.officer)
			.document("mutation { closePetition(id: \"" + petitionId + "\", note: \"现场核实\") { status } }")
			.execute()
			.path("closePetition.status")
			.entity(String.class)
			.isEqualTo("CLOSED");
	}

	private Map<String, Object> stats(String username) {
		return this.tokens.as(username)
			.document("{ area(code: \"" + this.village
					+ "\") { stats { meetings meetingItems meetingItemsClosedRate } } }")
			.execute()
			.path("area.stats")
			.entity(MAP)
			.get();
	}

	private String planHere() {
		return (String) plan(this.officer, "{title: \"屋场贴心会\", areaCode: \"" + this.village + "\", scheduledAt: \""
				+ OffsetDateTime.now().plusDays(3) + "\", agenda: \"听民声\"}")
			.get("id");
	}

	private Map<String, Object> plan(String username, String input) {
		return this.tokens.as(username)
			.document("mutation { planMeeting(input: " + input + ") { " + FIELDS + " } }")
			.execute()
			.path("planMeeting")
			.entity(MAP)
			.get();
	}

	private Map<String, Object> record(String username, String id, Integer version, String input) {
		return this.tokens.as(username)
			.document("mutation { recordMeeting(id: \"" + id + "\", input: " + input
					+ ((version != null) ? ", version: " + version : "") + ") { " + FIELDS + " } }")
			.execute()
			.path("recordMeeting")
			.entity(MAP)
			.get();
	}

	private String recordRefusal(String username, String id, Integer version, String input) {
		return code(mutation(username, "recordMeeting(id: \"" + id + "\", input: " + input
				+ ((version != null) ? ", version: " + version : "") + ")"));
	}

	private ResponseError mutation(String username, String call) {
		List<ResponseError> errors = this.tokens.as(username)
			.document("mutation { " + call + " { id } }")
			.execute()
			.returnResponse()
			.getErrors();
		assertThat(errors).as(call).hasSize(1);
		return errors.get(0);
	}

	private Map<String, Object> meeting(String username, String id) {
		return this.tokens.as(username)
			.document("{ meeting(id: \"" + id + "\") { " + FIELDS + " } }")
			.execute()
			.path("meeting")
			.entity(MAP)
			.get();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Map<String, Object> meeting) {
		return (List<Map<String, Object>>) meeting.get("items");
	}

	private long personId(String username) {
		return this.jdbc.sql("SELECT id FROM person WHERE username = ?").param(username).query(Long.class).single();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private Point interior(String code) {
		Area area = this.areas.find(code).orElseThrow();
		return area.boundary().getInteriorPoint();
	}

	private static String code(ResponseError error) {
		return (String) error.getExtensions().get("code");
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
