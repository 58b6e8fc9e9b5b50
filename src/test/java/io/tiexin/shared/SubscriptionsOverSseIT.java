package io.tiexin.shared;

import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A GraphQL-over-SSE client ({@code Accept: text/event-stream}, as graphql-sse sends it)
 * gets errors with their {@code extensions.code}, like every other client: subscriptions
 * go over the WebSocket (refused here with VALIDATION, as over plain HTTP), and a
 * document with an error is answered with that error. Raw HTTP on purpose: the event
 * stream is what is tested.
 */
@TiexinIntegrationTest
class SubscriptionsOverSseIT {

	@Autowired
	WebTestClient http;

	@Autowired
	DevTokens tokens;

	@Test
	void aSubscriptionOverSseIsRefusedWithACode() {
		String stream = events(GraphQlClient.requestBody("petition/petitionEvents", Map.of()));
		assertThat(stream).contains("\"code\":\"VALIDATION\"").contains("WebSocket");
	}

	@Test
	void anInvalidDocumentOverSseIsAnsweredWithItsCode() {
		String stream = events("{\"query\":\"subscription { noSuchField }\"}");
		assertThat(stream).contains("\"code\":\"VALIDATION\"")
			.doesNotContain("SSE handler supports only subscriptions");
	}

	private String events(String body) {
		return this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.tokens.tokenFor("admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
