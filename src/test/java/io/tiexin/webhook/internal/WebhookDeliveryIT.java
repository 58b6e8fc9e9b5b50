package io.tiexin.webhook.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import io.tiexin.GraphQlClient;
import io.tiexin.TestClock;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.petition.PetitionFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks end to end: real petitions over GraphQL, the outbox in PostGIS, the sender
 * POSTing to a receiver inside the test. The service's clock is stopped and moved by the
 * test, so backoffs of minutes pass at once.
 */
@TiexinIntegrationTest
class WebhookDeliveryIT {

	static final String CELL = "360322101217006";

	static final String SECRET = "a-secret-of-the-partner-0123456789";

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaCatalog areas;

	@Autowired
	TestClock clock;

	@Autowired
	WebhookSender sender;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	WebhookProperties properties;

	@Autowired
	JsonMapper json;

	@Autowired
	DataSource dataSource;

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
		if (!this.sender.isRunning()) {
			this.sender.start();
		}
	}

	@Test
	void everyEventArrivesOnceInOrderSignedThroughFailuresAndARestart() throws Exception {
		this.clock.set(OffsetDateTime.now());
		try (TestReceiver receiver = new TestReceiver(3)) {
			createWebhook(receiver.url(), List.of("*"));
			Map<String, Object> first = submit();
			Map<String, Object> second = submit();
			perform(assignee(first), "acceptPetition", first.get("id"));

			// The first three POSTs fail; the backoff (10 s, 20 s, 40 s) passes as the
			// clock
			// moves.
			awaitReceived(receiver, List.of(first, second));
			assertThat(receiver.requests()).isGreaterThan(receiver.received().size());

			// The receiver goes down, events keep coming, the sender fails against it,
			// then
			// the service "restarts" (its sender stops and starts) while it is still
			// down.
			receiver.stop();
			perform(assignee(first), "startPetition", first.get("id"));
			perform(assignee(second), "acceptPetition", second.get("id"));
			until(() -> attemptsWithoutAnswer() >= 1, null);
			this.sender.stop();
			perform(assignee(second), "startPetition", second.get("id"));
			this.sender.start();
			long beforeRestart = attemptsWithoutAnswer();
			until(() -> attemptsWithoutAnswer() > beforeRestart, Duration.ofMinutes(1));
			this.sender.stop();
			this.sender.start();
			receiver.start();

			awaitReceived(receiver, List.of(first, second));
			assertExactlyOnceInOrderSigned(receiver, List.of(first, second));
			assertThat(events(List.of(first, second))).hasSize(8);
		}
	}

	@Test
	void twoSendersOnOneDatabaseDeliverEachEventOnce() throws Exception {
		WebhookSender another = new WebhookSender(this.jdbc, this.transactionManager, this.clock, this.properties);
		another.start();
		try (TestReceiver receiver = new TestReceiver(0)) {
			createWebhook(receiver.url(), List.of("SUBMITTED", "ASSIGNED", "ACCEPTED"));
			List<Map<String, Object>> petitions = new ArrayList<>();
			for (int i = 0; i < 15; i++) {
				Map<String, Object> petition = submit();
				petitions.add(petition);
				this.sender.wake();
				another.wake();
			}
			perform(assignee(petitions.get(0)), "acceptPetition", petitions.get(0).get("id"));
			awaitReceived(receiver, petitions);
			assertExactlyOnceInOrderSigned(receiver, petitions);
			assertThat(receiver.requests()).isEqualTo(receiver.received().size()).isEqualTo(31);
		}
		finally {
			another.stop();
		}
	}

	@Test
	void aChainStopsBeforeADeliveryAnotherTransactionHolds() throws Exception {
		try (TestReceiver receiver = new TestReceiver(0)) {
			String webhookId = createWebhook(receiver.url(), List.of("SUBMITTED", "ASSIGNED", "ACCEPTED"));
			// Three deliveries of one petition wait while the sender is stopped; the
			// middle
			// one is locked elsewhere (as a webhook's deletion does).
			this.sender.stop();
			Map<String, Object> petition = submit();
			perform(assignee(petition), "acceptPetition", petition.get("id"));
			try (Connection holder = this.dataSource.getConnection()) {
				holder.setAutoCommit(false);
				try (PreparedStatement lock = holder.prepareStatement("""
						SELECT id FROM webhook_delivery
						WHERE webhook_id = ? AND petition_id = ? AND event_type = 'ASSIGNED' FOR UPDATE""")) {
					lock.setLong(1, Long.parseLong(webhookId));
					lock.setLong(2, GraphQlClient.number((String) petition.get("id")));
					assertThat(lock.executeQuery().next()).isTrue();
				}
				this.sender.start();
				until(() -> stateOf(webhookId, "SUBMITTED").equals("DELIVERED"), null);
				// Recorded in the round that sent it: had ACCEPTED been sent past the
				// held
				// ASSIGNED, it would have arrived by now.
				assertThat(receiver.received()).extracting(TestReceiver.Received::eventHeader)
					.containsExactly("SUBMITTED");
				assertThat(stateOf(webhookId, "ACCEPTED")).isEqualTo("PENDING");
				holder.rollback();
			}
			awaitReceived(receiver, List.of(petition));
			assertExactlyOnceInOrderSigned(receiver, List.of(petition));
			assertThat(receiver.received()).extracting(TestReceiver.Received::eventHeader)
				.containsExactly("SUBMITTED", "ASSIGNED", "ACCEPTED");
		}
	}

	@Test
	void aDeliveryRefusedFor24HoursIsFailedWithTheLastAnswer() throws Exception {
		this.clock.set(OffsetDateTime.now());
		try (TestReceiver receiver = new TestReceiver(Integer.MAX_VALUE)) {
			String webhookId = createWebhook(receiver.url(), List.of("SUBMITTED"));
			submit();
			until(() -> deliveryStates(webhookId).contains("FAILED"), Duration.ofMinutes(30));

			Map<String, Object> delivery = this.client.admin()
				.documentName("webhook/webhookDeliveries")
				.execute()
				.path("webhooks[?(@.id == '" + webhookId + "')].deliveries[0]")
				.entityList(MAP)
				.get()
				.get(0);
			assertThat(delivery).containsEntry("eventType", "SUBMITTED")
				.containsEntry("state", "FAILED")
				.containsEntry("lastStatus", 500)
				.containsEntry("lastResponse", "try again later")
				.containsEntry("nextAttemptAt", null)
				.containsEntry("deliveredAt", null);
			// Retried (as the clock moved on half an hour at a time) until 24 h after the
			// event.
			assertThat((Integer) delivery.get("attempts")).isGreaterThan(10);
			assertThat(receiver.requests()).isEqualTo(delivery.get("attempts"));
		}
	}

	@Test
	void onlyCountyAdministratorsManageWebhooksAndUrlsMustBeHttp() {
		assertThat(errorCode(createWebhookId("officer-360322101", "http://127.0.0.1:9/x", SECRET, List.of("*"))))
			.isEqualTo("FORBIDDEN");
		assertThat(errorCode(this.client.citizen().documentName("webhook/webhookIds"))).isEqualTo("FORBIDDEN");
		for (String url : List.of("ftp://example.org/x", "file:///etc/passwd", "http://user:pw@example.org/x",
				"not a url", "/relative")) {
			assertThat(errorCode(createWebhookId("admin", url, SECRET, List.of("*")))).as(url).isEqualTo("VALIDATION");
		}
		assertThat(errorCode(createWebhookId("admin", "http://127.0.0.1:9/x", "short", List.of("*"))))
			.isEqualTo("VALIDATION");
		assertThat(errorCode(createWebhookId("admin", "http://127.0.0.1:9/x", SECRET, List.of("submitted; drop"))))
			.isEqualTo("VALIDATION");
		assertThat(this.jdbc.sql("SELECT count(*) FROM webhook").query(Long.class).single()).isZero();
		assertThat(WebhookUrls.validate("https://hooks.example.org/tiexin", true).getHost())
			.isEqualTo("hooks.example.org");
		for (String internal : List.of("http://127.0.0.1/x", "http://10.1.2.3/x", "http://192.168.0.1/x",
				"http://169.254.169.254/latest/meta-data", "http://[::1]/x")) {
			assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> WebhookUrls.validate(internal, false)))
				.as(internal)
				.hasMessageContaining("private network");
		}
	}

	// --- helpers

	static final org.springframework.core.ParameterizedTypeReference<Map<String, Object>> MAP = new org.springframework.core.ParameterizedTypeReference<>() {
	};

	private String createWebhook(String url, List<String> events) {
		String id = this.client.admin()
			.documentName("webhook/createWebhook")
			.variable("input", Map.of("url", url, "secret", SECRET, "events", events))
			.execute()
			.path("createWebhook.id")
			.entity(String.class)
			.get();
		this.webhookIds.add(id);
		return id;
	}

	private Map<String, Object> submit() {
		Point inside = this.areas.find(CELL).orElseThrow().boundary().getInteriorPoint();
		return this.client.citizen()
			.documentName("webhook/submitPetitionForWebhooks")
			.variable("input", PetitionFixtures.submissionAt(inside.getX(), inside.getY(), "STREET_LIGHT"))
			.execute()
			.path("submitPetition")
			.entity(MAP)
			.get();
	}

	@SuppressWarnings("unchecked")
	private static String assignee(Map<String, Object> petition) {
		return (String) ((Map<String, Object>) petition.get("assignee")).get("username");
	}

	private void perform(String username, String operation, Object id) {
		this.client.as(username)
			.documentName("petition/" + operation + "Status")
			.variable("id", id)
			.execute()
			.path(operation + ".status")
			.hasValue();
	}

	private GraphQlTester.Request<?> createWebhookId(String username, String url, String secret, List<String> events) {
		return this.client.as(username)
			.documentName("webhook/createWebhookId")
			.variable("input", Map.of("url", url, "secret", secret, "events", events));
	}

	private static String errorCode(GraphQlTester.Request<?> request) {
		List<ResponseError> errors = request.execute().returnResponse().getErrors();
		assertThat(errors).isNotEmpty();
		return (String) errors.get(0).getExtensions().get("code");
	}

	/** The timeline events of the petitions, oldest first: what the receiver must get. */
	private List<Long> events(List<Map<String, Object>> petitions) {
		return this.jdbc.sql("SELECT id FROM petition_event WHERE petition_id = ANY (?) ORDER BY id")
			.param(petitions.stream().map(p -> GraphQlClient.number((String) p.get("id"))).toArray(Long[]::new))
			.query(Long.class)
			.list();
	}

	/**
	 * Attempts that found the receiver down (pending deliveries, last attempt
	 * unanswered).
	 */
	private long attemptsWithoutAnswer() {
		return this.jdbc.sql("""
				SELECT coalesce(sum(attempts), 0) FROM webhook_delivery
				WHERE state = 'PENDING' AND attempts > 0 AND last_status IS NULL""").query(Long.class).single();
	}

	private String stateOf(String webhookId, String eventType) {
		return this.jdbc.sql("SELECT state FROM webhook_delivery WHERE webhook_id = ? AND event_type = ?")
			.param(Long.valueOf(webhookId))
			.param(eventType)
			.query(String.class)
			.single();
	}

	private List<String> deliveryStates(String webhookId) {
		return this.jdbc.sql("SELECT state FROM webhook_delivery WHERE webhook_id = ?")
			.param(Long.valueOf(webhookId))
			.query(String.class)
			.list();
	}

	private void awaitReceived(TestReceiver receiver, List<Map<String, Object>> petitions) {
		List<Long> expected = events(petitions);
		until(() -> receiver.received().size() >= expected.size(), Duration.ofMinutes(1));
	}

	/**
	 * Waits (at most two minutes) for the condition, moving the stopped clock on by the
	 * step (if any) between looks, so that retries fall due.
	 */
	private void until(BooleanSupplier condition, Duration step) {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited two minutes for webhook deliveries").isLessThan(deadline);
			if (step != null) {
				this.clock.advance(step);
			}
			this.sender.wake();
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private void assertExactlyOnceInOrderSigned(TestReceiver receiver, List<Map<String, Object>> petitions) {
		List<Long> expected = events(petitions);
		Map<String, Integer> timesById = new HashMap<>();
		Map<String, List<Long>> idsByPetition = new LinkedHashMap<>();
		for (TestReceiver.Received received : receiver.received()) {
			assertThat(received.signature()).isEqualTo(WebhookSignature.of(SECRET, received.body()));
			Map<String, Object> body = this.json.readValue(received.body(), Map.class);
			assertThat(body).containsKeys("id", "type", "occurredAt", "trackingNumber", "status", "areaCode");
			assertThat(body.get("type")).isEqualTo(received.eventHeader());
			assertThat((String) body.get("areaCode")).startsWith("360322");
			timesById.merge((String) body.get("id"), 1, Integer::sum);
			idsByPetition.computeIfAbsent((String) body.get("trackingNumber"), k -> new ArrayList<>())
				.add(Long.valueOf((String) body.get("id")));
		}
		assertThat(timesById.keySet())
			.containsExactlyInAnyOrderElementsOf(expected.stream().map(String::valueOf).toList());
		assertThat(timesById.values()).containsOnly(1);
		idsByPetition.values().forEach(ids -> assertThat(ids).isSorted());
		assertThat(idsByPetition.keySet()).containsExactlyInAnyOrderElementsOf(
				petitions.stream().map(p -> (String) p.get("trackingNumber")).toList());
	}

}
