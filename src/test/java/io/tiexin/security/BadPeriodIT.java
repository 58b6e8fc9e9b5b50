package io.tiexin.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tiexin.TiexinIntegrationTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review: a period whose from is after its to, an offset of ±16:00 or more, or a year
 * of +999999999 were answered INTERNAL by every operation taking a time. Each is
 * VALIDATION, with a message that says what to fix.
 */
@TiexinIntegrationTest
class BadPeriodIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** from, to: each a bad time or period. */
	private static final Map<String, String[]> BAD = Map.of("from after to",
			new String[] { "2025-02-01T00:00:00+08:00", "2025-01-01T00:00:00+08:00" }, "offset +16:00",
			new String[] { "2025-01-01T00:00:00+08:00", "2025-02-01T00:00:00+16:00" }, "offset -18:00",
			new String[] { "2025-01-01T00:00:00+08:00", "2025-02-01T00:00:00-18:00" }, "year +999999999",
			new String[] { "2025-01-01T00:00:00+08:00", "+999999999-01-01T00:00:00Z" });

	/** Operations taking a time: %1$s is from, %2$s is to. */
	private static final List<String> OPERATIONS = List.of(
			"{ area(code: \"360322\") { stats(period: {from: \"%1$s\", to: \"%2$s\"}) { total } } }",
			"{ hotspots(areaCode: \"360322101\", period: {from: \"%1$s\", to: \"%2$s\"}) { hot } }",
			"{ clusters(areaCode: \"360322101\", period: {from: \"%1$s\", to: \"%2$s\"}) { size } }",
			"{ area(code: \"360322101\") { trend(period: {from: \"%1$s\", to: \"%2$s\"}) { count } } }",
			"{ mapLayer(level: TOWNSHIP, period: {from: \"%1$s\", to: \"%2$s\"}) }",
			"{ petitions(filter: {submittedFrom: \"%1$s\", submittedTo: \"%2$s\"}) { totalCount } }",
			"{ auditLog(filter: {from: \"%1$s\", to: \"%2$s\"}) { entries { action } } }",
			"{ emergingHotspots(areaCode: \"360322101\", endingAt: \"%2$s\") { cells { pattern } } }");

	@Autowired
	WebTestClient http;

	@Autowired
	DevTokens tokens;

	@TestFactory
	List<DynamicTest> everyBadTimeIsValidationWithAMessage() {
		String admin = this.tokens.tokenFor("admin");
		List<DynamicTest> tests = new ArrayList<>();
		BAD.forEach((name, period) -> {
			for (String operation : OPERATIONS) {
				if (name.equals("from after to") && operation.contains("emergingHotspots")) {
					continue;
				}
				String document = operation.formatted(period[0], period[1]);
				tests.add(DynamicTest.dynamicTest(name + ": " + document, () -> {
					String body = this.http.post()
						.uri("/graphql")
						.header("Authorization", "Bearer " + admin)
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(Map.of("query", document))
						.exchange()
						.expectBody(String.class)
						.returnResult()
						.getResponseBody();
					JsonNode errors = JSON.readTree(body).path("errors");
					assertThat(errors.size()).as(body).isGreaterThan(0);
					for (JsonNode error : errors) {
						assertThat(error.path("extensions").path("code").asString()).as(body).isEqualTo("VALIDATION");
						assertThat(error.path("message").asString()).as(body).isNotBlank();
					}
				}));
			}
		});
		return tests;
	}

}
