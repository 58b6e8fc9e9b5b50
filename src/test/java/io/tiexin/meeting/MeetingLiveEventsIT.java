package io.tiexin.meeting;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A meeting's filed items reach the live events: each petition's MEETING timeline event,
 * naming the meeting, goes out on {@code petitionEvents} like any other.
 */
@TiexinIntegrationTest
class MeetingLiveEventsIT {

	static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	GraphQlClient client;

	@Autowired
	DevTokens tokens;

	@Autowired
	AreaCatalog areas;

	WebSocketGraphQlTester tester;

	Disposable subscription;

	@AfterEach
	void tearDown() {
		if (this.subscription != null) {
			this.subscription.dispose();
		}
		if (this.tester != null) {
			this.tester.stop().block(WAIT);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	@Test
	void aRecordedMeetingsFiledItemsAppearInTheLiveEvents() throws Exception {
		String village = this.areas.children("360322200").get(5).code();
		String officer = "officer-360322200";
		String token = this.tokens.tokenFor(officer);
		this.tester = WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + this.port + "/graphql"), new StandardWebSocketClient())
			.interceptor(new WebSocketGraphQlClientInterceptor() {
				@Override
				public Mono<Object> connectionInitPayload() {
					return Mono.just(Map.of("Authorization", "Bearer " + token));
				}
			})
			.build();
		BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
		this.subscription = this.tester.documentName("meeting/meetingEvents")
			.variable("areaCode", village)
			.executeSubscription()
			.toFlux("petitionEvents", (Class<Map<String, Object>>) (Class) Map.class)
			.subscribe(events::add);
		// Meetings are recorded until one's event arrives: the subscription is live from
		// then on.
		List<String> meetingIds = new ArrayList<>();
		Map<String, Object> meetingEvent = null;
		for (long deadline = System.nanoTime() + WAIT.toNanos(); meetingEvent == null
				&& System.nanoTime() < deadline;) {
			String id = this.client.as(officer)
				.documentName("meeting/planMeetingId")
				.variable("input",
						Map.of("title", "实时测试", "areaCode", village, "scheduledAt",
								OffsetDateTime.now().plusDays(1).toString()))
				.execute()
				.path("planMeeting.id")
				.entity(String.class)
				.get();
			meetingIds.add(id);
			this.client.as(officer)
				.documentName("meeting/recordMeetingStatus")
				.variable("id", id)
				.variable("input",
						Map.of("heldAt", OffsetDateTime.now().minusMinutes(30).toString(), "attendance", 20, "summary",
								"纪要", "items", List.of(Map.of("text", "水沟堵了", "categoryCode", "ENVIRONMENT"))))
				.execute()
				.path("recordMeeting.status")
				.entity(String.class)
				.isEqualTo("HELD");
			for (Map<String, Object> event = events.poll(1, TimeUnit.SECONDS); event != null
					&& meetingEvent == null; event = events.poll(200, TimeUnit.MILLISECONDS)) {
				if ("MEETING".equals(event.get("type"))) {
					meetingEvent = event;
				}
			}
		}
		assertThat(meetingEvent).as("a MEETING event on the live feed").isNotNull();
		Map<?, ?> petition = (Map<?, ?>) meetingEvent.get("petition");
		assertThat(petition.get("channel")).isEqualTo("MEETING");
		String meetingId = (String) ((Map<?, ?>) petition.get("meeting")).get("id");
		assertThat(meetingIds).contains(meetingId);
		assertThat((String) meetingEvent.get("note")).contains("实时测试")
			.contains("会议 " + GraphQlClient.number(meetingId));
	}

}
