package io.tiexin.dispatch;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.GraphQlClient.Event;
import io.tiexin.GraphQlClient.Petition;
import io.tiexin.TestClock;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic dispatch over HTTP against PostGIS: who gets a new, returned or unmatched
 * petition, the liaison in the loop, the dispatch queues, and deadlines in working time.
 * In 桐木镇's village 360322102204 (demo people), claimed for this class alone
 * ({@link AreaFixtures#claim}).
 */
@TiexinIntegrationTest
class DispatchIT {

	static final String VILLAGE = AreaFixtures.claim(DispatchIT.class, "360322102204");

	/** A cell with two grid members on duty. */
	static final String CELL = VILLAGE + "004";

	static final String MEMBER = "gm-" + CELL;

	static final String SECOND_MEMBER = "gm-" + CELL + "-2";

	/** A cell whose only grid member is off duty in the demo people. */
	static final String CELL_OFF_DUTY = VILLAGE + "003";

	static final String CADRE = "cadre-" + VILLAGE;

	static final String LIAISON = "liaison-" + VILLAGE;

	static final String OFFICER = "officer-360322102";

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaCatalog areas;

	@Autowired
	TestClock clock;

	@AfterEach
	void putEverythingBack() {
		this.clock.reset();
		for (String person : List.of(MEMBER, SECOND_MEMBER, CADRE)) {
			this.client.setOnDuty(person, true);
		}
	}

	@Test
	void theOnDutyMemberWithTheFewestOpenCasesGetsEachNewCaseAndTheLiaisonSeesIt() {
		List<Object> ids = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			int first = this.client.openCases(MEMBER);
			int second = this.client.openCases(SECOND_MEMBER);
			// Fewest open cases first; a tie goes to the lower person id, the first
			// member's.
			String expected = (second < first) ? SECOND_MEMBER : MEMBER;

			Petition petition = this.client.submitIn("citizen", cell(CELL), "STREET_LIGHT", "NORMAL");

			assertThat(petition).returns("ASSIGNED", Petition::status).returns("VILLAGE", Petition::level);
			assertThat(petition.assigneeName()).isEqualTo(expected);
			assertThat(petition.liaisonName()).isEqualTo(LIAISON);
			assertThat(petition.types()).containsExactly("SUBMITTED", "ASSIGNED");
			Event assigned = petition.timeline().get(1);
			assertThat(assigned).returns(null, Event::actor);
			assertThat(assigned).returns("GRID_MEMBER", Event::rule);
			// The note is for people: the rule in words, no machine id.
			assertThat(assigned.note()).contains(expected).contains("5 个工作日").doesNotContain("GRID_MEMBER");
			assertThat(this.client.openCases(expected)).isEqualTo(Math.min(first, second) + 1);
			ids.add(petition.id());
		}
		assertThat(this.client.ids(LIAISON, "petition/myCasesIds", Map.of()))
			.containsAll(ids.stream().map(Object::toString).toList());
	}

	@Test
	void offDutyMembersArePassedOverAndKeepTheCasesTheyHave() {
		this.client.setOnDuty(MEMBER, false);
		int kept = this.client.openCases(MEMBER);

		for (int i = 0; i < 2; i++) {
			assertThat(this.client.submitIn("citizen", cell(CELL), "WATER_SUPPLY", "NORMAL").assigneeName())
				.isEqualTo(SECOND_MEMBER);
		}
		assertThat(this.client.openCases(MEMBER)).isEqualTo(kept);
	}

	@Test
	void withNobodyOnDutyInTheCellTheVillageCadreTakesIt() {
		Petition petition = this.client.submitIn("citizen", cell(CELL_OFF_DUTY), "ENVIRONMENT", "NORMAL");

		assertThat(petition).returns("ASSIGNED", Petition::status);
		assertThat(petition.assigneeName()).isEqualTo(CADRE);
		assertThat(petition.timeline().get(1)).returns("VILLAGE_CADRE", Event::rule);
	}

	@Test
	void withNobodyOnDutyInTheVillageItWaitsInTheTownshipQueueForItsOfficers() {
		this.client.setOnDuty(CADRE, false);
		Petition petition = this.client.submitIn("citizen", cell(CELL_OFF_DUTY), "ENVIRONMENT", "NORMAL");
		String id = petition.id().toString();

		assertThat(petition).returns("SUBMITTED", Petition::status)
			.returns(null, Petition::assignee)
			.returns("TOWNSHIP", Petition::level);
		assertThat(petition.liaisonName()).isEqualTo(LIAISON);
		assertThat(petition.dueAt()).isNotNull();
		assertThat(petition.types()).containsExactly("SUBMITTED", "QUEUED");
		assertThat(petition.timeline().get(1)).returns("NOBODY_IN_VILLAGE", Event::rule);
		assertThat(petition.timeline().get(1).note()).contains("乡镇派单队列");
		assertThat(this.client.ids(OFFICER, "dispatch/dispatchQueueIds", Map.of())).contains(id);
		assertThat(this.client.ids(OFFICER, "petition/petitionIds",
				Map.of("filter", Map.of("status", List.of("SUBMITTED"), "areaCode", "360322102"))))
			.contains(id);
		assertThat(this.client.ids("admin", "dispatch/dispatchQueueIds", Map.of("areaCode", "360322102204")))
			.contains(id);
		// Another township's officer has no business in this queue.
		assertThat(GraphQlClient.errorCode(this.client.as("officer-360322103")
			.documentName("dispatch/dispatchQueueCount")
			.variable("areaCode", "360322102"))).isEqualTo("FORBIDDEN");
		assertThat(GraphQlClient.errorCode(this.client.as(MEMBER).documentName("dispatch/dispatchQueueCount")))
			.isEqualTo("FORBIDDEN");

		// The officer routes it by hand; it leaves the queue.
		Petition assigned = this.client.perform(OFFICER, "assignPetition", id,
				Map.of("personId", this.client.personId(SECOND_MEMBER)));
		assertThat(assigned).returns("ASSIGNED", Petition::status);
		assertThat(this.client.ids(OFFICER, "dispatch/dispatchQueueIds", Map.of())).doesNotContain(id);
	}

	@Test
	void aTownshipCategoryGoesToTheTownshipOfficerWithTheLiaisonKeptInTheLoop() {
		Petition petition = this.client.submitIn("citizen", cell(CELL), "ROADS", "NORMAL");

		assertThat(petition).returns("ASSIGNED", Petition::status).returns("TOWNSHIP", Petition::level);
		assertThat(petition.assigneeName()).isEqualTo(OFFICER);
		assertThat(petition.liaisonName()).isEqualTo(LIAISON);
		assertThat(petition.timeline().get(1)).returns("TOWNSHIP_OFFICER", Event::rule);
		assertThat(petition.timeline().get(1).note()).contains("13 个工作日");
	}

	@Test
	void anUnmatchedPetitionWaitsInTheCountyQueue() {
		Area county = this.areas.find("360322").orElseThrow();
		Coordinate top = Arrays.stream(county.boundary().getCoordinates())
			.max(Comparator.comparingDouble(c -> c.y))
			.orElseThrow();
		Petition petition = this.client.submit("citizen", Map.of("title", "县界外路灯", "categoryCode", "STREET_LIGHT",
				"channel", "HOTLINE_12345", "location", Map.of("lon", top.x, "lat", top.y + 0.005)));
		String id = petition.id().toString();

		assertThat(petition).returns("SUBMITTED", Petition::status)
			.returns(null, Petition::assignee)
			.returns(null, Petition::liaison)
			.returns("COUNTY", Petition::level);
		assertThat(petition.timeline().get(1)).returns("UNMATCHED", Event::rule);
		assertThat(petition.timeline().get(1).note()).contains("县级派单队列");
		assertThat(this.client.ids("admin", "dispatch/dispatchQueueIds", Map.of())).contains(id);
		assertThat(this.client.ids("admin", "petition/petitionIds",
				Map.of("filter", Map.of("status", List.of("SUBMITTED")))))
			.contains(id);
		assertThat(this.client.ids(OFFICER, "dispatch/dispatchQueueIds", Map.of())).doesNotContain(id);
	}

	@Test
	void eachReturnGoesToSomeoneWhoHasNotReturnedItAndTheThirdToTheTownshipQueue() {
		Petition petition = this.client.submitIn("citizen", cell(CELL), "DISPUTE", "NORMAL");
		Object id = petition.id();
		OffsetDateTime due = OffsetDateTime.parse(petition.dueAt());
		String first = petition.assigneeName();
		String second = first.equals(MEMBER) ? SECOND_MEMBER : MEMBER;
		int firstsCases = this.client.openCases(first);

		Petition once = this.client.perform(first, "returnPetition", id, Map.of("reason", "不属于本网格"));
		assertThat(once).returns("ASSIGNED", Petition::status).returns(1, Petition::returnCount);
		assertThat(once.assigneeName()).isEqualTo(second);
		assertThat(this.client.openCases(first)).isEqualTo(firstsCases - 1);

		this.client.perform(second, "acceptPetition", id, Map.of());
		Petition twice = this.client.perform(second, "returnPetition", id, Map.of("reason", "也不属于我"));
		assertThat(twice).returns(2, Petition::returnCount);
		assertThat(twice.assigneeName()).isEqualTo(CADRE);

		Petition thrice = this.client.perform(CADRE, "returnPetition", id, Map.of("reason", "应由乡镇协调"));
		assertThat(thrice).returns("SUBMITTED", Petition::status)
			.returns(null, Petition::assignee)
			.returns("TOWNSHIP", Petition::level)
			.returns(3, Petition::returnCount);
		// The citizen has been waiting all along: returns do not restart the clock.
		assertThat(OffsetDateTime.parse(thrice.dueAt())).isEqualTo(due);
		assertThat(thrice.types()).containsExactly("SUBMITTED", "ASSIGNED", "RETURNED", "ASSIGNED", "ACCEPTED",
				"RETURNED", "ASSIGNED", "RETURNED", "QUEUED");
		List<Event> hops = thrice.timeline().stream().filter(e -> e.type().equals("ASSIGNED")).toList();
		assertThat(hops.get(0).note()).contains(first);
		assertThat(hops.get(1).note()).contains(second);
		assertThat(hops.get(2)).returns("VILLAGE_CADRE", Event::rule);
		assertThat(hops.get(2).note()).contains(CADRE);
		assertThat(thrice.timeline().get(8)).returns("RETURN_LIMIT", Event::rule);
		assertThat(thrice.timeline().get(8).note()).contains("已退单 3 次");
		// Only dispatch's events name a rule.
		assertThat(thrice.timeline().stream().filter(e -> !e.type().equals("ASSIGNED") && !e.type().equals("QUEUED")))
			.allMatch(e -> e.rule() == null);
		assertThat(thrice.timeline().stream().filter(e -> e.type().equals("RETURNED")).map(e -> e.actorName()))
			.containsExactly(first, second, CADRE);
		assertThat(this.client.ids(OFFICER, "dispatch/dispatchQueueIds", Map.of())).contains(id.toString());
	}

	@Test
	void aCaseSubmittedOnAFridayAfternoonBeforeAHolidayIsDueInWorkingTime() {
		// Friday 3 April 2026, 16:00; 清明节 runs Saturday to Monday.
		this.clock.set(OffsetDateTime.parse("2026-04-03T16:00:00+08:00"));

		Petition emergency = this.client.submitIn("citizen", cell(CELL), "SAFETY_HAZARD", "EMERGENCY");
		Petition help = this.client.submitIn("citizen", cell(CELL), "ELDERLY_DISABLED", "NORMAL");
		Petition dispute = this.client.submitIn("citizen", cell(CELL), "DISPUTE", "NORMAL");

		// An emergency runs on the clock: 4 hours, the holiday's eve included.
		assertThat(OffsetDateTime.parse(emergency.dueAt())).isEqualTo("2026-04-03T20:00+08:00");
		// Working days from the day after: Tuesday 7, Wednesday 8, Thursday 9 April.
		assertThat(OffsetDateTime.parse(help.dueAt())).isEqualTo("2026-04-09T17:30+08:00");
		// 13 working days: 7–10, 13–17, 20–23 April.
		assertThat(OffsetDateTime.parse(dispute.dueAt())).isEqualTo("2026-04-23T17:30+08:00");
		assertThat(emergency).returns(false, Petition::overdue);

		this.clock.set(OffsetDateTime.parse("2026-04-07T11:01:00+08:00"));
		assertThat(this.client.petition(emergency.id())).returns(true, Petition::overdue);
		assertThat(this.client.petition(help.id())).returns(false, Petition::overdue);

		// Not left lying around overdue for the escalation tests.
		for (Petition petition : List.of(emergency, help, dispute)) {
			this.client.perform("citizen", "withdrawPetition", petition.id(), Map.of());
		}
	}

	@Test
	void anEmergencyAtTwoOnAHolidaySaturdayMorningIsDueAtSixWhileANormalCaseWaitsForWorkingDays() {
		// Saturday 4 April 2026, 02:00: 清明节, a public holiday, at night.
		this.clock.set(OffsetDateTime.parse("2026-04-04T02:00:00+08:00"));

		Petition emergency = this.client.submitIn("citizen", cell(CELL), "WATER_SUPPLY", "EMERGENCY");
		Petition normal = this.client.submitIn("citizen", cell(CELL), "ELDERLY_DISABLED", "NORMAL");

		assertThat(OffsetDateTime.parse(emergency.dueAt())).isEqualTo("2026-04-04T06:00+08:00");
		assertThat(emergency.timeline().get(1).note()).contains("4 clock hours");
		// As before: 3 working days from the day after, the holiday (4–6 April) not
		// counted: Tuesday 7, Wednesday 8, Thursday 9 April.
		assertThat(OffsetDateTime.parse(normal.dueAt())).isEqualTo("2026-04-09T17:30+08:00");

		this.clock.set(OffsetDateTime.parse("2026-04-04T06:01:00+08:00"));
		assertThat(this.client.petition(emergency.id())).returns(true, Petition::overdue);
		assertThat(this.client.petition(normal.id())).returns(false, Petition::overdue);

		for (Petition petition : List.of(emergency, normal)) {
			this.client.perform("citizen", "withdrawPetition", petition.id(), Map.of());
		}
	}

	@Test
	void myCasesComeOpenFirstEarliestDeadlineFirstAcrossPages() {
		this.client.submitIn("citizen", cell(CELL), "SAFETY_HAZARD", "URGENT");
		this.client.submitIn("citizen", cell(CELL), "OTHER", "NORMAL");

		List<CaseNode> seen = new ArrayList<>();
		String after = null;
		do {
			CasePage page = this.client.as(LIAISON)
				.documentName("petition/myCasesPage")
				.variable("after", after)
				.execute()
				.path("myCases")
				.entity(CasePage.class)
				.get();
			for (CaseEdge edge : page.edges()) {
				seen.add(edge.node());
			}
			after = Boolean.TRUE.equals(page.pageInfo().hasNextPage()) ? page.pageInfo().endCursor() : null;
		}
		while (after != null);

		assertThat(seen).hasSizeGreaterThan(3).extracting(CaseNode::id).doesNotHaveDuplicates();
		List<CaseNode> open = seen.stream().filter(node -> isOpen(node.status())).toList();
		assertThat(seen.subList(0, open.size())).isEqualTo(open);
		List<OffsetDateTime> dues = open.stream()
			.map(node -> (node.dueAt() != null) ? OffsetDateTime.parse(node.dueAt()) : OffsetDateTime.MAX)
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

	record CasePage(Integer totalCount, List<CaseEdge> edges, PageInfo pageInfo) {
	}

	record CaseEdge(CaseNode node) {
	}

	record CaseNode(String id, String status, String dueAt) {
	}

	record PageInfo(Boolean hasNextPage, String endCursor) {
	}

	private Area cell(String code) {
		return this.areas.find(code).orElseThrow();
	}

}
