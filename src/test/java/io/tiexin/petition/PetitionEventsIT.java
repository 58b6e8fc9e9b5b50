package io.tiexin.petition;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinGridApplication;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code petitionEvents} over a real WebSocket (graphql-transport-ws, token in
 * connection_init): events of petitions submitted over HTTP arrive, events of another
 * township do not, an event committed by another replica (a plain JDBC connection of its
 * own) arrives only once committed, one submitted to a second application instance on the
 * same database arrives, and people who are not staff are refused.
 */
@TiexinIntegrationTest
class PetitionEventsIT {

	static final String TOWNSHIP = "360322101";

	static final String CELL = "360322101217006";

	static final String OTHER_TOWNSHIP = "360322102";

	static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@Autowired
	GraphQlClient client;

	@Autowired
	DevTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaCatalog areas;

	@Autowired
	JdbcConnectionDetails database;

	final List<WebSocketGraphQlTester> testers = new ArrayList<>();

	final List<Disposable> subscriptions = new ArrayList<>();

	@AfterEach
	void tearDown() {
		this.subscriptions.forEach(Disposable::dispose);
		this.testers.forEach(tester -> tester.stop().block(WAIT));
	}

	@Test
	void staffFollowTheirAreaLiveAcrossReplicas() throws Exception {
		String earlier = this.client.submitIn("citizen", cell(), "STREET_LIGHT").id();
		BlockingQueue<Map<String, Object>> events = subscribe("admin", TOWNSHIP);

		// Another replica writes an event and notifies in its own transaction, as
		// insertEvent does.
		// Sent until one arrives: the subscription is live from then on.
		Map<String, Object> fromReplica = null;
		for (long deadline = System.nanoTime() + WAIT.toNanos(); fromReplica == null && System.nanoTime() < deadline;) {
			try (Connection replica = replicaConnection()) {
				insertEventAsReplica(replica, earlier, "replica probe");
			}
			fromReplica = events.poll(500, TimeUnit.MILLISECONDS);
		}
		assertThat(fromReplica).as("an event committed by another replica").isNotNull();
		assertThat(fromReplica).containsEntry("note", "replica probe");
		assertThat(petitionId(fromReplica)).isEqualTo(earlier);
		Thread.sleep(300);
		events.clear();

		// Not before commit.
		try (Connection replica = replicaConnection()) {
			replica.setAutoCommit(false);
			insertEventAsReplica(replica, earlier, "committed later");
			assertThat(events.poll(1, TimeUnit.SECONDS)).as("an event of an open transaction").isNull();
			replica.commit();
			assertThat(events.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the event once committed")
				.containsEntry("note", "committed later");
		}

		// A petition elsewhere, then one here: only this township's arrive, in commit
		// order.
		this.client.submitIn("citizen", cellIn(OTHER_TOWNSHIP), "STREET_LIGHT");
		String here = this.client.submitIn("citizen", cell(), "STREET_LIGHT").id();
		Map<String, Object> submitted = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
		Map<String, Object> assigned = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(submitted).as("the SUBMITTED event").isNotNull();
		assertThat(assigned).as("the ASSIGNED event").isNotNull();
		assertThat(petitionId(submitted)).isEqualTo(here);
		assertThat(submitted).containsEntry("type", "SUBMITTED").containsEntry("toStatus", "SUBMITTED");
		assertThat(petitionId(assigned)).isEqualTo(here);
		assertThat(assigned).containsEntry("type", "ASSIGNED")
			.containsEntry("fromStatus", "SUBMITTED")
			.containsEntry("toStatus", "ASSIGNED");
		@SuppressWarnings("unchecked")
		Map<String, Object> area = (Map<String, Object>) ((Map<String, Object>) submitted.get("petition")).get("area");
		assertThat((String) area.get("code")).startsWith(TOWNSHIP);
		assertThat(events.poll(500, TimeUnit.MILLISECONDS)).as("nothing else, nothing from another township").isNull();
	}

	/**
	 * Two application instances on one database: a petition submitted over HTTP to a
	 * second instance (started here, with its own signing key, so its own token) reaches
	 * a subscriber of this one.
	 */
	@Test
	void aPetitionSubmittedOnAnotherInstanceReachesASubscriberOfThisOne() throws Exception {
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TiexinGridApplication.class)
			.profiles("demo", "test")
			// Arguments, not default properties: those rank below application.properties.
			.run("--server.port=0", "--spring.datasource.url=" + this.database.getJdbcUrl(),
					"--spring.datasource.username=" + this.database.getUsername(),
					"--spring.datasource.password=" + this.database.getPassword())) {
			String secondUrl = "http://localhost:" + second.getEnvironment().getProperty("local.server.port");
			HttpClient http = HttpClient.newHttpClient();
			String token = post(http, secondUrl + "/auth/dev-token", null, "{\"username\":\"citizen\"}")
				.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
			BlockingQueue<Map<String, Object>> events = subscribe("officer-" + TOWNSHIP, TOWNSHIP);
			Point inside = cell().boundary().getInteriorPoint();
			// Over plain HTTP: the second instance is no bean of this test's context.
			String submit = GraphQlClient.requestBody("petition/submitPetitionId",
					Map.of("input", Map.of("title", "另一实例", "categoryCode", "STREET_LIGHT", "channel", "MINI_PROGRAM",
							"location", Map.of("lon", inside.getX(), "lat", inside.getY()))));

			// Submitted until an event arrives: the subscription is live from the first
			// one on.
			Map<String, Object> event = null;
			String submitted = null;
			for (long deadline = System.nanoTime() + WAIT.toNanos(); event == null && System.nanoTime() < deadline;) {
				String answer = post(http, secondUrl + "/graphql", token, submit);
				assertThat(answer).as("the second instance's answer").contains("\"submitPetition\":{\"id\"");
				submitted = answer.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
				event = events.poll(1, TimeUnit.SECONDS);
			}
			assertThat(event).as("an event of a petition submitted on the other instance").isNotNull();
			assertThat(event).containsEntry("type", "SUBMITTED");
			assertThat(petitionId(event)).isEqualTo(submitted);
		}
	}

	private static String post(HttpClient http, String url, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

	@Test
	void citizensAndPlannersAreRefused() {
		for (String username : List.of("citizen", "planner")) {
			connect(username).documentName("petition/petitionEvents")
				.variable("areaCode", TOWNSHIP)
				.execute()
				.errors()
				.satisfy(errors -> assertThat(errors).singleElement()
					.satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")));
		}
	}

	@Test
	void anonymousConnectionsAreAskedToSignIn() {
		WebSocketGraphQlTester anonymous = WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + this.port + "/graphql"), new StandardWebSocketClient())
			.build();
		this.testers.add(anonymous);
		anonymous.documentName("petition/petitionEvents")
			.variable("areaCode", TOWNSHIP)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
	}

	private BlockingQueue<Map<String, Object>> subscribe(String username, String areaCode) {
		BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
		this.subscriptions.add(connect(username).documentName("petition/petitionEvents")
			.variable("areaCode", areaCode)
			.executeSubscription()
			.toFlux("petitionEvents", MAP)
			.subscribe(events::add));
		return events;
	}

	private WebSocketGraphQlTester connect(String username) {
		String token = this.tokens.tokenFor(username);
		WebSocketGraphQlTester tester = WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + this.port + "/graphql"), new StandardWebSocketClient())
			.interceptor(new WebSocketGraphQlClientInterceptor() {
				@Override
				public Mono<Object> connectionInitPayload() {
					return Mono.just(Map.of("Authorization", "Bearer " + token));
				}
			})
			.build();
		this.testers.add(tester);
		return tester;
	}

	private Connection replicaConnection() throws SQLException {
		return DriverManager.getConnection(this.database.getJdbcUrl(), this.database.getUsername(),
				this.database.getPassword());
	}

	private static void insertEventAsReplica(Connection replica, String petitionId, String note) throws SQLException {
		try (PreparedStatement insert = replica.prepareStatement("""
				WITH event AS (
				    INSERT INTO petition_event (petition_id, at, type, note)
				    VALUES (?, now(), 'NOTE', ?)
				    RETURNING id, petition_id)
				SELECT pg_notify('tiexin_petition_events', event.id || ',' || p.area_code)
				FROM event JOIN petition p ON p.id = event.petition_id""")) {
			insert.setLong(1, GraphQlClient.number(petitionId));
			insert.setString(2, note);
			insert.executeQuery().close();
		}
	}

	@SuppressWarnings("unchecked")
	private static String petitionId(Map<String, Object> event) {
		return (String) ((Map<String, Object>) event.get("petition")).get("id");
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP = (Class) Map.class;

	private Area cell() {
		return this.areas.find(CELL).orElseThrow();
	}

	private Area cellIn(String township) {
		return this.areas.list(AreaLevel.GRID, null, null)
			.stream()
			.filter(area -> area.code().startsWith(township))
			.findFirst()
			.orElseThrow();
	}

}
