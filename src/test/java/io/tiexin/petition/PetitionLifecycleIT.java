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
import io.tiexin.grid.AreaFixtures;
import io.tiexin.grid.AreaFixtures.FreshCounty;
import io.tiexin.people.PeopleFixtures;
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
 * stays SUBMITTED only when nobody in its village is on duty. All of it happens in a
 * county of this class's own ({@link AreaFixtures#freshCounty()}) with its own people
 * ({@link PeopleFixtures}): the only grid member of the first cell, the village cadre,
 * the township officer, the county administrator and a citizen living in the cell.
 */
@TiexinIntegrationTest
class PetitionLifecycleIT {

	/** An officer of a demo township: outside the fresh county. */
	static final String OTHER_OFFICER = "officer-360322102";

	/** A grid member of a demo cell: outside the fresh county. */
	static final String OTHER_GRID_MEMBER = "gm-360322102211018";

	/** A demo citizen who did not submit the petitions here. */
	static final String OTHER_CITIZEN = "citizen2";

	/** Made once for the class by {@link #ownCountyAndPeople()}. */
	private static FreshCounty county;

	private static String member;

	private static String cadre;

	private static String officer;

	private static String admin;

	private static String submitter;

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaCatalog areas;

	@Autowired
	AreaFixtures areaFixtures;

	@Autowired
	PeopleFixtures people;

	@BeforeEach
	void ownCountyAndPeople() {
		synchronized (PetitionLifecycleIT.class) {
			if (county == null) {
				FreshCounty fresh = this.areaFixtures.freshCounty();
				member = this.people.gridMember(fresh.cell(0)).username();
				cadre = this.people.cadre(fresh.village()).username();
				officer = this.people.officer(fresh.township()).username();
				admin = this.people.countyAdmin(fresh.code()).username();
				submitter = this.people.citizen(fresh.cell(0)).username();
				county = fresh;
			}
		}
	}

	@Test
	void aSubmittedPetitionIsAssignedAtOnceToTheGridMember() {
		Petition petition = this.client.submitIn(submitter, cell(), "STREET_LIGHT");

		assertThat(petition).returns("ASSIGNED", Petition::status)
			.returns("VILLAGE", Petition::level)
			.returns(1, Petition::version)
			.returns(0, Petition::returnCount)
			.returns(false, Petition::supervised);
		assertThat(petition.assigneeName()).isEqualTo(member);
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
		Petition waiting = this.client.petition(officer, id);

		assertThat(waiting).returns("SUBMITTED", Petition::status)
			.returns(null, Petition::assignee)
			.returns("TOWNSHIP", Petition::level);
		assertThat(waiting.timeline()).extracting(Event::type).containsExactly("SUBMITTED", "QUEUED");
	}

	@Test
	void anOfficerOfTheAreaAssignsFromSubmittedAssignedAndAccepted() {
		Object id = inState("SUBMITTED");
		assertThat(assign(officer, id, member)).returns("ASSIGNED", Petition::status);
		assertThat(assign(cadre, inState("ASSIGNED"), member)).returns("ASSIGNED", Petition::status);
		Petition reassigned = assign(admin, inState("ACCEPTED"), cadre);
		assertThat(reassigned).returns("ASSIGNED", Petition::status);
		assertThat(reassigned.assigneeName()).isEqualTo(cadre);
	}

	@Test
	void theAssigneeAcceptsStartsAndResolves() {
		Object id = inState("ASSIGNED");
		assertThat(this.client.perform(member, "acceptPetition", id, Map.of())).returns("ACCEPTED", Petition::status);
		assertThat(this.client.perform(member, "startPetition", id, Map.of())).returns("IN_PROGRESS", Petition::status);
		assertThat(this.client.perform(member, "resolvePetition", id, Map.of("note", "已派人维修"))).returns("RESOLVED",
				Petition::status);
		// Resolving straight from ACCEPTED is allowed too.
		assertThat(this.client.perform(member, "resolvePetition", inState("ACCEPTED"), Map.of("note", "当场解决")))
			.returns("RESOLVED", Petition::status);
	}

	@Test
	void theSubmittersSatisfactionClosesThePetition() {
		Petition closed = this.client.perform(submitter, "confirmPetition", inState("RESOLVED"),
				Map.of("satisfaction", "SATISFIED", "comment", "谢谢"));
		assertThat(closed).returns("CLOSED", Petition::status);
		assertThat(this.client.perform(submitter, "confirmPetition", inState("RESOLVED"),
				Map.of("satisfaction", "BASICALLY_SATISFIED")))
			.returns("CLOSED", Petition::status);
	}

	@Test
	void dissatisfactionReopensItWithTheSameAssignee() {
		Petition reopened = this.client.perform(submitter, "confirmPetition", inState("RESOLVED"),
				Map.of("satisfaction", "DISSATISFIED", "comment", "路灯还是不亮"));
		assertThat(reopened).returns("IN_PROGRESS", Petition::status);
		assertThat(reopened.assigneeName()).isEqualTo(member);
		assertThat(reopened.timeline()).last().satisfies(event -> assertThat(event).returns("REOPENED", Event::type));
	}

	@Test
	void anOfficerClosesAResolvedPetitionAfterAnOnSiteCheck() {
		assertThat(this.client.perform(officer, "closePetition", inState("RESOLVED"), Map.of("note", "现场核实已修复")))
			.returns("CLOSED", Petition::status);
	}

	@Test
	void theAssigneeReturnsAWronglyRoutedPetitionAndDispatchPassesItOn() {
		// The cell has no other grid member: the village cadre is next.
		Petition returned = this.client.perform(member, "returnPetition", inState("ACCEPTED"),
				Map.of("reason", "不属于本网格"));
		assertThat(returned).returns("ASSIGNED", Petition::status).returns(1, Petition::returnCount);
		assertThat(returned.assigneeName()).isEqualTo(cadre);
		assertThat(returned.timeline()).extracting(Event::type).endsWith("RETURNED", "ASSIGNED");
		assertThat(returned.timeline().get(returned.timeline().size() - 2)).returns("ACCEPTED", Event::fromStatus)
			.returns("SUBMITTED", Event::toStatus);
		Petition fromAssigned = this.client.perform(member, "returnPetition", inState("ASSIGNED"),
				Map.of("reason", "不属于本网格"));
		assertThat(fromAssigned).returns("ASSIGNED", Petition::status);
		assertThat(fromAssigned.assigneeName()).isEqualTo(cadre);
	}

	@Test
	void escalationMovesThePetitionOneLevelUpAndDispatchesItThere() {
		Petition byAssignee = this.client.perform(member, "escalatePetition", inState("IN_PROGRESS"),
				Map.of("reason", "村里解决不了"));
		assertThat(byAssignee).returns("TOWNSHIP", Petition::level)
			.returns("ASSIGNED", Petition::status)
			.returns(false, Petition::supervised);
		assertThat(byAssignee.assigneeName()).isEqualTo(officer);
		assertThat(byAssignee.timeline()).extracting(Event::type).endsWith("ESCALATED", "ASSIGNED");
		Petition toCounty = this.client.perform(officer, "escalatePetition", byAssignee.id(),
				Map.of("reason", "需要县里协调"));
		assertThat(toCounty).returns("COUNTY", Petition::level).returns("ASSIGNED", Petition::status);
		assertThat(toCounty.assigneeName()).isEqualTo(admin);
		assertThat(this.client.refusal(admin, "escalatePetition", toCounty.id(), Map.of("reason", "再上报")))
			.isEqualTo("INVALID_TRANSITION");
	}

	@Test
	void theSubmitterWithdrawsBeforeWorkStarts() {
		assertThat(this.client.perform(submitter, "withdrawPetition", inState("SUBMITTED"), Map.of("reason", "已自行解决")))
			.returns("WITHDRAWN", Petition::status);
		assertThat(this.client.perform(submitter, "withdrawPetition", inState("ASSIGNED"), Map.of()))
			.returns("WITHDRAWN", Petition::status);
	}

	static Stream<Arguments> refusals() {
		return Stream.of(
				// From a state the table does not allow, by the right person.
				arguments("ASSIGNED", "member", "startPetition", Map.of(), "INVALID_TRANSITION"),
				arguments("ACCEPTED", "member", "acceptPetition", Map.of(), "INVALID_TRANSITION"),
				arguments("ASSIGNED", "member", "resolvePetition", Map.of("note", "x"), "INVALID_TRANSITION"),
				arguments("IN_PROGRESS", "submitter", "confirmPetition", Map.of("satisfaction", "SATISFIED"),
						"INVALID_TRANSITION"),
				arguments("IN_PROGRESS", "officer", "closePetition", Map.of("note", "x"), "INVALID_TRANSITION"),
				arguments("IN_PROGRESS", "member", "returnPetition", Map.of("reason", "x"), "INVALID_TRANSITION"),
				arguments("RESOLVED", "officer", "escalatePetition", Map.of("reason", "x"), "INVALID_TRANSITION"),
				arguments("ACCEPTED", "submitter", "withdrawPetition", Map.of(), "INVALID_TRANSITION"),
				arguments("IN_PROGRESS", "officer", "assignPetition", Map.of("personId", "1"), "INVALID_TRANSITION"),
				// By someone the table does not name, from an allowed state.
				arguments("SUBMITTED", "submitter", "assignPetition", Map.of("personId", "1"), "FORBIDDEN"),
				arguments("SUBMITTED", "other officer", "assignPetition", Map.of("personId", "1"), "FORBIDDEN"),
				arguments("ASSIGNED", "other citizen", "acceptPetition", Map.of(), "FORBIDDEN"),
				arguments("ASSIGNED", "cadre", "acceptPetition", Map.of(), "FORBIDDEN"),
				arguments("ACCEPTED", "officer", "startPetition", Map.of(), "FORBIDDEN"),
				arguments("IN_PROGRESS", "submitter", "resolvePetition", Map.of("note", "x"), "FORBIDDEN"),
				arguments("RESOLVED", "member", "confirmPetition", Map.of("satisfaction", "SATISFIED"), "FORBIDDEN"),
				arguments("RESOLVED", "member", "closePetition", Map.of("note", "x"), "FORBIDDEN"),
				arguments("ASSIGNED", "officer", "returnPetition", Map.of("reason", "x"), "FORBIDDEN"),
				arguments("IN_PROGRESS", "submitter", "escalatePetition", Map.of("reason", "x"), "FORBIDDEN"),
				arguments("SUBMITTED", "officer", "withdrawPetition", Map.of(), "FORBIDDEN"),
				arguments("SUBMITTED", "other citizen", "withdrawPetition", Map.of(), "FORBIDDEN"),
				// Bad arguments are refused before any check of state.
				arguments("IN_PROGRESS", "member", "resolvePetition", Map.of("note", "  "), "VALIDATION"),
				arguments("SUBMITTED", "officer", "assignPetition", Map.of("personId", "999999999"), "NOT_FOUND"));
	}

	@ParameterizedTest(name = "{2} from {0} by {1}: {4}")
	@MethodSource("refusals")
	void aRefusedOperationChangesNothing(String state, String who, String operation, Map<String, Object> arguments,
			String code) {
		Object id = inState(state);
		String before = this.client.fingerprint(id);

		assertThat(this.client.refusal(username(who), operation, id, arguments)).isEqualTo(code);
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
		for (String outsider : List.of(OTHER_GRID_MEMBER, officer)) {
			assertThat(this.client.refusal(cadre, "assignPetition", id,
					Map.of("personId", String.valueOf(this.client.personId(outsider)))))
				.as("assigning to " + outsider)
				.isEqualTo("FORBIDDEN");
		}
		assertThat(this.client.fingerprint(id)).isEqualTo(before);
		assertThat(this.client.perform(cadre, "assignPetition", id,
				Map.of("personId", String.valueOf(this.client.personId(member)))))
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
		for (String outsider : List.of(OTHER_CITIZEN, "planner", OTHER_OFFICER)) {
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

		assertThat(this.client.refusal(member, "acceptPetition", id, Map.of("version", 0))).isEqualTo("STALE_VERSION");
		assertThat(this.client.fingerprint(id)).isEqualTo(before);
		assertThat(this.client.perform(member, "acceptPetition", id, Map.of("version", 1))).returns(2,
				Petition::version);
	}

	@Test
	void ofTwoConcurrentAcceptsExactlyOneWins() throws Exception {
		Object id = inState("ASSIGNED");
		HttpGraphQlTester tester = this.client.as(member);
		CyclicBarrier start = new CyclicBarrier(2);
		Callable<GraphQlResponse> accept = () -> {
			start.await();
			return tester.documentName("petition/acceptPetitionStatus").variable("id", id).execute().returnResponse();
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
			.param(GraphQlClient.number(id.toString()))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	/**
	 * A fresh petition in the county's first cell brought to the given status along the
	 * table's main path. Dispatch assigns it to the grid member at once; for SUBMITTED it
	 * is submitted while the grid member and the village cadre are off duty, so it waits
	 * in the township's dispatch queue.
	 */
	private Object inState(String status) {
		if (status.equals("SUBMITTED")) {
			this.client.setOnDuty(member, false);
			this.client.setOnDuty(cadre, false);
			try {
				return this.client.submitIn(submitter, cell(), "STREET_LIGHT").id();
			}
			finally {
				this.client.setOnDuty(member, true);
				this.client.setOnDuty(cadre, true);
			}
		}
		Petition submitted = this.client.submitIn(submitter, cell(), "STREET_LIGHT");
		assertThat(submitted.assigneeName()).isEqualTo(member);
		Object id = submitted.id();
		List<String> path = List.of("ASSIGNED", "ACCEPTED", "IN_PROGRESS", "RESOLVED");
		for (int step = 1; step <= path.indexOf(status); step++) {
			switch (path.get(step)) {
				case "ACCEPTED" -> this.client.perform(member, "acceptPetition", id, Map.of());
				case "IN_PROGRESS" -> this.client.perform(member, "startPetition", id, Map.of());
				case "RESOLVED" -> this.client.perform(member, "resolvePetition", id, Map.of("note", "已修复"));
				default -> throw new IllegalArgumentException(status);
			}
		}
		return id;
	}

	/** The username of a person named in {@link #refusals()}. */
	private static String username(String who) {
		return switch (who) {
			case "member" -> member;
			case "cadre" -> cadre;
			case "officer" -> officer;
			case "submitter" -> submitter;
			case "other officer" -> OTHER_OFFICER;
			case "other citizen" -> OTHER_CITIZEN;
			default -> throw new IllegalArgumentException(who);
		};
	}

	private Petition assign(String officer, Object id, String assignee) {
		return this.client.perform(officer, "assignPetition", id, Map.of("personId", this.client.personId(assignee)));
	}

	private Area cell() {
		return this.areas.find(county.cell(0)).orElseThrow();
	}

}
