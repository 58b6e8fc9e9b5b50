package io.tiexin.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import java.util.Arrays;

import io.tiexin.GraphQlClient;
import io.tiexin.NodeTools;
import io.tiexin.TiexinIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API as the GraphQL ecosystem's own tools judge it: graphql-http's GraphQL over HTTP
 * audit against the running service (every MUST and SHOULD), and graphql-schema-linter on
 * the SDL files (introspection is off in production, so the files are what code
 * generators are given) with descriptions required.
 */
@TiexinIntegrationTest
class GraphQlConventionsIT {

	/** What a code generator or GraphiQL shows a client must be described. */
	static final String RULES = String.join(",", "arguments-have-descriptions", "input-object-values-have-descriptions",
			"types-have-descriptions", "fields-have-descriptions", "enum-values-have-descriptions",
			"relay-connection-types-spec", "relay-page-info-spec", "deprecations-have-a-reason");

	final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	GraphQlClient client;

	@Test
	void theGraphqlOverHttpAuditFindsNoMustOrShouldBroken() {
		List<Map<String, Object>> failed = this.json.readValue(
				NodeTools.run("audit-graphql-http.mjs", "http://localhost:" + this.port + "/graphql"),
				new TypeReference<>() {
				});
		assertThat(failed).as("MUST (error) and SHOULD (warn) results of graphql-http's audit")
			.filteredOn(result -> !"notice".equals(result.get("status")))
			.isEmpty();
		// The MAYs of GET (GraphQlOverGet): queries with and without variables answered,
		// a
		// mutation refused.
		assertThat(failed).as("graphql-http's audits of GET")
			.extracting(result -> result.get("id"))
			.doesNotContain("5A70", "9C48", "D6D5", "6A70");
	}

	@Test
	void theSdlDescribesEveryArgumentInputFieldAndType() throws IOException {
		List<String> files = new ArrayList<>();
		try (Stream<Path> schema = Files.list(Path.of("schema"))) {
			schema.filter(file -> file.toString().endsWith(".graphqls"))
				.sorted()
				.forEach(file -> files.add(file.toAbsolutePath().toString()));
		}
		assertThat(files).hasSizeGreaterThan(10);
		List<String> arguments = new ArrayList<>(List.of(RULES));
		arguments.addAll(files);
		List<String> problems = this.json.readValue(NodeTools.run("lint-schema.mjs", arguments.toArray(String[]::new)),
				new TypeReference<>() {
				});
		assertThat(problems).as("graphql-schema-linter").isEmpty();
	}

	@Test
	void theErrorCodesAreAnEnumOfTheSchemaAndTheScalarsNameTheirSpecifications() {
		List<String> codes = this.client.anonymous()
			.documentName("shared/describedType")
			.variable("name", "ErrorCode")
			.execute()
			.path("__type.enumValues[*].name")
			.entityList(String.class)
			.get();
		assertThat(codes).as("the SDL's ErrorCode, as extensions.code strings")
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).map(ErrorCode::name).toList());
		this.client.anonymous()
			.documentName("shared/describedType")
			.variable("name", "ErrorCode")
			.execute()
			.path("__type.enumValues[?(@.name == 'STALE_VERSION')].description")
			.entityList(String.class)
			.satisfies(descriptions -> assertThat(descriptions).singleElement().asString().contains("read it again"));
		assertThat(specifiedBy("GeoJSON")).isEqualTo("https://www.rfc-editor.org/rfc/rfc7946");
		assertThat(specifiedBy("DateTime")).isEqualTo("https://www.rfc-editor.org/rfc/rfc3339");
	}

	@Test
	void aFieldTheCallerMayNotReadFailsAloneNotItsParent() {
		GraphQlTester.Response citizen = this.client.citizen()
			.documentName("analytics/areaNameAndStats")
			.variable("code", "360322101")
			.execute();
		citizen.errors()
			.expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code"))
					&& "area.stats".equals(error.getPath()))
			.verify();
		citizen.path("area.name").entity(String.class).isEqualTo("上栗镇");
		citizen.path("area.stats").valueIsNull();
	}

	private String specifiedBy(String scalar) {
		return this.client.anonymous()
			.documentName("shared/describedType")
			.variable("name", scalar)
			.execute()
			.path("__type.specifiedByURL")
			.entity(String.class)
			.get();
	}

}
