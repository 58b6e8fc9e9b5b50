package io.tiexin.security;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real sign-in for integration tests: asks the running service for a demo token over HTTP
 * ({@code POST /auth/dev-token}, demo profile) and hands out GraphQL testers that send
 * it.
 *
 * <pre>
 * &#64;Autowired DevTokens tokens;
 * String token = tokens.tokenFor("admin"); // a raw token, for HTTP or a WebSocket
 * tokens.as("admin").documentName("security/me").execute()... // GraphQlClient does this
 * </pre>
 */
@TestComponent
public class DevTokens {

	private final ObjectProvider<WebTestClient> http;

	private final ObjectProvider<HttpGraphQlTester> graphQl;

	// Resolved on first use: the testers are bound to the server's port, known only once
	// it runs.
	DevTokens(ObjectProvider<WebTestClient> http, ObjectProvider<HttpGraphQlTester> graphQl) {
		this.http = http;
		this.graphQl = graphQl;
	}

	/** A fresh one-hour token for the demo account, from {@code POST /auth/dev-token}. */
	public String tokenFor(String username) {
		Map<?, ?> answer = this.http.getObject()
			.post()
			.uri("/auth/dev-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		Object token = (answer != null) ? answer.get("token") : null;
		assertThat(token).as("the dev-token answer for " + username).isInstanceOf(String.class);
		return (String) token;
	}

	/** A GraphQL tester whose every request is signed in as this demo account. */
	public HttpGraphQlTester as(String username) {
		return withToken(tokenFor(username));
	}

	/**
	 * A GraphQL tester that sends this token, valid or not, as
	 * {@code Authorization: Bearer}.
	 */
	public HttpGraphQlTester withToken(String token) {
		return this.graphQl.getObject().mutate().header(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
	}

}
