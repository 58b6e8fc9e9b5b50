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
 * Apollo's automatic persisted queries, with the requests Apollo Client's
 * persisted-queries link sends, over POST and (with {@code useGETForHashedQueries}) over
 * GET: the hash alone first, then (on {@code PERSISTED_QUERY_NOT_FOUND}) the query with
 * its hash; afterwards the hash alone is answered. Over GET, mutations are refused with
 * 405. Raw HTTP on purpose: a body without a query is what is tested, which the GraphQL
 * test client cannot send.
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

	@Test
	void overGetAsApolloSendsHashedQueriesTheHashAloneIsNotFoundThenRegisteredThenAnswered() {
		String query = GraphQlClient.documentText("shared/persistedArea") + "# " + System.nanoTime() + "\n";
		String hash = sha256(query);
		// 400, as over POST when application/graphql-response+json is accepted: a request
		// error, no data. Apollo's link reads the error from the body whatever the
		// status.
		get(null, hash).expectBody()
			.jsonPath("$.data")
			.doesNotExist()
			.jsonPath("$.errors[0].message")
			.isEqualTo("PersistedQueryNotFound")
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("PERSISTED_QUERY_NOT_FOUND");
		get(query, hash).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.errors")
			.doesNotExist()
			.jsonPath("$.data.area.name")
			.isEqualTo("上栗镇");
		get(null, hash).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.errors")
			.doesNotExist()
			.jsonPath("$.data.area.code")
			.isEqualTo(TOWNSHIP);
	}

	@Test
	void aQueryOverGetIsAnsweredAsOverPost() {
		String query = GraphQlClient.documentText("shared/persistedArea");
		get(query, null).expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.parseMediaType("application/graphql-response+json"))
			.expectBody()
			.jsonPath("$.data.area.code")
			.isEqualTo(TOWNSHIP);
		// The same refusals as over POST: a document that does not validate.
		get("{ area(code: \"" + TOWNSHIP + "\") { noSuchField } }", null).expectBody()
			.jsonPath("$.data")
			.doesNotExist()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("VALIDATION");
		this.http.get()
			.uri(uri -> uri.path("/graphql")
				.queryParam("query", "{query}")
				.queryParam("variables", "{variables}")
				.build(query, "[1]"))
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("VALIDATION");
	}

	@Test
	void aMutationOverGetIsRefusedWith405AndAllowPostAlsoByItsHash() {
		String mutation = GraphQlClient.documentText("shared/persistedWithdraw") + "# " + System.nanoTime() + "\n";
		String hash = sha256(mutation);
		get(mutation, hash, "PersistedWithdraw", Map.of("id", "1")).expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.valueEquals("Allow", "POST")
			.expectBody()
			.jsonPath("$.data")
			.doesNotExist()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("VALIDATION");
		// Registered over POST (the anonymous caller is refused the mutation itself), the
		// hash alone over GET is refused too: GET never changes anything.
		post(body(mutation, hash, "PersistedWithdraw", Map.of("id", "1"))).jsonPath("$.errors[0].extensions.code")
			.isEqualTo("UNAUTHENTICATED");
		get(null, hash, "PersistedWithdraw", Map.of("id", "1")).expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.valueEquals("Allow", "POST");
	}

	@Test
	void aBrowserAskingForAPageIsNotAnsweredAQuery() {
		this.http.get()
			.uri(uri -> uri.path("/graphql").queryParam("query", "{query}").build("{ __typename }"))
			.accept(MediaType.TEXT_HTML, MediaType.parseMediaType("application/xhtml+xml"), MediaType.ALL)
			.exchange()
			.expectStatus()
			.isEqualTo(405);
	}

	private WebTestClient.ResponseSpec get(String query, String hash) {
		return get(query, hash, "PersistedArea", Map.of("code", TOWNSHIP));
	}

	/** As Apollo Client's HTTP link sends a GET: each member a URL-encoded parameter. */
	private WebTestClient.ResponseSpec get(String query, String hash, String operationName,
			Map<String, Object> variables) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("operationName", operationName);
		parameters.put("variables", this.json.writeValueAsString(variables));
		if (hash != null) {
			parameters.put("extensions",
					this.json.writeValueAsString(Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash))));
		}
		if (query != null) {
			parameters.put("query", query);
		}
		return this.http.get().uri(uri -> {
			parameters.keySet().forEach(name -> uri.queryParam(name, "{" + name + "}"));
			return uri.path("/graphql").build(parameters);
		}).accept(MediaType.parseMediaType("application/graphql-response+json"), MediaType.APPLICATION_JSON).exchange();
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
		return body(query, hash, "PersistedArea", Map.of("code", TOWNSHIP));
	}

	private String body(String query, String hash, String operationName, Map<String, Object> variables) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("operationName", operationName);
		body.put("variables", variables);
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
