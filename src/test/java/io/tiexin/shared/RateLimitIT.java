package io.tiexin.shared;

import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits as deployed, with small limits (this class runs in a context of its
 * own): submitting petitions per person, and demo tokens per client address.
 */
@TiexinIntegrationTest
@TestPropertySource(properties = { "tiexin.rate-limits.submits-per-person-per-minute=3",
		"tiexin.rate-limits.tokens-per-address-per-minute=4",
		"tiexin.rate-limits.anonymous-cost-per-address-per-minute=10000",
		"tiexin.rate-limits.failed-sign-ins-per-address-per-minute=3" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitIT {

	@Autowired
	GraphQlClient client;

	@Autowired
	WebTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HttpGraphQlTester graphQl;

	@Test
	void aPersonSubmittingFasterThanTheLimitIsRefusedAndNothingIsStored() {
		HttpGraphQlTester citizen = this.client.as("citizen");
		Map<String, Object> input = Map.of("title", "路灯", "categoryCode", "STREET_LIGHT", "channel", "MINI_PROGRAM",
				"areaCode", "360322101217006");
		for (int i = 0; i < 3; i++) {
			citizen.documentName("petition/submitPetitionId")
				.variable("input", input)
				.execute()
				.path("submitPetition.id")
				.hasValue();
		}
		long before = this.jdbc.sql("SELECT count(*) FROM petition").query(Long.class).single();

		citizen.documentName("petition/submitPetitionId")
			.variable("input", input)
			.execute()
			.errors()
			.expect(error -> "RATE_LIMITED".equals(error.getExtensions().get("code"))
					&& error.getExtensions().containsKey("retryAfterSeconds"))
			.verify();
		assertThat(this.jdbc.sql("SELECT count(*) FROM petition").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void demoTokensAreLimitedPerClientAddress() {
		HttpStatus last = null;
		for (int i = 0; i < 8; i++) {
			last = HttpStatus.valueOf(this.http.post()
				.uri("/auth/dev-token")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("username", "planner"))
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value());
		}
		assertThat(last).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void expensiveReadsWithoutSignInAreLimitedPerAddress() {
		// The county's boundary costs 6,001 points; an address not signed in may spend
		// 10,000 a minute here (refilled gradually: some 170 a second).
		HttpGraphQlTester anonymous = this.graphQl;
		for (int i = 0; i < 1; i++) {
			anonymous.documentName("limits/areaBoundary")
				.variable("code", "360322")
				.execute()
				.path("area.boundary")
				.hasValue();
		}
		anonymous.documentName("limits/areaBoundary")
			.variable("code", "360322")
			.execute()
			.errors()
			.expect(error -> "RATE_LIMITED".equals(error.getExtensions().get("code"))
					&& error.getExtensions().containsKey("retryAfterSeconds"))
			.verify()
			.path("area")
			.pathDoesNotExist();
	}

	@Test
	@Order(Integer.MAX_VALUE) // it blocks every token from this address for a minute
	void refusedTokensAreLimitedPerAddressBeforeTheTokenIsChecked() {
		String forged = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.AAAA";
		for (int i = 0; i < 3; i++) {
			assertThat(signedInStatus(forged)).isEqualTo(HttpStatus.UNAUTHORIZED);
		}
		// the address used up its refusals: the next token is not even checked. Raw HTTP
		// here and in signedInStatus: the HTTP status is what is tested.
		String body = this.http.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + forged)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(GraphQlClient.requestBody("security/myName", Map.of()))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("RATE_LIMITED");
	}

	private HttpStatus signedInStatus(String token) {
		return HttpStatus.valueOf(this.http.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(GraphQlClient.requestBody("security/myName", Map.of()))
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value());
	}

}
