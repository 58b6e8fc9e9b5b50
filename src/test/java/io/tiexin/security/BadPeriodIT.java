package io.tiexin.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review: a period whose from is after its to, an offset of ±16:00 or more, or a year
 * of +999999999 were answered INTERNAL by every operation taking a time. Each is
 * VALIDATION, with a message that says what to fix.
 */
@TiexinIntegrationTest
class BadPeriodIT {

	/** from, to: each a bad time or period. */
	private static final Map<String, String[]> BAD = Map.of("from after to",
			new String[] { "2025-02-01T00:00:00+08:00", "2025-01-01T00:00:00+08:00" }, "offset +16:00",
			new String[] { "2025-01-01T00:00:00+08:00", "2025-02-01T00:00:00+16:00" }, "offset -18:00",
			new String[] { "2025-01-01T00:00:00+08:00", "2025-02-01T00:00:00-18:00" }, "year +999999999",
			new String[] { "2025-01-01T00:00:00+08:00", "+999999999-01-01T00:00:00Z" });

	/**
	 * Operations taking a time ({@code graphql-test/security/period*}), each with its
	 * other variables; every one takes {@code $to}, all but emergingHotspots
	 * {@code $from}.
	 */
	private static final List<Operation> OPERATIONS = List.of(
			new Operation("security/periodAreaStats", Map.of("code", "360322"), true),
			new Operation("security/periodHotspots", Map.of("areaCode", "360322101"), true),
			new Operation("security/periodClusters", Map.of("areaCode", "360322101"), true),
			new Operation("security/periodTrend", Map.of("code", "360322101"), true),
			new Operation("security/periodMapLayer", Map.of("level", "TOWNSHIP"), true),
			new Operation("security/periodPetitions", Map.of(), true),
			new Operation("security/periodAuditLog", Map.of(), true),
			new Operation("security/periodEmergingHotspots", Map.of("areaCode", "360322101"), false));

	@Autowired
	GraphQlClient client;

	@TestFactory
	List<DynamicTest> everyBadTimeIsValidationWithAMessage() {
		GraphQlTester admin = this.client.admin();
		List<DynamicTest> tests = new ArrayList<>();
		BAD.forEach((name, period) -> {
			for (Operation operation : OPERATIONS) {
				if (name.equals("from after to") && !operation.takesFrom()) {
					continue;
				}
				Map<String, Object> variables = new LinkedHashMap<>(operation.variables());
				if (operation.takesFrom()) {
					variables.put("from", period[0]);
				}
				variables.put("to", period[1]);
				tests.add(DynamicTest.dynamicTest(name + ": " + operation.document() + " " + variables, () -> {
					GraphQlTester.Response response = admin.documentName(operation.document())
						.variables(variables)
						.execute();
					List<ResponseError> errors = response.returnResponse().getErrors();
					String body = response.returnResponse().toMap().toString();
					assertThat(errors.size()).as(body).isGreaterThan(0);
					for (ResponseError error : errors) {
						assertThat(error.getExtensions().get("code")).as(body).isEqualTo("VALIDATION");
						assertThat(error.getMessage()).as(body).isNotBlank();
					}
				}));
			}
		});
		return tests;
	}

	record Operation(String document, Map<String, Object> variables, boolean takesFrom) {
	}

}
