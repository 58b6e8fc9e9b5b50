package io.tiexin.department;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.petition.PetitionFixtures;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every step of a whistle is a live event on the petition: the township's officer,
 * subscribed over a real WebSocket, sees the summons and the report arrive.
 */
@TiexinIntegrationTest
class WhistleEventsIT {

	static final String TOWNSHIP = "360322201";

	static final String CELL = "360322201205004";

	static final Duration WAIT = Duration.ofSeconds(10);

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static final Class<Map<String, Object>> MAP = (Class) Map.class;

	@LocalServerPort
	int port;

	@Autowired
	GraphQlClient client;

	@Autowired
	DevTokens tokens;

	@Autowired
	AreaCatalog areas;

	final List<WebSocketGraphQlTester> testers = new ArrayList<>();

	final List<Disposable> subscriptions = new ArrayList<>();

	@AfterEach
	void tearDown() {
		this.subscriptions.forEach(Disposable::dispose);
		this.testers.forEach(tester -> tester.stop().block(WAIT));
	}

	@Test
	void theSummonsAndTheReportArriveLive() throws Exception {
		BlockingQueue<Map<String, Object>> events = subscribe("officer-" + TOWNSHIP);
		// Submitted until an event arrives: the subscription is live from then on.
		String petitionId = null;
		for (long deadline = System.nanoTime() + WAIT.toNanos(); System.nanoTime() < deadline;) {
			petitionId = submit();
			if (events.poll(500, TimeUnit.MILLISECONDS) != null) {
				break;
			}
		}
		Thread.sleep(300);
		events.clear();

		Map<String, Object> whistle = this.client.as("cadre-360322201205")
			.documentName("department/blowWhistleId")
			.variable("petitionId", petitionId)
			.variable("departmentCodes", List.of("WATER_RESOURCES"))
			.variable("reason", "水管爆裂")
			.execute()
			.path("blowWhistle")
			.entity(MAP)
			.get();
		Map<String, Object> blown = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(blown).as("the WHISTLE_BLOWN event").isNotNull().containsEntry("type", "WHISTLE_BLOWN");
		assertThat(((Map<?, ?>) blown.get("petition")).get("id")).isEqualTo(petitionId);
		assertThat((String) blown.get("note")).contains("上栗县水利局").endsWith("水管爆裂");

		this.client.as("dept-water-resources-2")
			.documentName("department/reportWhistleStatus")
			.variable("whistleId", whistle.get("id"))
			.variable("departmentCode", "WATER_RESOURCES")
			.execute()
			.path("reportWhistle.status")
			.entity(String.class)
			.isEqualTo("REPORTED");
		Map<String, Object> reported = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(reported).as("the WHISTLE_REPORTED event").isNotNull().containsEntry("type", "WHISTLE_REPORTED");
		assertThat(((Map<?, ?>) reported.get("actor")).get("username")).isEqualTo("dept-water-resources-2");
	}

	private String submit() {
		Point inside = this.areas.find(CELL).orElseThrow().boundary().getInteriorPoint();
		Map<String, Object> input = PetitionFixtures.submissionAt(inside.getX(), inside.getY(), "WATER_SUPPLY");
		input.put("title", "停水");
		return this.client.citizen()
			.documentName("petition/submitPetitionId")
			.variable("input", input)
			.execute()
			.path("submitPetition.id")
			.entity(String.class)
			.get();
	}

	private BlockingQueue<Map<String, Object>> subscribe(String username) {
		BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
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
		this.subscriptions.add(tester.documentName("department/whistleEvents")
			.variable("areaCode", TOWNSHIP)
			.executeSubscription()
			.toFlux("petitionEvents", MAP)
			.subscribe(events::add));
		return events;
	}

}
