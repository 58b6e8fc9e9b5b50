package io.tiexin.petition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.tiexin.GraphQlClient;
import io.tiexin.GraphQlClient.Event;
import io.tiexin.GraphQlClient.Petition;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
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
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaCatalog areas;

	@Test
	void aSubmittedPetitionIsAssignedAtOnceToTheGridMember() {
		Petition petition = this.client.submitIn("citizen", cell(), "STREET_LIGHT");

		assertThat(petition).returns("ASSIGNED", Petition::status)
			.returns("VILLAGE", Petition::level)
			.returns(1, Petition::version)
			.returns(0, Petition::returnCount)
			.returns(false, Petition::supervised);
		assertThat(petition.assigneeName()).isEqualTo(MEMBER);
		assertThat(petition.trackingNumber()).matches("\\d{6}-\\d{6}-\\d");
		assertThat(petition.timeline()).extracting(Event::type).containsExactly("SUBMITTED", "ASSIGNED");
		assertThat(petition.timeline().get(0)).returns("SUBMITTED", Event::toStatus);
		assertThat(petition.timeline().get(1)).returns("SUBMITTED", Event::fromStatus)
			.returns("ASSIGNED", Event::toStatus)
			.returns(null, Event::actor);
	}

	@Test
	void withNobodyOnDutyInTheVillageAPetitionStaysSubmittedInTheTownshipQueue() {
		Object id = inState("SUBMITTED");
		Petition waiting = this.client.petition(OFFICER, id);

		assertThat(waiting).returns("SUBMITTED", Petition::status)
			.returns(null, Petition::assignee)
			.returns("TOWNSHIP", Petition::level);
		assertThat(waiting.timeline()).extracting(Event::type).containsExactly("SUBMITTED", "QUEUED");
	}

	@Test
	void anOfficerOfTheAreaAssignsFromSubmittedAssignedAndAccepted() {
		Object id = inState("SUBMITTED");
		assertThat(assign(OFFICER, id, MEMBER)).returns("ASSIGNED", Petition::status);
		assertThat(assign(CADRE, inState("ASSIGNED"), MEMBER)).returns("ASSIGNED", Petition::status);
		Petition reassigned = assign("admin", inState("ACCEPTED"), CADRE);
		assertThat(reassigned).returns("ASSIGNED", Petition::status);
		assertThat(reassigned.assigneeName()).isEqualTo(CADRE);
	}

	@Test
	void theAssigneeAcceptsStartsAndResolves() {
		Object id = inState("ASSIGNED");
		assertThat(this.client.perform(MEMBER, "acceptPetition", id, Map.of())).returns("ACCEPTED", Petition::status);
		assertThat(this.client.perform(MEMBER, "startPetition", id, Map.of())).returns("IN_PROGRESS", Petition::status);
		assertThat(this.client.perform(MEMBER, "resolvePetition", id, Map.of("note", "已派人维修"))).returns("RESOLVED",
				Petition::status);
		// Resolving straight from ACCEPTED is allowed too.
		assertThat(this.client.perform(MEMBER, "resolvePetition", inState("ACCEPTED"), Map.of("note", "当场解决")))
			.returns("RESOLVED", Petition::status);
	}

	@Test
	void theSubmittersSatisfactionClosesThePetition() {
		Petition closed = this.client.perform("citizen", "confirmPetition", inState("RESOLVED"),
				Map.of("satisfaction", "SATISFIED", "comment", "谢谢"));
		assertThat(closed).returns("CLOSED", Petition::status);
		assertThat(this.client.perform("citizen", "confirmPetition", inState("RESOLVED"),
				Map.of("satisfaction", "BASICALLY_SATISFIED")))
			.returns("CLOSED", Petition::status);
	}

	@Test
	void dissatisfactionReopensItWithTheSameAssignee() {
		Petition reopened = this.client.perform("citizen", "confirmPetition", inState("RESOLVED"),
				Map.of("satisfaction", "DISSATISFIED", "comment", "路灯还是不亮"));
		assertThat(reopened).returns("IN_PROGRESS", Petition::status);
		assertThat(reopened.assigneeName()).isEqualTo(MEMBER);
		assertThat(reopened.timeline()).last().satisfies(event -> assertThat(event).returns("REOPENED", Event::type));
	}

	@Test
	void anOfficerClosesAResolvedPetitionAfterAnOnSiteCheck() {
		assertThat(this.client.perform(OFFICER, "closePetition", inState("RESOLVED"), Map.of("note", "现场核实已修复")))
			.returns("CLOSED", Petition::status);
	}

	@Test
	void theAssigneeReturnsAWronglyRoutedPetitionAndDispatchPassesItOn() {
		// The cell has no other grid member: the village cadre is next.
		Petition returned = this.client.perform(MEMBER, "returnPetition", inState("ACCEPTED"),
				Map.of("reason", "不属于本网格"));
		assertThat(returned).returns("ASSIGNED", Petition::status).returns(1, Petition::returnCount);
		assertThat(returned.assigneeName()).isEqualTo(CADRE);
		assertThat(returned.timeline()).extracting(Event::type).endsWith("RETURNED", "ASSIGNED");
		assertThat(returned.timeline().get(returned.timeline().size() - 2)).returns("ACCEPTED", Event::fromStatus)
			.returns("SUBMITTED", Event::toStatus);
		Petition fromAssigned = this.client.perform(MEMBER, "returnPetition", inState("ASSIGNED"),
				Map.of("reason", "不属于本网格"));
		assertThat(fromAssigned).returns("ASSIGNED", Petition::status);
		assertThat(fromAssigned.assigneeName()).isEqualTo(CADRE);
	}

	@Test
	void escalationMovesThePetitionOneLevelUpAndDispatchesItThere() {
		Petition byAssignee = this.client.perform(MEMBER, "escalatePetition", inState("IN_PROGRESS"),
				Map.of("reason", "村里解决不了"));
		assertThat(byAssignee).returns("TOWNSHIP", Petition::level)
			.returns("ASSIGNED", Petition::status)
			.returns(false, Petition::supervised);
		assertThat(byAssignee.assigneeName()).isEqualTo(OFFICER);
		assertThat(byAssignee.timeline()).extracting(Event::type).endsWith("ESCALATED", "ASSIGNED");
		Petition toCounty = this.client.perform(OFFICER, "escalatePetition", byAssignee.id(),
				Map.of("reason", "需要县里协调"));
		assertThat(toCounty).returns("COUNTY", Petition::level).returns("ASSIGNED", Petition::status);
		assertThat(toCounty.assigneeName()).isIn("admin", "county-officer");
		assertThat(this.client.refusal("admin", "escalatePetition", toCounty.id(), Map.of("reason", "再上报")))
			.isEqualTo("INVALID_TRANSITION");
	}

	@Test
	void theSubmitterWithdrawsBeforeWorkStarts() {
		assertThat(this.client.perform("citizen", "withdrawPetition", inState("SUBMITTED"), Map.of("reason", "已自行解决")))
			.returns("WITHDRAWN", Petition::status);
		assertThat(this.client.perform("citizen", "withdrawPetition", inState("ASSIGNED"), Map.of()))
			.returns("WITHDRAWN", Petition::status);
	}

	static Stream<Arguments> refusals() {
		return Stream.of(
				// From a state the table does not allow, by the right person.
				arguments("ASSIGNED", MEMBER, "startPetition", Map.of(), "INVALID_TRANSITION"),
				arguments("ACCEPTED", MEMBER, "acceptPetition", Map.of(), "INVALID_TRANSITION"),
				arguments("ASSIGNED", MEMBER, "resolvePetition", Map.of("note", "x"), "INVALID_TRANSITION"),
				arguments("IN_PROGRESS", "citizen", "confirmPetition", Map.of("satisfaction", "SATISFIED"),
						"INVALID_TRANSITION"),
				arguments("IN_PROGRESS", OFFICER, "closePetition", Map.of("note", "x"), "INVALID_TRANSITION"),
				arguments("IN_PROGRESS", MEMBER, "returnPetition", Map.of("reason", "x"), "INVALID_TRANSITION"),
				arguments("RESOLVED", OFFICER, "escalatePetition", Map.of("reason", "x"), "INVALID_TRANSITION"),
				arguments("ACCEPTED", "citizen", "withdrawPetition", Map.of(), "INVALID_TRANSITION"),
				arguments("IN_PROGRESS", OFFICER, "assignPetition", Map.of("personId", "1"), "INVALID_TRANSITION"),
				// By someone the table does not name, from an allowed state.
				arguments("SUBMITTED", "citizen", "assignPetition", Map.of("personId", "1"), "FORBIDDEN"),
				arguments("SUBMITTED", OTHER_OFFICER, "assignPetition", Map.of("personId", "1"), "FORBIDDEN"),
				arguments("ASSIGNED", "citizen2", "acceptPetition", Map.of(), "FORBIDDEN"),
				arguments("ASSIGNED", CADRE, "acceptPetition", Map.of(), "FORBIDDEN"),
				arguments("ACCEPTED", OFFICER, "startPetition", Map.of(), "FORBIDDEN"),
				arguments("IN_PROGRESS", "citizen", "resolvePetition", Map.of("note", "x"), "FORBIDDEN"),
				arguments("RESOLVED", MEMBER, "confirmPetition", Map.of("satisfaction", "SATISFIED"), "FORBIDDEN"),
				arguments("RESOLVED", MEMBER, "closePetition", Map.of("note", "x"), "FORBIDDEN"),
				arguments("ASSIGNED", OFFICER, "returnPetition", Map.of("reason", "x"), "FORBIDDEN"),
				arguments("IN_PROGRESS", "citizen", "escalatePetition", Map.of("reason", "x"), "FORBIDDEN"),
				arguments("SUBMITTED", OFFICER, "withdrawPetition", Map.of(), "FORBIDDEN"),
				arguments("SUBMITTED", "citizen2", "withdrawPetition", Map.of(), "FORBIDDEN"),
				// Bad arguments are refused before any check of state.
				arguments("IN_PROGRESS", MEMBER, "resolvePetition", Map.of("note", "  "), "VALIDATION"),
				arguments("SUBMITTED", OFFICER, "assignPetition", Map.of("personId", "999999999"), "NOT_FOUND"));
	}

	@ParameterizedTest(name = "{2} from {0} by {1}: {4}")
	@MethodSource("refusals")
	void aRefusedOperationChangesNothing(String state, String username, String operation, Map<String, Object> arguments,
			String code) {
		Object id = inState(state);
		String before = this.client.fingerprint(id);

		assertThat(this.client.refusal(username, operation, id, arguments)).isEqualTo(code);
		assertThat(this.client.fingerprint(id)).isEqualTo(before);
	}

	@Test
	void withoutATokenEveryOperationIsUnauthenticated() {
		Object id = inState("ASSIGNED");
		String before = this.client.fingerprint(id);
		this.client.anonymous()
			.documentName("petition/acceptPetitionStatus")
			.variable("id", id)
			.execute()
			.errors()
			.expect(error -> "UNAUTHENTICATED".equals(error.getExtensions().get("code")))
			.verify();
		assertThat(this.client.fingerprint(id)).isEqualTo(before);
	}

	/**
	 * The review: a village cadre handed a case to a grid member of another township, who
	 * then read its contact and exact point.
	 */
	@Test
	void aCaseIsAssignedOnlyToSomeoneWhoHandlesItsLevelAndArea() {
		Object id = inState("ASSIGNED");
		String before = this.client.fingerprint(id);
		for (String outsider : List.of("gm-360322102211018", OFFICER)) {
			assertThat(this.client.refusal(CADRE, "assignPetition", id,
					Map.of("personId", String.valueOf(this.client.personId(outsider)))))
				.as("assigning to " + outsider)
				.isEqualTo("FORBIDDEN");
		}
		assertThat(this.client.fingerprint(id)).isEqualTo(before);
		assertThat(this.client.perform(CADRE, "assignPetition", id,
				Map.of("personId", String.valueOf(this.client.personId(MEMBER)))))
			.returns("ASSIGNED", Petition::status);
	}

	/**
	 * The review: a citizen or planner sending a wrong version learnt "version 1, not
	 * 99". Who may act is checked first.
	 */
	@Test
	void whoMayActIsCheckedBeforeTheVersion() {
		Object id = inState("ASSIGNED");
		String before = this.client.fingerprint(id);
		for (String outsider : List.of("citizen2", "planner", OTHER_OFFICER)) {
			List<ResponseError> errors = this.client.as(outsider)
				.documentName("petition/acceptPetition")
				.fragmentName("petition/petitionFields")
				.variable("id", id.toString())
				.variable("version", 99)
				.execute()
				.returnResponse()
				.getErrors();
			assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getExtensions().get("code")).as(outsider).isIn("FORBIDDEN", "NOT_FOUND");
				assertThat(error.getMessage()).doesNotContain("version").doesNotContain("ASSIGNED");
			});
		}
		assertThat(this.client.fingerprint(id)).isEqualTo(before);
	}

	@Test
	void aStaleVersionIsRefusedAndChangesNothing() {
		Object id = inState("ASSIGNED");
		String before = this.client.fingerprint(id);

		assertThat(this.client.refusal(MEMBER, "acceptPetition", id, Map.of("version", 0))).isEqualTo("STALE_VERSION");
		assertThat(this.client.fingerprint(id)).isEqualTo(before);
		assertThat(this.client.perform(MEMBER, "acceptPetition", id, Map.of("version", 1))).returns(2,
				Petition::version);
	}

	@Test
	void ofTwoConcurrentAcceptsExactlyOneWins() throws Exception {
		Object id = inState("ASSIGNED");
		HttpGraphQlTester member = this.client.as(MEMBER);
		CyclicBarrier start = new CyclicBarrier(2);
		Callable<GraphQlResponse> accept = () -> {
			start.await();
			return member.documentName("petition/acceptPetitionStatus").variable("id", id).execute().returnResponse();
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
			this.client.setOnDuty(MEMBER, false);
			this.client.setOnDuty(CADRE, false);
			try {
				return this.client.submitIn("citizen", cell(), "STREET_LIGHT").id();
			}
			finally {
				this.client.setOnDuty(MEMBER, true);
				this.client.setOnDuty(CADRE, true);
			}
		}
		Petition submitted = this.client.submitIn("citizen", cell(), "STREET_LIGHT");
		assertThat(submitted.assigneeName()).isEqualTo(MEMBER);
		Object id = submitted.id();
		List<String> path = List.of("ASSIGNED", "ACCEPTED", "IN_PROGRESS", "RESOLVED");
		for (int step = 1; step <= path.indexOf(status); step++) {
			switch (path.get(step)) {
				case "ACCEPTED" -> this.client.perform(MEMBER, "acceptPetition", id, Map.of());
				case "IN_PROGRESS" -> this.client.perform(MEMBER, "startPetition", id, Map.of());
				case "RESOLVED" -> this.client.perform(MEMBER, "resolvePetition", id, Map.of("note", "已修复"));
				default -> throw new IllegalArgumentException(status);
			}
		}
		return id;
	}

	private Petition assign(String officer, Object id, String assignee) {
		return this.client.perform(officer, "assignPetition", id, Map.of("personId", this.client.personId(assignee)));
	}

	private Area cell() {
		return this.areas.find(CELL).orElseThrow();
	}

}
