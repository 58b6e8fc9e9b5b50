package io.tiexin.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Apollo's automatic persisted queries, with the request bodies Apollo Client's
 * persisted-queries link sends: the hash alone first, then (on
 * {@code PERSISTED_QUERY_NOT_FOUND}) the query with its hash; afterwards the hash alone
 * is answered. Raw HTTP on purpose: a body without a query is what is tested, which the
 * GraphQL test client cannot send.
 */
@TiexinIntegrationTest
class AutomaticPersistedQueriesIT {

	static final String TOWNSHIP = "360322101";

	final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	WebTestClient http;

	@Test
	void anUnknownHashIsNotFoundThenTheQueryRegistersItAndTheHashAloneIsAnswered() {
		// A document of its own text (a random comment) so that no other test has
		// registered its hash.
		String query = GraphQlClient.documentText("shared/persistedArea") + "# " + System.nanoTime() + "\n";
		String hash = sha256(query);
		post(body(null, hash)).jsonPath("$.data")
			.doesNotExist()
			.jsonPath("$.errors[0].message")
			.isEqualTo("PersistedQueryNotFound")
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("PERSISTED_QUERY_NOT_FOUND");
		post(body(query, hash)).jsonPath("$.errors").doesNotExist().jsonPath("$.data.area.name").isEqualTo("上栗镇");
		post(body(null, hash)).jsonPath("$.errors").doesNotExist().jsonPath("$.data.area.code").isEqualTo(TOWNSHIP);
	}

	@Test
	void aHashThatIsNotTheQuerysIsRefusedAndRegistersNothing() {
		String query = GraphQlClient.documentText("shared/persistedArea") + "# " + System.nanoTime() + "\n";
		String wrong = sha256(query + " ");
		post(body(query, wrong)).jsonPath("$.data")
			.doesNotExist()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("VALIDATION")
			.jsonPath("$.errors[0].message")
			.value(message -> org.assertj.core.api.Assertions.assertThat((String) message)
				.contains("PersistedQueryIdInvalid"));
		post(body(null, wrong)).jsonPath("$.errors[0].extensions.code").isEqualTo("PERSISTED_QUERY_NOT_FOUND");
	}

	@Test
	void requestsWithoutAPersistedQueryAreUnchanged() {
		post(body(GraphQlClient.documentText("shared/persistedArea"), null)).jsonPath("$.data.area.code")
			.isEqualTo(TOWNSHIP);
	}

	private WebTestClient.BodyContentSpec post(String body) {
		return this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.parseMediaType("application/graphql-response+json"), MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectBody();
	}

	/** As Apollo Client sends it: no {@code query} member at all when it is left out. */
	private String body(String query, String hash) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("operationName", "PersistedArea");
		body.put("variables", Map.of("code", TOWNSHIP));
		if (hash != null) {
			body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
		}
		if (query != null) {
			body.put("query", query);
		}
		return this.json.writeValueAsString(body);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

}
