package io.tiexin.meeting;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.geo.ChinaDatumShift;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
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

	/** A meeting's fields ({@code graphql-test/meeting/meetingFields}). */
	static final String FIELDS = "meeting/meetingFields";

	@Autowired
	GraphQlClient client;

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
		Map<String, Object> planned = plan("liaison-" + this.village,
				Map.of("title", "屋场贴心会:水渠修缮", "location", Map.of("lon", gcj.x, "lat", gcj.y, "crs", "GCJ02"),
						"scheduledAt", OffsetDateTime.now().plusDays(2).toString(), "agenda", "水渠、路灯"));
		assertThat(planned.get("status")).isEqualTo("PLANNED");
		String id = (String) planned.get("id");
		List<?> point = (List<?>) ((Map<?, ?>) ((Map<?, ?>) planned.get("place")).get("point")).get("coordinates");
		assertThat((Double) point.get(0)).isCloseTo(inside.getX(), within(1e-5));
		Map<String, Object> before = stats("admin");
		long cadreId = personId("cadre-" + this.village);
		Map<String, Object> held = record("liaison-" + this.village, id, (Integer) planned.get("version"),
				Map.of("heldAt", OffsetDateTime.now().minusHours(1).toString(), "attendeeIds",
						List.of(Long.toString(cadreId)), "householdCount", 40, "attendance", 62, "summary", "议定水渠分段修缮",
						"items",
						List.of(Map.of("text", "组里路灯坏了三盏", "raisedBy", "张大伯", "categoryCode", "STREET_LIGHT"),
								Map.of("text", "低保申请怎么办", "raisedBy", "李婶", "answer", "村委当场说明了办理流程"),
								Map.of("text", "村道塌方需要修", "raisedBy", "王建国", "categoryCode", "ROADS"))));
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
				assertThat((String) ((Map<?, ?>) event).get("note")).contains("屋场贴心会:水渠修缮")
					.contains("会议 " + GraphQlClient.number(id));
			});
			assertThat(((Map<?, ?>) petition.get("meeting")).get("id")).isEqualTo(id);
		}
		assertThat(this.jdbc.sql("SELECT submitter_id FROM petition WHERE id = ?")
			.param(GraphQlClient.number((String) ((Map<?, ?>) items.get(0).get("petition")).get("id")))
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
		this.client.as("liaison-" + this.village)
			.documentName("petition/withdrawPetitionStatus")
			.variable("id", third.get("id"))
			.variable("reason", "已自行解决")
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
		Map<String, Object> valid = Map.of("text", "路灯坏了", "categoryCode", "STREET_LIGHT");
		String anHourAgo = OffsetDateTime.now().minusHours(1).toString();
		assertThat(recordRefusal(this.officer, id, null, Map.of("heldAt", anHourAgo, "attendance", 10, "summary", "纪要",
				"items", List.of(valid, Map.of("text", "没有类别也没有答复")))))
			.isEqualTo("VALIDATION");
		assertThat(recordRefusal(this.officer, id, null, Map.of("heldAt", anHourAgo, "attendance", 10, "summary", "纪要",
				"items", List.of(valid, Map.of("text", "x", "categoryCode", "NOPE")))))
			.isEqualTo("VALIDATION");
		assertThat(recordRefusal(this.officer, id, null, Map.of("heldAt", OffsetDateTime.now().plusDays(1).toString(),
				"attendance", 10, "summary", "纪要", "items", List.of())))
			.isEqualTo("VALIDATION");
		assertThat(recordRefusal(this.officer, id, null,
				Map.of("heldAt", anHourAgo, "attendance", -1, "summary", "纪要", "items", List.of())))
			.isEqualTo("VALIDATION");
		assertThat(recordRefusal(this.officer, id, null,
				Map.of("heldAt", anHourAgo, "attendance", 10, "summary", " ", "items", List.of())))
			.isEqualTo("VALIDATION");
		assertThat(recordRefusal(this.officer, id, null, Map.of("heldAt", anHourAgo, "attendeeIds",
				List.of("999999999"), "attendance", 10, "summary", "纪要", "items", List.of())))
			.isEqualTo("VALIDATION");
		assertThat(count("SELECT count(*) FROM petition")).isEqualTo(petitions);
		assertThat(count("SELECT count(*) FROM meeting_item")).isEqualTo(items);
		assertThat(meeting(this.officer, id).get("status")).isEqualTo("PLANNED");
	}

	@Test
	void staleVersionsWrongStatesWrongPeopleAreRefused() {
		String id = planHere();
		Map<String, Object> input = Map.of("heldAt", OffsetDateTime.now().minusHours(1).toString(), "attendance", 10,
				"summary", "纪要", "items", List.of(Map.of("text", "谢谢", "answer", "不客气")));
		assertThat(recordRefusal(this.officer, id, 7, input)).isEqualTo("STALE_VERSION");
		assertThat(recordRefusal("gm-" + this.areas.children(this.village).get(0).code(), id, null, input))
			.isEqualTo("FORBIDDEN");
		assertThat(recordRefusal("officer-360322101", id, null, input)).isEqualTo("FORBIDDEN");
		assertThat(recordRefusal("citizen", id, null, input)).isEqualTo("FORBIDDEN");
		Map<String, Object> held = record(this.officer, id, 0, input);
		assertThat(held.get("status")).isEqualTo("HELD");
		assertThat(recordRefusal(this.officer, id, null, input)).isEqualTo("INVALID_TRANSITION");
		assertThat(code(refusal(cancel(this.officer, id, "下雨", null)))).isEqualTo("INVALID_TRANSITION");
		assertThat(recordRefusal(this.officer, "999999999", null, input)).isEqualTo("NOT_FOUND");
	}

	@Test
	void plannedMeetingsAreCancelledByTheirConvenerOrAnOfficerOnly() {
		String id = planHere();
		assertThat(code(refusal(cancel("cadre-" + this.areas.children("360322200").get(4).code(), id, "下雨", null))))
			.isEqualTo("FORBIDDEN");
		assertThat(code(refusal(cancel(this.officer, id, " ", null)))).isEqualTo("VALIDATION");
		assertThat(code(refusal(cancel(this.officer, id, "下雨", 5)))).isEqualTo("STALE_VERSION");
		this.client.as("cadre-" + this.village)
			.documentName("meeting/cancelMeeting")
			.variable("id", id)
			.variable("reason", "暴雨改期")
			.variable("version", 0)
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
		String tomorrow = OffsetDateTime.now().plusDays(1).toString();
		Map<String, Object> in = Map.of("title", "会", "areaCode", this.village, "scheduledAt", tomorrow);
		assertThat(code(refusal(planId("citizen", in)))).isEqualTo("FORBIDDEN");
		assertThat(code(refusal(planId("planner", in)))).isEqualTo("FORBIDDEN");
		assertThat(code(refusal(planId("gm-" + this.areas.children(this.village).get(0).code(), in))))
			.isEqualTo("FORBIDDEN");
		assertThat(code(refusal(planId("liaison-360322101001", in)))).isEqualTo("FORBIDDEN");
		assertThat(code(refusal(planId("officer-360322101", in)))).isEqualTo("FORBIDDEN");
		assertThat(code(
				refusal(planId(this.officer, Map.of("title", "", "areaCode", this.village, "scheduledAt", tomorrow)))))
			.isEqualTo("VALIDATION");
		assertThat(code(refusal(planId(this.officer, Map.of("title", "会", "scheduledAt", tomorrow)))))
			.isEqualTo("VALIDATION");
		assertThat(code(refusal(planId(this.officer, Map.of("title", "会", "areaCode", this.village, "scheduledAt",
				OffsetDateTime.now().plusYears(3).toString())))))
			.isEqualTo("VALIDATION");
		assertThat(code(refusal(planId(this.officer,
				Map.of("title", "会", "location", Map.of("lon", 100.0, "lat", 30.0), "scheduledAt", tomorrow)))))
			.isEqualTo("OUT_OF_EXTENT");
		// By place name, as petitions are located.
		String villageName = this.areas.find(this.village).orElseThrow().name();
		Map<String, Object> byName = plan("cadre-" + this.village,
				Map.of("title", "按地名", "placeText", villageName, "scheduledAt", tomorrow));
		assertThat(((Map<?, ?>) byName.get("area")).get("code")).isEqualTo(this.village);
	}

	@Test
	void upcomingMeetingsArePublicWithoutNames() {
		String id = planHere();
		GraphQlTester.Response notice = this.anonymous.documentName("meeting/upcomingMeetings")
			.variable("areaCode", this.village)
			.execute();
		notice.path("upcomingMeetings[*].id").entityList(String.class).contains(id);
		List<ResponseError> errors = this.anonymous.documentName("meeting/upcomingMeetingsWithConvener")
			.variable("areaCode", this.village)
			.execute()
			.returnResponse()
			.getErrors();
		assertThat(errors).isNotEmpty();
		assertThat(errors.get(0).getExtensions()).containsEntry("code", "FORBIDDEN");
		assertThat(code(this.anonymous.documentName("meeting/meetingId")
			.variable("id", id)
			.execute()
			.returnResponse()
			.getErrors()
			.get(0))).isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void namesAreMaskedForStaffWhoDoNotHandleTheArea() {
		String id = planHere();
		record(this.officer, id, 0,
				Map.of("heldAt", OffsetDateTime.now().minusHours(1).toString(), "attendeeIds",
						List.of(Long.toString(personId("cadre-" + this.village))), "attendance", 5, "summary", "纪要",
						"items", List.of(Map.of("text", "谢谢", "raisedBy", "欧阳大伯", "answer", "不客气"))));
		Map<String, Object> asOfficer = meeting(this.officer, id);
		assertThat(items(asOfficer).get(0).get("raisedBy")).isEqualTo("欧阳大伯");
		String gm = "gm-" + this.areas.children(this.village).get(0).code();
		Map<String, Object> asGridMember = meeting(gm, id);
		assertThat(items(asGridMember).get(0).get("raisedBy")).isEqualTo("欧***");
		String cadreName = (String) ((Map<?, ?>) ((List<?>) asOfficer.get("attendees")).get(0)).get("name");
		Map<?, ?> maskedAttendee = (Map<?, ?>) ((List<?>) asGridMember.get("attendees")).get(0);
		assertThat(maskedAttendee.get("name")).isEqualTo(cadreName.charAt(0) + "*".repeat(cadreName.length() - 1));
		assertThat(maskedAttendee.get("username")).isEqualTo("");
		assertThat(code(this.client.as("officer-360322101")
			.documentName("meeting/meetingId")
			.variable("id", id)
			.execute()
			.returnResponse()
			.getErrors()
			.get(0))).isEqualTo("FORBIDDEN");
		assertThat(code(this.client.planner()
			.documentName("meeting/meetingId")
			.variable("id", id)
			.execute()
			.returnResponse()
			.getErrors()
			.get(0))).isEqualTo("FORBIDDEN");
	}

	@Test
	void meetingsArePagedAndFilteredByStatus() {
		String a = planHere();
		String b = planHere();
		GraphQlTester.Response first = plannedMeetings(this.officer).execute();
		assertThat(first.path("meetings.totalCount").entity(Integer.class).get()).isGreaterThanOrEqualTo(2);
		first.path("meetings.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		String firstId = first.path("meetings.edges[0].node.id").entity(String.class).get();
		String cursor = first.path("meetings.pageInfo.endCursor").entity(String.class).get();
		String secondId = plannedMeetings(this.officer).variable("after", cursor)
			.execute()
			.path("meetings.edges[0].node.id")
			.entity(String.class)
			.get();
		assertThat(secondId).isNotEqualTo(firstId);
		assertThat(List.of(a, b)).isNotEmpty();
		assertThat(code(plannedMeetings("citizen").execute().returnResponse().getErrors().get(0)))
			.isEqualTo("FORBIDDEN");
		assertThat(code(plannedMeetings("officer-360322101").execute().returnResponse().getErrors().get(0)))
			.isEqualTo("FORBIDDEN");
	}

	@Test
	void theMeetingsLayerHoldsTheAreasMeetingsAsPoints() {
		String id = planHere();
		Map<?, ?> layer = this.client.planner()
			.documentName("meeting/meetingsLayer")
			.variable("areaCode", this.village)
			.execute()
			.path("meetingsLayer")
			.entity(Map.class)
			.get();
		assertThat(layer.get("type")).isEqualTo("FeatureCollection");
		assertThat((List<?>) layer.get("features")).anySatisfy(f -> {
			assertThat(((Map<?, ?>) f).get("id")).isEqualTo(Long.toString(GraphQlClient.number(id)));
			assertThat(((Map<?, ?>) ((Map<?, ?>) f).get("geometry")).get("type")).isEqualTo("Point");
		});
		assertThat(code(this.client.citizen()
			.documentName("meeting/meetingsLayer")
			.variable("areaCode", this.village)
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
		for (GraphQlTester.Request<?> step : List.of(
				this.client.as(assignee).documentName("petition/acceptPetitionStatus").variable("id", petitionId),
				this.client.as(assignee).documentName("petition/startPetitionStatus").variable("id", petitionId),
				this.client.as(assignee)
					.documentName("petition/resolvePetitionStatus")
					.variable("id", petitionId)
					.variable("note", "已修好"))) {
			step.execute().errors().verify();
		}
		this.client.as(this.officer)
			.documentName("petition/closePetitionStatus")
			.variable("id", petitionId)
			.variable("note", "现场核实")
			.execute()
			.path("closePetition.status")
			.entity(String.class)
			.isEqualTo("CLOSED");
	}

	private Map<String, Object> stats(String username) {
		return this.client.as(username)
			.documentName("meeting/meetingStats")
			.variable("code", this.village)
			.execute()
			.path("area.stats")
			.entity(MAP)
			.get();
	}

	private String planHere() {
		return (String) plan(this.officer, Map.of("title", "屋场贴心会", "areaCode", this.village, "scheduledAt",
				OffsetDateTime.now().plusDays(3).toString(), "agenda", "听民声"))
			.get("id");
	}

	/** {@code planMeeting} with this {@code PlanMeetingInput}; the meeting. */
	private Map<String, Object> plan(String username, Map<String, Object> input) {
		return this.client.as(username)
			.documentName("meeting/planMeeting")
			.fragmentName(FIELDS)
			.variable("input", input)
			.execute()
			.path("planMeeting")
			.entity(MAP)
			.get();
	}

	/** {@code recordMeeting} with this {@code RecordMeetingInput}; the meeting. */
	private Map<String, Object> record(String username, String id, Integer version, Map<String, Object> input) {
		return this.client.as(username)
			.documentName("meeting/recordMeeting")
			.fragmentName(FIELDS)
			.variable("id", id)
			.variable("input", input)
			.variable("version", version)
			.execute()
			.path("recordMeeting")
			.entity(MAP)
			.get();
	}

	private String recordRefusal(String username, String id, Integer version, Map<String, Object> input) {
		return code(refusal(this.client.as(username)
			.documentName("meeting/recordMeetingId")
			.variable("id", id)
			.variable("input", input)
			.variable("version", version)));
	}

	private GraphQlTester.Request<?> planId(String username, Map<String, Object> input) {
		return this.client.as(username).documentName("meeting/planMeetingId").variable("input", input);
	}

	private GraphQlTester.Request<?> cancel(String username, String id, String reason, Integer version) {
		return this.client.as(username)
			.documentName("meeting/cancelMeetingId")
			.variable("id", id)
			.variable("reason", reason)
			.variable("version", version);
	}

	private GraphQlTester.Request<?> plannedMeetings(String username) {
		return this.client.as(username).documentName("meeting/plannedMeetingsPage").variable("areaCode", this.village);
	}

	/** The single error of a mutation expected to be refused. */
	private static ResponseError refusal(GraphQlTester.Request<?> request) {
		List<ResponseError> errors = request.execute().returnResponse().getErrors();
		assertThat(errors).hasSize(1);
		return errors.get(0);
	}

	private Map<String, Object> meeting(String username, String id) {
		return this.client.as(username)
			.documentName("meeting/meeting")
			.fragmentName(FIELDS)
			.variable("id", id)
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
