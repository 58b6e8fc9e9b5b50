package io.tiexin.petition.intake;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.tiexin.GraphQlClient;
import io.tiexin.StatementCounter;
import io.tiexin.TestClock;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.grid.AreaFixtures.FreshCounty;
import io.tiexin.people.PeopleFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.testcontainers.postgresql.PostgreSQLContainer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dispatch of a group intake batch ({@link GroupIntake}) over HTTP: its statements do not
 * grow with the batch's size, and what it writes and announces (timelines, the webhooks'
 * outbox) is what the same submissions write one by one. Batches are formed by parking
 * the writers ({@link GroupIntake#parkWriters}) while the submissions queue up.
 */
@TiexinIntegrationTest
class BatchDispatchIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaFixtures areas;

	@Autowired
	PeopleFixtures people;

	@Autowired
	GroupIntake intake;

	@Autowired
	TestClock clock;

	@Autowired
	PostgreSQLContainer postgis;

	final List<String> webhookIds = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		this.webhookIds.forEach(id -> this.client.admin()
			.documentName("webhook/deleteWebhook")
			.variable("id", id)
			.execute()
			.path("deleteWebhook")
			.entity(Boolean.class)
			.isEqualTo(true));
		this.clock.reset();
	}

	@Test
	void theStatementsOfABatchDoNotGrowWithItsSize() throws Exception {
		FreshCounty county = this.areas.freshCounty();
		this.people.gridMember(county.cell(0));
		this.people.liaison(county.village());

		long alone = statementsOfOneBatch(inputs(county.cell(0), "alone", 1));
		long sixteen = statementsOfOneBatch(inputs(county.cell(0), "sixteen", 16));
		long thirtyTwo = statementsOfOneBatch(inputs(county.cell(0), "thirty-two", 32));

		assertThat(List.of(alone, sixteen, thirtyTwo)).as("statements of a batch of 1, 16 and 32").containsOnly(alone);
		// tracking numbers, petitions, SUBMITTED events; dispatch's four reads; the lock,
		// update and events of routing; the outbox; the answers (docs/scaling.md)
		assertThat(alone).isEqualTo(12);
	}

	@Test
	void aBatchWritesAndAnnouncesWhatTheSameSubmissionsOneByOneDo() throws Exception {
		// One cell with a grid member (ASSIGNED), one with nobody (QUEUED for the
		// township), the village's liaison attached to both; the clock stopped, so the
		// deadlines and the notes that name them are the same both times.
		FreshCounty county = this.areas.freshCounty();
		this.people.gridMember(county.cell(0));
		this.people.liaison(county.village());
		this.clock.set(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS));
		createWebhook();
		List<Map<String, Object>> inputs = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			inputs.add(inputs(county.cell(i % 3 == 2 ? 1 : 0), "same-" + i, 1).get(0));
		}

		List<Written> alone;
		List<Written> batched;
		try (Announcements announcements = new Announcements()) {
			List<String> oneByOne = new ArrayList<>();
			for (Map<String, Object> input : inputs) {
				oneByOne.add(answered(submit(input)).get("id").toString());
			}
			alone = written(oneByOne, announcements);
			// Withdrawn, so the grid member's load is back where it was for the batch.
			oneByOne
				.forEach(id -> this.client.perform("citizen", "withdrawPetition", id, Map.of("reason", "重复 (again)")));
			assertThat(this.client.openCases("fx-gm-" + county.cell(0))).isZero();

			List<String> together = batch(inputs).stream()
				.map(response -> answered(response).get("id").toString())
				.toList();
			batched = written(together, announcements);
		}

		assertThat(batched).isEqualTo(alone);
		assertThat(alone).extracting(written -> written.petition().get("status"))
			.containsExactly("ASSIGNED", "ASSIGNED", "SUBMITTED", "ASSIGNED", "ASSIGNED", "SUBMITTED", "ASSIGNED",
					"ASSIGNED");
		assertThat(alone).allSatisfy(written -> {
			assertThat(written.outbox()).hasSize(2);
			// each event announced live once, with the petition's area
			assertThat(written.live()).hasSize(2).allSatisfy(areas -> assertThat(areas).hasSize(1));
		});
	}

	/**
	 * Submits the inputs as one batch and returns the statements its writer sent (its
	 * whole transaction: intake, dispatch, outbox, the answers).
	 */
	private long statementsOfOneBatch(List<Map<String, Object>> inputs) throws Exception {
		long[] before = new long[1];
		List<GraphQlResponse> responses = batch(inputs, () -> before[0] = StatementCounter.countOnIntakeWriters());
		assertThat(responses)
			.allSatisfy(response -> assertThat(answered(response).get("status")).isEqualTo("ASSIGNED"));
		return StatementCounter.countOnIntakeWriters() - before[0];
	}

	private List<GraphQlResponse> batch(List<Map<String, Object>> inputs) throws Exception {
		return batch(inputs, () -> {
		});
	}

	/**
	 * Sends every submission while the writers are parked, waits until all of them queue,
	 * runs {@code queued}, then lets the writers go: one writer takes them all as one
	 * batch.
	 */
	private List<GraphQlResponse> batch(List<Map<String, Object>> inputs, Runnable queued) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(inputs.size());
		try {
			List<Future<GraphQlResponse>> futures = new ArrayList<>();
			Runnable release = this.intake.parkWriters();
			try {
				for (Map<String, Object> input : inputs) {
					// one after another, so they queue (and are dispatched) in this order
					futures.add(threads.submit(() -> submit(input)));
					while (this.intake.waiting() < futures.size()) {
						Thread.sleep(2);
					}
				}
				queued.run();
			}
			finally {
				release.run();
			}
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

	private GraphQlResponse submit(Map<String, Object> input) {
		return this.client.citizen()
			.documentName("petition/submitPetitionAnswer")
			.variable("input", input)
			.execute()
			.returnResponse();
	}

	private static Map<String, Object> answered(GraphQlResponse response) {
		assertThat(response.getErrors()).isEmpty();
		return response.field("submitPetition").getValue();
	}

	private static List<Map<String, Object>> inputs(String cell, String run, int count) {
		List<Map<String, Object>> inputs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, Object> input = new LinkedHashMap<>();
			input.put("title", "批量派单-" + run + "-" + i);
			input.put("categoryCode", "STREET_LIGHT");
			input.put("channel", "MINI_PROGRAM");
			input.put("areaCode", cell);
			inputs.add(input);
		}
		return inputs;
	}

	private void createWebhook() {
		String id = this.client.admin()
			.documentName("webhook/createWebhook")
			.variable("input",
					Map.of("url", "http://127.0.0.1:9/batch-dispatch", "secret", "a-secret-of-the-partner-0123456789",
							"events", List.of("*")))
			.execute()
			.path("createWebhook.id")
			.entity(String.class)
			.get();
		this.webhookIds.add(id);
	}

	/**
	 * What is stored of each petition, in the order given, without ids, tracking numbers
	 * and times that differ between two runs: its state, its timeline and its outbox rows
	 * of this test's webhook, each in the order of their ids.
	 */
	private List<Written> written(List<String> ids, Announcements announcements) throws Exception {
		List<Written> written = new ArrayList<>();
		for (String id : ids) {
			long petitionId = GraphQlClient.number(id);
			Map<String, Object> petition = this.jdbc.sql("""
					SELECT status, level, assignee_id, liaison_id, due_at, version, return_count, supervised,
					       title LIKE '批量派单-same-%' AS ours
					FROM petition WHERE id = ?""").param(petitionId).query().singleRow();
			List<Map<String, Object>> timeline = this.jdbc.sql("""
					SELECT type, from_status, to_status, actor_id, note, rule FROM petition_event
					WHERE petition_id = ? ORDER BY id""").param(petitionId).query().listOfRows();
			List<Map<String, Object>> outbox = this.jdbc.sql("""
					SELECT event_type, body FROM webhook_delivery
					WHERE petition_id = ? AND webhook_id = ? ORDER BY id""")
				.params(petitionId, GraphQlClient.number(this.webhookIds.get(0)))
				.query((rs, row) -> {
					Map<String, Object> body = JSON.readValue(rs.getString("body"), new TypeReference<>() {
					});
					body.remove("id");
					body.remove("trackingNumber");
					Map<String, Object> delivery = new LinkedHashMap<>(body);
					delivery.put("eventType", rs.getString("event_type"));
					return delivery;
				})
				.list();
			List<Long> eventIds = this.jdbc.sql("SELECT id FROM petition_event WHERE petition_id = ? ORDER BY id")
				.param(petitionId)
				.query(Long.class)
				.list();
			Map<Long, List<String>> announced = announcements.awaitAll(eventIds);
			List<List<String>> live = eventIds.stream().map(announced::get).toList();
			written.add(new Written(petition, timeline, outbox, live));
		}
		return written;
	}

	/**
	 * @param live for each timeline event, the area codes it was announced with on the
	 * live feed's channel
	 */
	record Written(Map<String, Object> petition, List<Map<String, Object>> timeline, List<Map<String, Object>> outbox,
			List<List<String>> live) {
	}

	/**
	 * What the service announces for the live feed, heard as another replica hears it: a
	 * connection of its own that LISTENs on the feed's channel.
	 */
	private final class Announcements implements AutoCloseable {

		private final Connection connection;

		/** Area codes announced, by event id. */
		private final Map<Long, List<String>> heard = new HashMap<>();

		Announcements() throws SQLException {
			this.connection = DriverManager.getConnection(BatchDispatchIT.this.postgis.getJdbcUrl(),
					BatchDispatchIT.this.postgis.getUsername(), BatchDispatchIT.this.postgis.getPassword());
			try (Statement statement = this.connection.createStatement()) {
				// PetitionEventFeed.CHANNEL
				statement.execute("LISTEN tiexin_petition_events");
			}
		}

		/**
		 * What was announced for these events, once each of them was (the announcer sends
		 * after the commit, from a thread of its own); the test fails after a minute
		 * without.
		 */
		Map<Long, List<String>> awaitAll(List<Long> eventIds) throws SQLException {
			PGConnection listening = this.connection.unwrap(PGConnection.class);
			long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
			while (!this.heard.keySet().containsAll(eventIds) && System.nanoTime() < giveUp) {
				PGNotification[] notifications = listening.getNotifications(200);
				for (PGNotification notification : (notifications != null) ? notifications : new PGNotification[0]) {
					for (String payload : notification.getParameter().split(";")) {
						String[] idAndArea = payload.split(",", 2);
						this.heard.computeIfAbsent(Long.parseLong(idAndArea[0]), id -> new ArrayList<>())
							.add(idAndArea[1]);
					}
				}
			}
			assertThat(this.heard).as("announced").containsKeys(eventIds.toArray(Long[]::new));
			return this.heard;
		}

		@Override
		public void close() throws SQLException {
			this.connection.close();
		}

	}

}
