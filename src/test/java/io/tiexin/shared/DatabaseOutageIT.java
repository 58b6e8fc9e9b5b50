package io.tiexin.shared;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.tiexin.GraphQlClient;
import io.tiexin.PostgisContainerConfiguration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistrar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database stops and starts again under a steady stream of {@code submitPetition}
 * calls over HTTP. During the outage every call must fail fast with {@code UNAVAILABLE};
 * afterwards the same service, not restarted, must accept submissions again within
 * seconds; and every submission that was answered with a petition must be in the
 * database.
 * <p>
 * This class has its own application context and its own PostGIS container, bound to a
 * fixed host port so that the service's connection URL stays valid across the restart;
 * the shared container the other tests use is never touched. The context is closed
 * afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
@DirtiesContext
class DatabaseOutageIT {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutageIT.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int SUBMITTERS = 4;

	private static final Duration OUTAGE = Duration.ofSeconds(8);

	/** Sent over plain HTTP: this test's service is no bean of a context it could ask. */
	private static final String SUBMIT = GraphQlClient.documentText("petition/submitPetitionIdAndTrackingNumber");

	@LocalServerPort
	int port;

	@Autowired
	PostgreSQLContainer postgis;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void submissionsFailFastDuringARestartAndNoAcknowledgedOneIsLost() throws Exception {
		String token = devToken("citizen");
		ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService submitters = Executors.newFixedThreadPool(SUBMITTERS);
		for (int i = 0; i < SUBMITTERS; i++) {
			submitters.submit(() -> {
				while (running.get()) {
					outcomes.add(submit(token));
				}
				return null;
			});
		}

		// Warm up: a few acknowledged submissions before the fault.
		long warmUp = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (outcomes.stream().filter(Outcome::succeeded).count() < 5 && System.nanoTime() < warmUp) {
			TimeUnit.MILLISECONDS.sleep(100);
		}
		long stoppedAt = System.nanoTime();
		var docker = DockerClientFactory.instance().client();
		// SIGINT is PostgreSQL's fast shutdown (the official image's STOPSIGNAL): clients
		// are cut off
		// at once, open transactions roll back, the server exits.
		docker.killContainerCmd(this.postgis.getContainerId()).withSignal("SIGINT").exec();
		while (Boolean.TRUE
			.equals(docker.inspectContainerCmd(this.postgis.getContainerId()).exec().getState().getRunning())) {
			assertThat(millisSince(stoppedAt)).as("PostgreSQL shuts down").isLessThan(30_000);
			TimeUnit.MILLISECONDS.sleep(100);
		}
		log.info("PostGIS stopped after {} ms", millisSince(stoppedAt));
		TimeUnit.MILLISECONDS.sleep(OUTAGE.toMillis());
		long startedAt = System.nanoTime();
		docker.startContainerCmd(this.postgis.getContainerId()).exec();
		log.info("PostGIS start command returned after {} ms", millisSince(startedAt));

		// Keep submitting until a few submissions sent after the start succeeded.
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (outcomes.stream().filter(o -> o.succeeded() && o.sentAt() > startedAt).count() < 5
				&& System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(100);
		}
		running.set(false);
		submitters.shutdown();
		assertThat(submitters.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

		List<Outcome> all = new ArrayList<>(outcomes);
		List<Outcome> acknowledged = all.stream().filter(Outcome::succeeded).toList();
		List<Outcome> failed = all.stream().filter(o -> !o.succeeded()).toList();
		long firstSuccessAfterStart = all.stream()
			.filter(o -> o.succeeded() && o.sentAt() > startedAt)
			.mapToLong(Outcome::answeredAt)
			.min()
			.orElseThrow(
					() -> new AssertionError("no submission succeeded within 60 s of the database starting again"));
		Duration recovery = Duration.ofNanos(firstSuccessAfterStart - startedAt);
		long slowestFailureMillis = failed.stream().mapToLong(Outcome::millis).max().orElse(0);
		Map<String, Long> failuresByAnswer = failed.stream()
			.collect(Collectors.groupingBy(Outcome::answer, LinkedHashMap::new, Collectors.counting()));

		List<String> trackingNumbers = acknowledged.stream().map(Outcome::trackingNumber).toList();
		List<String> found = this.jdbc.sql("SELECT tracking_number FROM petition WHERE tracking_number = ANY(?)")
			.param(trackingNumbers.toArray(String[]::new))
			.query(String.class)
			.list();
		List<String> missing = trackingNumbers.stream().filter(number -> !found.contains(number)).toList();
		log.info("Missing after the outage: {}", missing);
		log.info(
				"Database outage: {} submissions, {} acknowledged, {} of them found afterwards; {} failed {}; "
						+ "slowest failure {} ms; first success {} ms after the start command",
				all.size(), acknowledged.size(), found.size(), failed.size(), failuresByAnswer, slowestFailureMillis,
				recovery.toMillis());

		assertThat(acknowledged.stream().filter(o -> o.answeredAt() < stoppedAt))
			.as("submissions acknowledged before the outage")
			.hasSizeGreaterThanOrEqualTo(5);
		assertThat(acknowledged.stream().filter(o -> o.sentAt() > startedAt))
			.as("submissions acknowledged after the outage")
			.hasSizeGreaterThanOrEqualTo(5);
		assertThat(failed).as("submissions refused during the outage").isNotEmpty();
		assertThat(failuresByAnswer.keySet()).as("every failure is a clear UNAVAILABLE")
			.allMatch(answer -> answer.endsWith("UNAVAILABLE"));
		assertThat(slowestFailureMillis).as("failures are fast (Hikari's 3 s connection timeout)").isLessThan(10_000);
		assertThat(recovery).as("recovered without a restart of the service").isLessThan(Duration.ofSeconds(20));
		assertThat(found).as("every acknowledged submission is stored")
			.containsExactlyInAnyOrderElementsOf(trackingNumbers);
		assertThat(healthStatus()).isEqualTo("UP");
	}

	private Outcome submit(String token) {
		long sentAt = System.nanoTime();
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("title", "停电后路灯不亮");
		input.put("categoryCode", "STREET_LIGHT");
		input.put("channel", "MINI_PROGRAM");
		input.put("areaCode", "360322101217006");
		input.put("idempotencyKey", UUID.randomUUID().toString());
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/graphql"))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers
					.ofString(JSON.writeValueAsString(Map.of("query", SUBMIT, "variables", Map.of("input", input)))))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			long answeredAt = System.nanoTime();
			JsonNode body = JSON.readTree(response.body());
			JsonNode petition = body.path("data").path("submitPetition");
			if (response.statusCode() == 200 && petition.isObject()) {
				return new Outcome(sentAt, answeredAt, petition.path("trackingNumber").asString(), "ok");
			}
			String code = body.path("errors").path(0).path("extensions").path("code").asString("no code");
			return new Outcome(sentAt, answeredAt, null, response.statusCode() + " " + code);
		}
		catch (IOException ex) {
			return new Outcome(sentAt, System.nanoTime(), null, "I/O " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome(sentAt, System.nanoTime(), null, "interrupted");
		}
	}

	private String devToken(String username) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/auth/dev-token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body()).path("token").asString();
	}

	private String healthStatus() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body()).path("status").asString();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static long millisSince(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
	}

	/**
	 * One submission: when it was sent and answered, and its tracking number or how it
	 * failed.
	 */
	record Outcome(long sentAt, long answeredAt, String trackingNumber, String answer) {

		boolean succeeded() {
			return this.trackingNumber != null;
		}

		long millis() {
			return Duration.ofNanos(this.answeredAt - this.sentAt).toMillis();
		}
	}

	/**
	 * A PostGIS of this test's own, published on a fixed free host port: after
	 * {@code docker stop} and {@code docker start} it is reachable at the same address,
	 * as a database server restarted in place would be.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class OwnPostgis {

		@Bean
		PostgreSQLContainer outagePostgis() throws IOException {
			PostgreSQLContainer container = PostgisContainerConfiguration.newContainer();
			container.setPortBindings(Collections.singletonList(freePort() + ":5432"));
			// Durable, as in production (test images may turn durability off for speed):
			// an
			// acknowledged commit must survive the server stopping.
			container.setCommand("postgres", "-c", "fsync=on", "-c", "synchronous_commit=on", "-c",
					"full_page_writes=on");
			return container;
		}

		/** The two roles of production, as in every other test's database. */
		@Bean
		DynamicPropertyRegistrar twoDatabaseRoles(PostgreSQLContainer outagePostgis) {
			return PostgisContainerConfiguration.asTheServiceRole(outagePostgis);
		}

		private static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0)) {
				return socket.getLocalPort();
			}
		}

	}

}
