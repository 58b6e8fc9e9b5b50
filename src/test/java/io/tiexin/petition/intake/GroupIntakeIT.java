package io.tiexin.petition.intake;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.petition.PetitionFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group intake ({@link GroupIntake}) over HTTP: many submissions at once, sharing
 * transactions, each answered with its own petition, committed and dispatched; and a
 * batch that fails part-way (a statement refused, the connection killed) leaves nothing
 * half-written and answers no one with a petition that is not there.
 */
@TiexinIntegrationTest
class GroupIntakeIT {

	/** A village of 8 cells, each with its own grid member, that no other test uses. */
	static final String VILLAGE = AreaFixtures.claim(GroupIntakeIT.class, "360322201212");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The titles of this class's submissions start with this. */
	static final String PREFIX = "群组受理-";

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaCatalog areas;

	@Autowired
	PostgreSQLContainer postgis;

	@AfterEach
	void dropTheFaultyTrigger() throws SQLException {
		asSuperuser("DROP TRIGGER IF EXISTS group_intake_fault ON petition");
		asSuperuser("DROP TRIGGER IF EXISTS group_intake_fault ON webhook_delivery");
	}

	@Test
	void twoHundredConcurrentSubmissionsAreEachAnsweredWithTheirOwnPetitionCommittedAndAssigned() throws Exception {
		List<Map<String, Object>> inputs = inputs("concurrent", 200);

		List<GraphQlResponse> responses = submitAtOnce(inputs);

		Map<String, Answer> byId = new HashMap<>();
		for (int i = 0; i < inputs.size(); i++) {
			assertThat(responses.get(i).getErrors()).as("submission %d", i).isEmpty();
			Answer answer = answer(responses.get(i));
			Map<String, Object> input = inputs.get(i);
			assertThat(answer.title()).isEqualTo(input.get("title"));
			assertThat(answer.description()).isEqualTo(input.get("description"));
			assertThat(answer.grid().code()).isEqualTo(input.get("areaCode"));
			assertThat(answer.status()).isEqualTo("ASSIGNED");
			// one of the cell's grid members, or the village's cadre when none is on duty
			assertThat(answer.assignee().username())
				.matches("gm-" + input.get("areaCode") + "(-\\d+)?|cadre-" + VILLAGE);
			assertThat(answer.timeline()).extracting(Event::type).containsExactly("SUBMITTED", "ASSIGNED");
			byId.put(answer.id(), answer);
		}
		assertThat(byId).hasSize(200);
		assertThat(byId.values().stream().map(Answer::trackingNumber).distinct()).hasSize(200);
		// What each answer said is what the database holds, committed.
		Map<String, Row> stored = stored("concurrent");
		assertThat(stored).hasSize(200);
		byId.values()
			.forEach(answer -> assertThat(stored.get(answer.title())).isEqualTo(new Row(
					GraphQlClient.number(answer.id()), "ASSIGNED", GraphQlClient.number(answer.assignee().id()), 2)));
	}

	@Test
	void submissionsDispatchedTogetherAreSpreadOverTheCellsGridMembersAsOneAfterAnotherWouldBe() throws Exception {
		// Cell 007 of the village has two grid members on duty: the least loaded takes
		// each case, counting the cases given out just before in the same pass.
		String cell = VILLAGE + "007";
		String first = "gm-" + cell;
		String second = "gm-" + cell + "-2";
		int firstBefore = this.client.openCases(first);
		int secondBefore = this.client.openCases(second);
		List<Map<String, Object>> inputs = inputs("balanced", 48).stream()
			.peek(input -> input.put("areaCode", cell))
			.toList();

		List<GraphQlResponse> responses = submitAtOnce(inputs);

		assertThat(responses).allSatisfy(response -> assertThat(response.getErrors()).isEmpty());
		assertThat(responses).extracting(response -> answer(response).assignee().username())
			.containsOnly(first, second);
		int firstAfter = this.client.openCases(first);
		int secondAfter = this.client.openCases(second);
		assertThat(firstAfter + secondAfter).isEqualTo(firstBefore + secondBefore + 48);
		assertThat(Math.abs(firstAfter - secondAfter))
			.isLessThanOrEqualTo(Math.max(1, Math.abs(firstBefore - secondBefore) - 48));
	}

	@Test
	void aSubmissionWhoseStatementFailsInABatchFailsAloneAndTheOthersAreWritten() throws Exception {
		asSuperuser("""
				CREATE OR REPLACE FUNCTION group_intake_fault() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    RAISE EXCEPTION 'refused by the test';
				END $$""");
		asSuperuser("""
				CREATE TRIGGER group_intake_fault BEFORE INSERT ON petition FOR EACH ROW
				WHEN (NEW.title LIKE '%-refused') EXECUTE FUNCTION group_intake_fault()""");

		answersAreTrueAndARetrySucceeds("refused");
	}

	@Test
	void aBatchWhoseConnectionIsKilledMidwayAnswersNobodyWithAPetitionThatIsNotThere() throws Exception {
		// The backend writing the batch terminates itself at the faulty submission's
		// insert: the connection drops in the middle of the batch's transaction.
		asSuperuser("""
				CREATE OR REPLACE FUNCTION group_intake_fault() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    PERFORM pg_terminate_backend(pg_backend_pid());
				    RETURN NEW;
				END $$""");
		asSuperuser("""
				CREATE TRIGGER group_intake_fault BEFORE INSERT ON petition FOR EACH ROW
				WHEN (NEW.title LIKE '%-dropped') EXECUTE FUNCTION group_intake_fault()""");

		answersAreTrueAndARetrySucceeds("dropped");
	}

	@Test
	void aSubmissionWhoseDispatchFailsInABatchFailsAloneAndTheOthersAreWritten() throws Exception {
		// The batch's petitions are routed in one UPDATE: one refused row refuses it.
		asSuperuser("""
				CREATE OR REPLACE FUNCTION group_intake_fault() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    RAISE EXCEPTION 'refused by the test';
				END $$""");
		asSuperuser("""
				CREATE TRIGGER group_intake_fault BEFORE UPDATE ON petition FOR EACH ROW
				WHEN (NEW.title LIKE '%-unroutable' AND OLD.assignee_id IS NULL AND NEW.assignee_id IS NOT NULL)
				EXECUTE FUNCTION group_intake_fault()""");

		// a statement refused, not the connection lost: only the faulty ones fail
		assertThat(answersAreTrueAndARetrySucceeds("unroutable")).allMatch(title -> title.endsWith("-unroutable"));
	}

	@Test
	void aSubmissionWhoseWebhookDeliveryFailsInABatchFailsAloneAndTheOthersAreWritten() throws Exception {
		// The outbox writes a batch's deliveries in one statement just before the commit:
		// a refused row must fail the batch before its commit, so it is written again one
		// by one, rather than failing every caller as a failed commit would.
		String webhook = this.client.admin()
			.documentName("webhook/createWebhook")
			.variable("input",
					Map.of("url", "http://127.0.0.1:9/group-intake", "secret", "a-secret-of-the-partner-0123456789",
							"events", List.of("ASSIGNED")))
			.execute()
			.path("createWebhook.id")
			.entity(String.class)
			.get();
		try {
			asSuperuser("""
					CREATE OR REPLACE FUNCTION group_intake_fault() RETURNS trigger LANGUAGE plpgsql AS $$
					BEGIN
					    IF (SELECT title FROM petition WHERE id = NEW.petition_id) LIKE '%-undeliverable' THEN
					        RAISE EXCEPTION 'refused by the test';
					    END IF;
					    RETURN NEW;
					END $$""");
			asSuperuser("""
					CREATE TRIGGER group_intake_fault BEFORE INSERT ON webhook_delivery FOR EACH ROW
					EXECUTE FUNCTION group_intake_fault()""");

			assertThat(answersAreTrueAndARetrySucceeds("undeliverable"))
				.allMatch(title -> title.endsWith("-undeliverable"));
		}
		finally {
			this.client.admin()
				.documentName("webhook/deleteWebhook")
				.variable("id", webhook)
				.execute()
				.path("deleteWebhook")
				.entity(Boolean.class)
				.isEqualTo(true);
		}
	}

	/**
	 * Sends 40 submissions at once, every tenth one faulty; checks that the faulty ones
	 * failed, that every submission answered with a petition is stored as answered (and
	 * none else is), and that every failed one succeeds when sent again once the fault is
	 * gone; returns the titles of those that failed the first time.
	 */
	private List<String> answersAreTrueAndARetrySucceeds(String fault) throws Exception {
		List<Map<String, Object>> inputs = inputs(fault, 40);
		for (int i = 0; i < inputs.size(); i += 10) {
			inputs.get(i).put("title", inputs.get(i).get("title") + "-" + fault);
		}

		List<GraphQlResponse> responses = submitAtOnce(inputs);

		Map<String, Row> stored = stored(fault);
		List<Map<String, Object>> failed = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			String title = (String) inputs.get(i).get("title");
			if (!responses.get(i).getErrors().isEmpty()) {
				assertThat(stored).as("failed, so not stored: %s", title).doesNotContainKey(title);
				failed.add(inputs.get(i));
				continue;
			}
			assertThat(title).as("a faulty submission cannot succeed").doesNotEndWith("-" + fault);
			Answer answer = answer(responses.get(i));
			assertThat(answer.title()).isEqualTo(title);
			assertThat(stored.get(title)).isEqualTo(new Row(GraphQlClient.number(answer.id()), "ASSIGNED",
					GraphQlClient.number(answer.assignee().id()), 2));
		}
		assertThat(failed).extracting(input -> input.get("title"))
			.filteredOn(title -> ((String) title).endsWith("-" + fault))
			.hasSize(4);
		assertThat(stored).hasSize(inputs.size() - failed.size());

		dropTheFaultyTrigger();
		List<GraphQlResponse> retried = submitAtOnce(failed);
		assertThat(retried).allSatisfy(response -> assertThat(response.getErrors()).isEmpty());
		assertThat(retried).extracting(response -> answer(response).status()).containsOnly("ASSIGNED");
		assertThat(stored(fault)).hasSize(inputs.size());
		return failed.stream().map(input -> (String) input.get("title")).toList();
	}

	/**
	 * {@code count} submissions spread over the village's cells, each with its own title
	 * and description.
	 */
	private List<Map<String, Object>> inputs(String run, int count) {
		List<Area> cells = this.areas.children(VILLAGE);
		List<Map<String, Object>> inputs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Area cell = cells.get(i % cells.size());
			Map<String, Object> input = PetitionFixtures.submissionIn(cell, "STREET_LIGHT");
			input.remove("location");
			input.put("areaCode", cell.code());
			input.put("title", PREFIX + run + "-" + i);
			input.put("description", "第 " + i + " 件 (number " + i + ")");
			inputs.add(input);
		}
		return inputs;
	}

	/** Sends every submission at once, from as many clients, in the order given. */
	private List<GraphQlResponse> submitAtOnce(List<Map<String, Object>> inputs) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Callable<GraphQlResponse>> calls = inputs.stream().<Callable<GraphQlResponse>>map(input -> () -> {
			start.await();
			return this.client.citizen()
				.documentName("petition/submitPetitionAnswer")
				.variable("input", input)
				.execute()
				.returnResponse();
		}).toList();
		ExecutorService threads = Executors.newFixedThreadPool(50);
		try {
			List<Future<GraphQlResponse>> futures = new ArrayList<>();
			calls.forEach(call -> futures.add(threads.submit(call)));
			start.countDown();
			List<GraphQlResponse> responses = new ArrayList<>();
			for (Future<GraphQlResponse> future : futures) {
				responses.add(future.get());
			}
			return responses;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static Answer answer(GraphQlResponse response) {
		return JSON.convertValue(response.field("submitPetition").getValue(), Answer.class);
	}

	/** This run's petitions in the database by title. */
	private Map<String, Row> stored(String run) {
		return this.jdbc.sql("""
				SELECT p.title, p.id, p.status, p.assignee_id,
				       (SELECT count(*) FROM petition_event e WHERE e.petition_id = p.id) AS events
				FROM petition p WHERE p.title LIKE ?""")
			.param(PREFIX + run + "-%")
			.query((rs, row) -> Map.entry(rs.getString("title"),
					new Row(rs.getLong("id"), rs.getString("status"), rs.getLong("assignee_id"), rs.getInt("events"))))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/** DDL the service's role may not run: as the container's superuser. */
	private void asSuperuser(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.postgis.getJdbcUrl(), this.postgis.getUsername(),
				this.postgis.getPassword()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	record Answer(String id, String trackingNumber, String title, String description, String status, Person assignee,
			Code grid, List<Event> timeline) {
	}

	record Person(String id, String username) {
	}

	record Code(String code) {
	}

	record Event(String type) {
	}

	record Row(long id, String status, long assigneeId, int events) {
	}

}
