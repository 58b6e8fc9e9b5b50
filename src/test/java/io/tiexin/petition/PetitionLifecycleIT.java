package io.tiexin.petition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every row of the lifecycle table over HTTP with real tokens, and a refusal for each
 * operation from a wrong state or by a wrong person, each leaving the petition exactly as
 * it was. Dispatch assigns new petitions at once (to the cell's grid member); a petition
 * stays SUBMITTED only when nobody in its village is on duty.
 */
@TiexinIntegrationTest
class PetitionLifecycleIT {

	/** 泉塘村六组, its only grid member, village cadre and township officer (demo people). */
	static final String CELL = "360322101217006";

	static final String MEMBER = "gm-" + CELL;

	static final String CADRE = "cadre-360322101217";

	static final String OFFICER = "officer-360322101";

	static final String OTHER_OFFICER = "officer-360322102";

	@Autowired
	DevTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaCatalog areas;

	@Autowired
	HttpGraphQlTester anonymous;

	PetitionApi api;

	@BeforeEach
	void setUp() {
		this.api = new PetitionApi(this.tokens, this.jdbc);
	}

	@Test
	void aSubmittedPetitionIsAssignedAtOnceToTheGridMember() {
		Map<String, Object> petition = this.api.submitIn("citizen", cell(), "STREET_LIGHT");

		assertThat(petition).containsEntry("status", "ASSIGNED")
			.containsEntry("level", "VILLAGE")
			.containsEntry("version", 1)
			.containsEntry("returnCount", 0)
			.containsEntry("supervised", false);
		assertThat(username(petition, "assignee")).isEqualTo(MEMBER);
		assertThat((String) petition.get("trackingNumber")).matches("\\d{6}-\\d{6}-\\d");
		assertThat(timeline(petition)).extracting(event -> event.get("type")).containsExactly("SUBMITTED", "ASSIGNED");
		assertThat(timeline(petition).get(0)).containsEntry("toStatus", "SUBMITTED");
		assertThat(timeline(petition).get(1)).containsEntry("fromStatus", "SUBMITTED")
			.containsEntry("toStatus", "ASSIGNED")
			.containsEntry("actor", null);
	}

	@Test
	void withNobodyOnDutyInTheVillageAPetitionStaysSubmittedInTheTownshipQueue() {
		Object id = inState("SUBMITTED");
		Map<String, Object> waiting = this.api.as(OFFICER)
			.document("{ petition(id: \"" + id + "\") { " + PetitionApi.FIELDS + " } }")
			.execute()
			.path("petition")
			.entity(PetitionApi.MAP)
			.get();

		assertThat(waiting).containsEntry("status", "SUBMITTED")
			.containsEntry("assignee", null)
			.containsEntry("level", "TOWNSHIP");
		assertThat(timeline(waiting)).extracting(event -> event.get("type")).containsExactly("SUBMITTED", "QUEUED");
	}

	@Test
	void anOfficerOfTheAreaAssignsFromSubmittedAssignedAndAccepted() {
		Object id = inState("SUBMITTED");
		assertThat(assign(OFFICER, id, MEMBER)).containsEntry("status", "ASSIGNED");
		assertThat(assign(CADRE, inState("ASSIGNED"), MEMBER)).containsEntry("status", "ASSIGNED");
		Map<String, Object> reassigned = assign("admin", inState("ACCEPTED"), CADRE);
		assertThat(reassigned).containsEntry("status", "ASSIGNED");
		assertThat(((Map<?, ?>) reassigned.get("assignee")).get("username")).isEqualTo(CADRE);
	}

	@Test
	void theAssigneeAcceptsStartsAndResolves() {
		Object id = inState("ASSIGNED");
		assertThat(this.api.perform(MEMBER, "acceptPetition", id, "")).containsEntry("status", "ACCEPTED");
		assertThat(this.api.perform(MEMBER, "startPetition", id, "")).containsEntry("status", "IN_PROGRESS");
		assertThat(this.api.perform(MEMBER, "resolvePetition", id, "note: \"已派人维修\"")).containsEntry("status",
				"RESOLVED");
		// Resolving straight from ACCEPTED is allowed too.
		assertThat(this.api.perform(MEMBER, "resolvePetition", inState("ACCEPTED"), "note: \"当场解决\""))
			.containsEntry("status", "RESOLVED");
	}

	@Test
	void theSubmittersSatisfactionClosesThePetition() {
		Map<String, Object> closed = this.api.perform("citizen", "confirmPetition", inState("RESOLVED"),
				"satisfaction: SATISFIED, comment: \"谢谢\"");
		assertThat(closed).containsEntry("status", "CLOSED");
		assertThat(this.api.perform("citizen", "confirmPetition", inState("RESOLVED"),
				"satisfaction: BASICALLY_SATISFIED"))
			.containsEntry("status", "CLOSED");
	}

	@Test
	void dissatisfactionReopensItWithTheSameAssignee() {
		Map<String, Object> reopened = this.api.perform("citizen", "confirmPetition", inState("RESOLVED"),
				"satisfaction: DISSATISFIED, comment: \"路灯还是不亮\"");
		assertThat(reopened).containsEntry("status", "IN_PROGRESS");
		assertThat(((Map<?, ?>) reopened.get("assignee")).get("username")).isEqualTo(MEMBER);
		assertThat(timeline(reopened)).last().satisfies(event -> assertThat(event).containsEntry("type", "REOPENED"));
	}

	@Test
	void anOfficerClosesAResolvedPetitionAfterAnOnSiteCheck() {
		assertThat(this.api.perform(OFFICER, "closePetition", inState("RESOLVED"), "note: \"现场核实已修复\""))
			.containsEntry("status", "CLOSED");
	}

	@Test
	void theAssigneeReturnsAWronglyRoutedPetitionAndDispatchPassesItOn() {
		// The cell has no other grid member: the village cadre is next.
		Map<String, Object> returned = this.api.perform(MEMBER, "returnPetition", inState("ACCEPTED"),
				"reason: \"不属于本网格\"");
		assertThat(returned).containsEntry("status", "ASSIGNED").containsEntry("returnCount", 1);
		assertThat(username(returned, "assignee")).isEqualTo(CADRE);
		assertThat(timeline(returned)).extracting(event -> event.get("type")).endsWith("RETURNED", "ASSIGNED");
		assertThat(timeline(returned).get(timeline(returned).size() - 2)).containsEntry("fromStatus", "ACCEPTED")
			.containsEntry("toStatus", "SUBMITTED");
		Map<String, Object> fromAssigned = this.api.perform(MEMBER, "returnPetition", inState("ASSIGNED"),
				"reason: \"不属于本网格\"");
		assertThat(fromAssigned).containsEntry("status", "ASSIGNED");
		assertThat(username(fromAssigned, "assignee")).isEqualTo(CADRE);
	}

	@Test
	void escalationMovesThePetitionOneLevelUpAndDispatchesItThere() {
		Map<String, Object> byAssignee = this.api.perform(MEMBER, "escalatePetition", inState("IN_PROGRESS"),
				"reason: \"村里解决不了\"");
		assertThat(byAssignee).containsEntry("level", "TOWNSHIP")
			.containsEntry("status", "ASSIGNED")
			.containsEntry("supervised", false);
		assertThat(username(byAssignee, "assignee")).isEqualTo(OFFICER);
		assertThat(timeline(byAssignee)).extracting(event -> event.get("type")).endsWith("ESCALATED", "ASSIGNED");
		Map<String, Object> toCounty = this.api.perform(OFFICER, "escalatePetition", byAssignee.get("id"),
				"reason: \"需要县里协调\"");
		assertThat(toCounty).containsEntry("level", "COUNTY").containsEntry("status", "ASSIGNED");
		assertThat(username(toCounty, "assignee")).isIn("admin", "county-officer");
		assertThat(this.api.refusal("admin", "escalatePetition", toCounty.get("id"), "reason: \"再上报\""))
			.isEqualTo("INVALID_TRANSITION");
	}

	@Test
	void theSubmitterWithdrawsBeforeWorkStarts() {
		assertThat(this.api.perform("citizen", "withdrawPetition", inState("SUBMITTED"), "reason: \"已自行解决\""))
			.containsEntry("status", "WITHDRAWN");
		assertThat(this.api.perform("citizen", "withdrawPetition", inState("ASSIGNED"), "")).containsEntry("status",
				"WITHDRAWN");
	}

	static Stream<Arguments> refusals() {
		return Stream.of(
				// From a state the table does not allow, by the right person.
				arguments("ASSIGNED", MEMBER, "startPetition", "", "INVALID_TRANSITION"),
				arguments("ACCEPTED", MEMBER, "acceptPetition", "", "INVALID_TRANSITION"),
				arguments("ASSIGNED", MEMBER, "resolvePetition", "note: \"x\"", "INVALID_TRANSITION"),
				arguments("IN_PROGRESS", "citizen", "confirmPetition", "satisfaction: SATISFIED", "INVALID_TRANSITION"),
				arguments("IN_PROGRESS", OFFICER, "closePetition", "note: \"x\"", "INVALID_TRANSITION"),
				arguments("IN_PROGRESS", MEMBER, "returnPetition", "reason: \"x\"", "INVALID_TRANSITION"),
				arguments("RESOLVED", OFFICER, "escalatePetition", "reason: \"x\"", "INVALID_TRANSITION"),
				arguments("ACCEPTED", "citizen", "withdrawPetition", "", "INVALID_TRANSITION"),
				arguments("IN_PROGRESS", OFFICER, "assignPetition", "personId: \"1\"", "INVALID_TRANSITION"),
				// By someone the table does not name, from an allowed state.
				arguments("SUBMITTED", "citizen", "assignPetition", "personId: \"1\"", "FORBIDDEN"),
				arguments("SUBMITTED", OTHER_OFFICER, "assignPetition", "personId: \"1\"", "FORBIDDEN"),
				arguments("ASSIGNED", "citizen2", "acceptPetition", "", "FORBIDDEN"),
				arguments("ASSIGNED", CADRE, "acceptPetition", "", "FORBIDDEN"),
				arguments("ACCEPTED", OFFICER, "startPetition", "", "FORBIDDEN"),
				arguments("IN_PROGRESS", "citizen", "resolvePetition", "note: \"x\"", "FORBIDDEN"),
				arguments("RESOLVED", MEMBER, "confirmPetition", "satisfaction: SATISFIED", "FORBIDDEN"),
				arguments("RESOLVED", MEMBER, "closePetition", "note: \"x\"", "FORBIDDEN"),
				arguments("ASSIGNED", OFFICER, "returnPetition", "reason: \"x\"", "FORBIDDEN"),
				arguments("IN_PROGRESS", "citizen", "escalatePetition", "reason: \"x\"", "FORBIDDEN"),
				arguments("SUBMITTED", OFFICER, "withdrawPetition", "", "FORBIDDEN"),
				arguments("SUBMITTED", "citizen2", "withdrawPetition", "", "FORBIDDEN"),
				// Bad arguments are refused before any check of state.
				arguments("IN_PROGRESS", MEMBER, "resolvePetition", "note: \"  \"", "VALIDATION"),
				arguments("SUBMITTED", OFFICER, "assignPetition", "personId: \"999999999\"", "NOT_FOUND"));
	}

	@ParameterizedTest(name = "{2} from {0} by {1}: {4}")
	@MethodSource("refusals")
	void aRefusedOperationChangesNothing(String state, String username, String operation, String arguments,
			String code) {
		Object id = inState(state);
		String before = this.api.fingerprint(id);

		assertThat(this.api.refusal(username, operation, id, arguments)).isEqualTo(code);
		assertThat(this.api.fingerprint(id)).isEqualTo(before);
	}

	@Test
	void withoutATokenEveryOperationIsUnauthenticated() {
		Object id = inState("ASSIGNED");
		String before = this.api.fingerprint(id);
		this.anonymous.document("mutation { acceptPetition(id: \"" + id + "\") { status } }")
			.execute()
			.errors()
			.expect(error -> "UNAUTHENTICATED".equals(error.getExtensions().get("code")))
			.verify();
		assertThat(this.api.fingerprint(id)).isEqualTo(before);
	}

	/**
	 * The review: a village cadre handed a case to a grid member of another township, who
	 * then read its contact and exact point.
	 */
	@Test
	void aCaseIsAssignedOnlyToSomeoneWhoHandlesItsLevelAndArea() {
		Object id = inState("ASSIGNED");
		String before = this.api.fingerprint(id);
		for (String outsider : List.of("gm-360322102211018", OFFICER)) {
			assertThat(this.api.refusal(CADRE, "assignPetition", id, "personId: \"" + personId(outsider) + "\""))
				.as("assigning to " + outsider)
				.isEqualTo("FORBIDDEN");
		}
		assertThat(this.api.fingerprint(id)).isEqualTo(before);
		assertThat(this.api.perform(CADRE, "assignPetition", id, "personId: \"" + personId(MEMBER) + "\""))
			.containsEntry("status", "ASSIGNED");
	}

	/**
	 * The review: a citizen or planner sending a wrong version learnt "version 1, not
	 * 99". Who may act is checked first.
	 */
	@Test
	void whoMayActIsCheckedBeforeTheVersion() {
		Object id = inState("ASSIGNED");
		String before = this.api.fingerprint(id);
		for (String outsider : List.of("citizen2", "planner", OTHER_OFFICER)) {
			List<ResponseError> errors = this.tokens.as(outsider)
				.document("mutation { acceptPetition(id: \"" + id + "\", version: 99) { status } }")
				.execute()
				.returnResponse()
				.getErrors();
			assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getExtensions().get("code")).as(outsider).isIn("FORBIDDEN", "NOT_FOUND");
				assertThat(error.getMessage()).doesNotContain("version").doesNotContain("ASSIGNED");
			});
		}
		assertThat(this.api.fingerprint(id)).isEqualTo(before);
	}

	@Test
	void aStaleVersionIsRefusedAndChangesNothing() {
		Object id = inState("ASSIGNED");
		String before = this.api.fingerprint(id);

		assertThat(this.api.refusal(MEMBER, "acceptPetition", id, "version: 0")).isEqualTo("STALE_VERSION");
		assertThat(this.api.fingerprint(id)).isEqualTo(before);
		assertThat(this.api.perform(MEMBER, "acceptPetition", id, "version: 1")).containsEntry("version", 2);
	}

	@Test
	void ofTwoConcurrentAcceptsExactlyOneWins() throws Exception {
		Object id = inState("ASSIGNED");
		HttpGraphQlTester member = this.tokens.as(MEMBER);
		CyclicBarrier start = new CyclicBarrier(2);
		Callable<GraphQlResponse> accept = () -> {
			start.await();
			return member.document("mutation { acceptPetition(id: \"" + id + "\") { status } }")
				.execute()
				.returnResponse();
		};
		ExecutorService threads = Executors.newFixedThreadPool(2);
		List<GraphQlResponse> responses;
		try {
			List<Future<GraphQlResponse>> futures = threads.invokeAll(List.of(accept, accept));
			responses = List.of(futures.get(0).get(), futures.get(1).get());
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(responses).filteredOn(GraphQlResponse::isValid).filteredOn(r -> r.getErrors().isEmpty()).hasSize(1);
		assertThat(responses).filteredOn(r -> !r.getErrors().isEmpty())
			.singleElement()
			.satisfies(
					r -> assertThat(r.getErrors().get(0).getExtensions()).containsEntry("code", "INVALID_TRANSITION"));
		assertThat(this.jdbc.sql("SELECT count(*) FROM petition_event WHERE petition_id = ? AND type = 'ACCEPTED'")
			.param(Long.parseLong(id.toString()))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	/**
	 * A fresh petition in 泉塘村六组 brought to the given status along the table's main path.
	 * Dispatch assigns it to the grid member at once; for SUBMITTED it is submitted while
	 * the grid member and the village cadre are off duty, so it waits in the township's
	 * dispatch queue.
	 */
	private Object inState(String status) {
		if (status.equals("SUBMITTED")) {
			this.api.setOnDuty(MEMBER, false);
			this.api.setOnDuty(CADRE, false);
			try {
				return this.api.submitIn("citizen", cell(), "STREET_LIGHT").get("id");
			}
			finally {
				this.api.setOnDuty(MEMBER, true);
				this.api.setOnDuty(CADRE, true);
			}
		}
		Map<String, Object> submitted = this.api.submitIn("citizen", cell(), "STREET_LIGHT");
		assertThat(username(submitted, "assignee")).isEqualTo(MEMBER);
		Object id = submitted.get("id");
		List<String> path = List.of("ASSIGNED", "ACCEPTED", "IN_PROGRESS", "RESOLVED");
		for (int step = 1; step <= path.indexOf(status); step++) {
			switch (path.get(step)) {
				case "ACCEPTED" -> this.api.perform(MEMBER, "acceptPetition", id, "");
				case "IN_PROGRESS" -> this.api.perform(MEMBER, "startPetition", id, "");
				case "RESOLVED" -> this.api.perform(MEMBER, "resolvePetition", id, "note: \"已修复\"");
				default -> throw new IllegalArgumentException(status);
			}
		}
		return id;
	}

	private Map<String, Object> assign(String officer, Object id, String assignee) {
		return this.api.perform(officer, "assignPetition", id, "personId: \"" + personId(assignee) + "\"");
	}

	private long personId(String username) {
		return this.jdbc.sql("SELECT id FROM person WHERE username = ?").param(username).query(Long.class).single();
	}

	private Area cell() {
		return this.areas.find(CELL).orElseThrow();
	}

	private static Object username(Map<String, Object> petition, String person) {
		return (petition.get(person) != null) ? ((Map<?, ?>) petition.get(person)).get("username") : null;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> timeline(Map<String, Object> petition) {
		return (List<Map<String, Object>>) petition.get("timeline");
	}

}
