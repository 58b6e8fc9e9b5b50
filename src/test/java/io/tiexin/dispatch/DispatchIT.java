package io.tiexin.dispatch;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tiexin.TestClock;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.tiexin.dispatch.DispatchApi.timeline;
import static io.tiexin.dispatch.DispatchApi.types;
import static io.tiexin.dispatch.DispatchApi.username;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic dispatch over HTTP against PostGIS: who gets a new, returned or unmatched
 * petition, the liaison in the loop, the dispatch queues, and deadlines in working time.
 * In 桐木镇's village 360322102204 (demo people), which no other test uses.
 */
@TiexinIntegrationTest
class DispatchIT {

	/** A cell with two grid members on duty. */
	static final String CELL = "360322102204004";

	static final String MEMBER = "gm-" + CELL;

	static final String SECOND_MEMBER = "gm-" + CELL + "-2";

	/** A cell whose only grid member is off duty in the demo people. */
	static final String CELL_OFF_DUTY = "360322102204003";

	static final String CADRE = "cadre-360322102204";

	static final String LIAISON = "liaison-360322102204";

	static final String OFFICER = "officer-360322102";

	@Autowired
	DevTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaCatalog areas;

	@Autowired
	TestClock clock;

	DispatchApi api;

	@BeforeEach
	void setUp() {
		this.api = new DispatchApi(this.tokens, this.jdbc);
	}

	@AfterEach
	void putEverythingBack() {
		this.clock.reset();
		for (String person : List.of(MEMBER, SECOND_MEMBER, CADRE)) {
			this.api.setOnDuty(person, true);
		}
	}

	@Test
	void theOnDutyMemberWithTheFewestOpenCasesGetsEachNewCaseAndTheLiaisonSeesIt() {
		List<Object> ids = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			int first = this.api.openCases(MEMBER);
			int second = this.api.openCases(SECOND_MEMBER);
			// Fewest open cases first; a tie goes to the lower person id, the first
			// member's.
			String expected = (second < first) ? SECOND_MEMBER : MEMBER;

			Map<String, Object> petition = this.api.submitIn(cell(CELL), "STREET_LIGHT", "NORMAL");

			assertThat(petition).containsEntry("status", "ASSIGNED").containsEntry("level", "VILLAGE");
			assertThat(username(petition, "assignee")).isEqualTo(expected);
			assertThat(username(petition, "liaison")).isEqualTo(LIAISON);
			assertThat(types(petition)).containsExactly("SUBMITTED", "ASSIGNED");
			Map<String, Object> assigned = timeline(petition).get(1);
			assertThat(assigned).containsEntry("actor", null);
			assertThat((String) assigned.get("note")).contains("rule GRID_MEMBER")
				.contains(expected)
				.contains("5 个工作日");
			assertThat(this.api.openCases(expected)).isEqualTo(Math.min(first, second) + 1);
			ids.add(petition.get("id"));
		}
		assertThat(this.api.ids(LIAISON, "myCases(first: 100)"))
			.containsAll(ids.stream().map(Object::toString).toList());
	}

	@Test
	void offDutyMembersArePassedOverAndKeepTheCasesTheyHave() {
		this.api.setOnDuty(MEMBER, false);
		int kept = this.api.openCases(MEMBER);

		for (int i = 0; i < 2; i++) {
			assertThat(username(this.api.submitIn(cell(CELL), "WATER_SUPPLY", "NORMAL"), "assignee"))
				.isEqualTo(SECOND_MEMBER);
		}
		assertThat(this.api.openCases(MEMBER)).isEqualTo(kept);
	}

	@Test
	void withNobodyOnDutyInTheCellTheVillageCadreTakesIt() {
		Map<String, Object> petition = this.api.submitIn(cell(CELL_OFF_DUTY), "ENVIRONMENT", "NORMAL");

		assertThat(petition).containsEntry("status", "ASSIGNED");
		assertThat(username(petition, "assignee")).isEqualTo(CADRE);
		assertThat((String) timeline(petition).get(1).get("note")).contains("rule VILLAGE_CADRE");
	}

	@Test
	void withNobodyOnDutyInTheVillageItWaitsInTheTownshipQueueForItsOfficers() {
		this.api.setOnDuty(CADRE, false);
		Map<String, Object> petition = this.api.submitIn(cell(CELL_OFF_DUTY), "ENVIRONMENT", "NORMAL");
		String id = petition.get("id").toString();

		assertThat(petition).containsEntry("status", "SUBMITTED")
			.containsEntry("assignee", null)
			.containsEntry("level", "TOWNSHIP");
		assertThat(username(petition, "liaison")).isEqualTo(LIAISON);
		assertThat(petition.get("dueAt")).isNotNull();
		assertThat(types(petition)).containsExactly("SUBMITTED", "QUEUED");
		assertThat((String) timeline(petition).get(1).get("note")).contains("rule NOBODY_IN_VILLAGE")
			.contains("乡镇派单队列");
		assertThat(this.api.ids(OFFICER, "dispatchQueue(first: 100)")).contains(id);
		assertThat(
				this.api.ids(OFFICER, "petitions(filter: {status: [SUBMITTED], areaCode: \"360322102\"}, first: 100)"))
			.contains(id);
		assertThat(this.api.ids("admin", "dispatchQueue(areaCode: \"360322102204\", first: 100)")).contains(id);
		// Another township's officer has no business in this queue.
		assertThat(DispatchApi.errorCode(
				this.api.as("officer-360322103").document("{ dispatchQueue(areaCode: \"360322102\") { totalCount } }")))
			.isEqualTo("FORBIDDEN");
		assertThat(DispatchApi.errorCode(this.api.as(MEMBER).document("{ dispatchQueue { totalCount } }")))
			.isEqualTo("FORBIDDEN");

		// The officer routes it by hand; it leaves the queue.
		Map<String, Object> assigned = this.api.perform(OFFICER, "assignPetition", id,
				"personId: \"" + this.api.personId(SECOND_MEMBER) + "\"");
		assertThat(assigned).containsEntry("status", "ASSIGNED");
		assertThat(this.api.ids(OFFICER, "dispatchQueue(first: 100)")).doesNotContain(id);
	}

	@Test
	void aTownshipCategoryGoesToTheTownshipOfficerWithTheLiaisonKeptInTheLoop() {
		Map<String, Object> petition = this.api.submitIn(cell(CELL), "ROADS", "NORMAL");

		assertThat(petition).containsEntry("status", "ASSIGNED").containsEntry("level", "TOWNSHIP");
		assertThat(username(petition, "assignee")).isEqualTo(OFFICER);
		assertThat(username(petition, "liaison")).isEqualTo(LIAISON);
		assertThat((String) timeline(petition).get(1).get("note")).contains("rule TOWNSHIP_OFFICER")
			.contains("13 个工作日");
	}

	@Test
	void anUnmatchedPetitionWaitsInTheCountyQueue() {
		Area county = this.areas.find("360322").orElseThrow();
		Coordinate top = Arrays.stream(county.boundary().getCoordinates())
			.max(Comparator.comparingDouble(c -> c.y))
			.orElseThrow();
		Map<String, Object> petition = this.api.submit(String.format(Locale.ROOT,
				"{title: \"县界外路灯\", categoryCode: \"STREET_LIGHT\", channel: HOTLINE_12345, location: {lon: %s, lat: %s}}",
				top.x, top.y + 0.005));
		String id = petition.get("id").toString();

		assertThat(petition).containsEntry("status", "SUBMITTED")
			.containsEntry("assignee", null)
			.containsEntry("liaison", null)
			.containsEntry("level", "COUNTY");
		assertThat((String) timeline(petition).get(1).get("note")).contains("rule UNMATCHED").contains("县级派单队列");
		assertThat(this.api.ids("admin", "dispatchQueue(first: 100)")).contains(id);
		assertThat(this.api.ids("admin", "petitions(filter: {status: [SUBMITTED]}, first: 100)")).contains(id);
		assertThat(this.api.ids(OFFICER, "dispatchQueue(first: 100)")).doesNotContain(id);
	}

	@Test
	void eachReturnGoesToSomeoneWhoHasNotReturnedItAndTheThirdToTheTownshipQueue() {
		Map<String, Object> petition = this.api.submitIn(cell(CELL), "DISPUTE", "NORMAL");
		Object id = petition.get("id");
		OffsetDateTime due = OffsetDateTime.parse((String) petition.get("dueAt"));
		String first = username(petition, "assignee");
		String second = first.equals(MEMBER) ? SECOND_MEMBER : MEMBER;
		int firstsCases = this.api.openCases(first);

		Map<String, Object> once = this.api.perform(first, "returnPetition", id, "reason: \"不属于本网格\"");
		assertThat(once).containsEntry("status", "ASSIGNED").containsEntry("returnCount", 1);
		assertThat(username(once, "assignee")).isEqualTo(second);
		assertThat(this.api.openCases(first)).isEqualTo(firstsCases - 1);

		this.api.perform(second, "acceptPetition", id, "");
		Map<String, Object> twice = this.api.perform(second, "returnPetition", id, "reason: \"也不属于我\"");
		assertThat(twice).containsEntry("returnCount", 2);
		assertThat(username(twice, "assignee")).isEqualTo(CADRE);

		Map<String, Object> thrice = this.api.perform(CADRE, "returnPetition", id, "reason: \"应由乡镇协调\"");
		assertThat(thrice).containsEntry("status", "SUBMITTED")
			.containsEntry("assignee", null)
			.containsEntry("level", "TOWNSHIP")
			.containsEntry("returnCount", 3);
		// The citizen has been waiting all along: returns do not restart the clock.
		assertThat(OffsetDateTime.parse((String) thrice.get("dueAt"))).isEqualTo(due);
		assertThat(types(thrice)).containsExactly("SUBMITTED", "ASSIGNED", "RETURNED", "ASSIGNED", "ACCEPTED",
				"RETURNED", "ASSIGNED", "RETURNED", "QUEUED");
		List<Map<String, Object>> hops = timeline(thrice).stream()
			.filter(e -> e.get("type").equals("ASSIGNED"))
			.toList();
		assertThat((String) hops.get(0).get("note")).contains(first);
		assertThat((String) hops.get(1).get("note")).contains(second);
		assertThat((String) hops.get(2).get("note")).contains(CADRE).contains("rule VILLAGE_CADRE");
		assertThat((String) timeline(thrice).get(8).get("note")).contains("rule RETURN_LIMIT").contains("已退单 3 次");
		assertThat(
				timeline(thrice).stream().filter(e -> e.get("type").equals("RETURNED")).map(e -> username(e, "actor")))
			.containsExactly(first, second, CADRE);
		assertThat(this.api.ids(OFFICER, "dispatchQueue(first: 100)")).contains(id.toString());
	}

	@Test
	void aCaseSubmittedOnAFridayAfternoonBeforeAHolidayIsDueInWorkingTime() {
		// Friday 3 April 2026, 16:00; 清明节 runs Saturday to Monday.
		this.clock.set(OffsetDateTime.parse("2026-04-03T16:00:00+08:00"));

		Map<String, Object> emergency = this.api.submitIn(cell(CELL), "SAFETY_HAZARD", "EMERGENCY");
		Map<String, Object> help = this.api.submitIn(cell(CELL), "ELDERLY_DISABLED", "NORMAL");
		Map<String, Object> dispute = this.api.submitIn(cell(CELL), "DISPUTE", "NORMAL");

		// An emergency runs on the clock: 4 hours, the holiday's eve included.
		assertThat(OffsetDateTime.parse((String) emergency.get("dueAt"))).isEqualTo("2026-04-03T20:00+08:00");
		// Working days from the day after: Tuesday 7, Wednesday 8, Thursday 9 April.
		assertThat(OffsetDateTime.parse((String) help.get("dueAt"))).isEqualTo("2026-04-09T17:30+08:00");
		// 13 working days: 7–10, 13–17, 20–23 April.
		assertThat(OffsetDateTime.parse((String) dispute.get("dueAt"))).isEqualTo("2026-04-23T17:30+08:00");
		assertThat(emergency).containsEntry("overdue", false);

		this.clock.set(OffsetDateTime.parse("2026-04-07T11:01:00+08:00"));
		assertThat(this.api.petition(emergency.get("id"))).containsEntry("overdue", true);
		assertThat(this.api.petition(help.get("id"))).containsEntry("overdue", false);

		// Not left lying around overdue for the escalation tests.
		for (Map<String, Object> petition : List.of(emergency, help, dispute)) {
			this.api.perform("citizen", "withdrawPetition", petition.get("id"), "");
		}
	}

	@Test
	void anEmergencyAtTwoOnAHolidaySaturdayMorningIsDueAtSixWhileANormalCaseWaitsForWorkingDays() {
		// Saturday 4 April 2026, 02:00: 清明节, a public holiday, at night.
		this.clock.set(OffsetDateTime.parse("2026-04-04T02:00:00+08:00"));

		Map<String, Object> emergency = this.api.submitIn(cell(CELL), "WATER_SUPPLY", "EMERGENCY");
		Map<String, Object> normal = this.api.submitIn(cell(CELL), "ELDERLY_DISABLED", "NORMAL");

		assertThat(OffsetDateTime.parse((String) emergency.get("dueAt"))).isEqualTo("2026-04-04T06:00+08:00");
		assertThat((String) timeline(emergency).get(1).get("note")).contains("4 clock hours");
		// As before: 3 working days from the day after, the holiday (4–6 April) not
		// counted: Tuesday 7, Wednesday 8, Thursday 9 April.
		assertThat(OffsetDateTime.parse((String) normal.get("dueAt"))).isEqualTo("2026-04-09T17:30+08:00");

		this.clock.set(OffsetDateTime.parse("2026-04-04T06:01:00+08:00"));
		assertThat(this.api.petition(emergency.get("id"))).containsEntry("overdue", true);
		assertThat(this.api.petition(normal.get("id"))).containsEntry("overdue", false);

		for (Map<String, Object> petition : List.of(emergency, normal)) {
			this.api.perform("citizen", "withdrawPetition", petition.get("id"), "");
		}
	}

	@Test
	void myCasesComeOpenFirstEarliestDeadlineFirstAcrossPages() {
		this.api.submitIn(cell(CELL), "SAFETY_HAZARD", "URGENT");
		this.api.submitIn(cell(CELL), "OTHER", "NORMAL");

		List<Map<String, Object>> seen = new ArrayList<>();
		String after = null;
		do {
			Map<String, Object> page = this.api.as(LIAISON)
				.document("query($after: String) { myCases(first: 3, after: $after) { totalCount "
						+ "edges { node { id status dueAt } } pageInfo { hasNextPage endCursor } } }")
				.variable("after", after)
				.execute()
				.path("myCases")
				.entity(DispatchApi.MAP)
				.get();
			for (Object edge : (List<?>) page.get("edges")) {
				@SuppressWarnings("unchecked")
				Map<String, Object> node = (Map<String, Object>) ((Map<?, ?>) edge).get("node");
				seen.add(node);
			}
			Map<?, ?> pageInfo = (Map<?, ?>) page.get("pageInfo");
			after = Boolean.TRUE.equals(pageInfo.get("hasNextPage")) ? (String) pageInfo.get("endCursor") : null;
		}
		while (after != null);

		assertThat(seen).hasSizeGreaterThan(3).extracting(node -> node.get("id")).doesNotHaveDuplicates();
		List<Map<String, Object>> open = seen.stream().filter(node -> isOpen(node.get("status"))).toList();
		assertThat(seen.subList(0, open.size())).isEqualTo(open);
		List<OffsetDateTime> dues = open.stream()
			.map(node -> (node.get("dueAt") != null) ? OffsetDateTime.parse((String) node.get("dueAt"))
					: OffsetDateTime.MAX)
			.toList();
		assertThat(dues).isSortedAccordingTo(Comparator.naturalOrder());
	}

	@Test
	void theCalendarAndTimeLimitsAreSeededFromTheStateCouncilNotice() {
		assertThat(this.jdbc.sql("SELECT count(*) FROM work_calendar WHERE day BETWEEN '2026-01-01' AND '2026-12-31'")
			.query(Long.class)
			.single()).isEqualTo(365);
		assertThat(this.jdbc.sql("SELECT count(*) FROM work_calendar WHERE extract(year FROM day) = 2026 AND working")
			.query(Long.class)
			.single()).isEqualTo(248);
		assertThat(this.jdbc
			.sql("SELECT day::text FROM work_calendar WHERE working AND extract(isodow FROM day) >= 6 ORDER BY day")
			.query(String.class)
			.list())
			.containsExactly("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
	}

	private static boolean isOpen(Object status) {
		return List.of("SUBMITTED", "ASSIGNED", "ACCEPTED", "IN_PROGRESS").contains(status);
	}

	private Area cell(String code) {
		return this.areas.find(code).orElseThrow();
	}

}
