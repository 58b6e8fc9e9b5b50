package io.tiexin.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken requests against the running service over raw HTTP, driven by one
 * table ({@link #table()}): each row is a name, who calls (which token, if any), the
 * request body and the answer expected — an HTTP status and
 * {@code errors[0].extensions.code}, or a normal answer with a check. For every row the
 * service must still be healthy afterwards, no error message may leak internals (stack
 * traces, SQL, Java class names) or lack a Chinese text, and no table may gain or lose a
 * row unless the row says the request stores a petition.
 * <p>
 * To add a case, add a row.
 * <p>
 * Unlike the other integration tests, which send documents from
 * {@code src/test/resources/graphql-test/} through {@link GraphQlClient}, this one builds
 * most request bodies in Java on purpose: they are the malformed, oversized, wrongly
 * typed or hostile documents under test (bad literals, bombs, raw JSON), sent over raw
 * HTTP so that nothing on the client side corrects them. The well-formed documents the
 * rows reuse ({@code security/submitPetitionTitle}, {@code security/myName}) come from
 * files.
 */
@TiexinIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Text a client should never see in an error message. */
	private static final Pattern INTERNALS = Pattern.compile(
			"Exception|\\bat [a-z]+\\.[a-z]+\\.|\\bSQL\\b|SELECT |INSERT |org\\.|java\\.|io\\.tiexin|PSQL|Hikari|jdbc",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

	private static final String SQL_TITLE = "'); DROP TABLE petition;--";

	private static final String SCRIPT_TITLE = "<script>alert(1)</script>";

	private static final String CELL_六组 = "360322101217006";

	@LocalServerPort
	int port;

	@Autowired
	DevTokens tokens;

	@Autowired
	JwtEncoder demoEncoder;

	@Autowired
	RSAKey demoSigningKey;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private Callers callers;

	@BeforeAll
	void signIn() throws Exception {
		this.callers = new Callers(this.tokens.tokenFor("citizen"), this.tokens.tokenFor("admin"),
				this.tokens.tokenFor("planner"), this.demoEncoder, this.demoSigningKey);
	}

	// ---------------------------------------------------------------------------------------------
	// The table.
	// ---------------------------------------------------------------------------------------------

	static Stream<BadInput> table() {
		return Stream.of(
				// Transport: bodies that are not a GraphQL request at all.
				row("malformed JSON body", Caller.CITIZEN, raw("{\"query\": \"{ categories { code } }\""),
						http(400, "VALIDATION")),
				row("body that is not JSON", Caller.ANONYMOUS, raw("hello"), http(400, "VALIDATION")),
				row("empty body", Caller.ANONYMOUS, raw(""), http(400, "VALIDATION")),
				row("JSON object without a query", Caller.ANONYMOUS, raw("{}"), http(400, "VALIDATION")),
				row("query that is a number", Caller.ANONYMOUS, raw("{\"query\": 42}"), http(400, "VALIDATION")),
				row("variables that are a string", Caller.ANONYMOUS,
						raw("{\"query\": \"{ categories { code } }\", \"variables\": \"x\"}"), http(400, "VALIDATION")),
				row("JSON nested 100,000 levels deep", Caller.ANONYMOUS,
						raw("{\"query\": \"{ categories { code } }\", \"variables\": {\"a\": " + "[".repeat(100_000)
								+ "]".repeat(100_000) + "}}"),
						http(400, "VALIDATION")),
				row("NaN in JSON variables", Caller.CITIZEN,
						raw("{\"query\": \"query($p: PointInput!) { locate(point: $p) { method } }\", "
								+ "\"variables\": {\"p\": {\"lon\": NaN, \"lat\": 27.8}}}"),
						http(400, "VALIDATION")),
				row("text/plain content type", Caller.ANONYMOUS,
						new Body(() -> gqlJson("{ categories { code } }", Map.of()), "text/plain"),
						http(415, "VALIDATION")),
				row("GET /graphql", Caller.ANONYMOUS, new Body(() -> "", "application/json", "GET"),
						http(405, "VALIDATION")),
				row("PUT /graphql", Caller.ANONYMOUS, new Body(() -> "{}", "application/json", "PUT"),
						http(405, "VALIDATION")),
				row("batched operations as a JSON array", Caller.CITIZEN,
						raw("[{\"query\": \"{ categories { code } }\"}, {\"query\": \"{ me { name } }\"}]"),
						http(400, "VALIDATION")),
				row("body of 5 MB", Caller.CITIZEN,
						gql("mutation($t: String!) { submitPetition(input: {title: $t, categoryCode: \"STREET_LIGHT\", "
								+ "channel: MINI_PROGRAM, areaCode: \"" + CELL_六组 + "\"}) { id } }",
								Map.of("t", "x".repeat(5_000_000))),
						http(413, "VALIDATION")),
				row("title of 1 MB in Chinese (3 MB body)", Caller.CITIZEN,
						submitVars(Map.of("title", "路".repeat(1 << 20))), http(413, "VALIDATION")),

				// GraphQL documents that do not parse or validate.
				row("syntax error", Caller.ANONYMOUS, gql("{ categories { code }"), invalidRequest("VALIDATION")),
				row("unknown field", Caller.ANONYMOUS, gql("{ categories { code password } }"),
						invalidRequest("VALIDATION")),
				row("wrong literal type", Caller.ADMIN, gql("{ petitions(first: \"ten\") { totalCount } }"),
						invalidRequest("VALIDATION")),
				row("Int overflow", Caller.ADMIN, gql("{ petitions(first: 99999999999) { totalCount } }"),
						invalidRequest("VALIDATION")),
				row("wrong variable type", Caller.ADMIN,
						gql("query($n: Int) { petitions(first: $n) { totalCount } }", Map.of("n", "abc")),
						invalidRequest("VALIDATION")),
				row("object where a string is expected", Caller.CITIZEN, submitVars(Map.of("title", Map.of("$gt", ""))),
						invalidRequest("VALIDATION")),
				row("missing required variable", Caller.CITIZEN,
						gql("query($p: PointInput!) { locate(point: $p) { method } }"), invalidRequest("VALIDATION")),
				row("null for a non-null argument", Caller.CITIZEN,
						gql("query($p: PointInput!) { locate(point: $p) { method } }", nullValued("p")),
						invalidRequest("VALIDATION")),
				row("unknown enum value literal", Caller.CITIZEN,
						submit("title: \"路灯不亮\", categoryCode: \"STREET_LIGHT\", channel: FAX, areaCode: \"" + CELL_六组
								+ "\""),
						invalidRequest("VALIDATION")),
				row("unknown enum value in variables", Caller.CITIZEN, submitVars(Map.of("channel", "FAX")),
						invalidRequest("VALIDATION")),
				row("lower-case enum value", Caller.CITIZEN, submitVars(Map.of("urgency", "urgent")),
						invalidRequest("VALIDATION")),
				row("two operations without operationName", Caller.ANONYMOUS,
						gql("query A { categories { code } } query B { categories { name } }"),
						invalidRequest("VALIDATION")),
				row("operationName naming no operation", Caller.ANONYMOUS,
						raw("{\"query\": \"query A { categories { code } }\", \"operationName\": \"B\"}"),
						invalidRequest("VALIDATION")),
				row("subscription over plain HTTP", Caller.ADMIN, gql("subscription { petitionEvents { type } }"),
						refused("VALIDATION")),
				row("fragment cycle", Caller.ANONYMOUS,
						gql("{ area(code: \"360322\") { ...A } } fragment A on Area { children { ...B } } "
								+ "fragment B on Area { children { ...A } }"),
						invalidRequest("VALIDATION")),
				row("same directive repeated 1,000 times", Caller.ANONYMOUS,
						gql("{ categories " + "@include(if: true) ".repeat(1000) + "{ code } }"),
						invalidRequest("VALIDATION")),

				// Cost: deep, wide, aliased, fragment bombs.
				row("30 levels deep", Caller.ANONYMOUS,
						gql("{ area(code: \"360322\") { " + nested("children", 30) + " } }"),
						invalidRequest("QUERY_TOO_COMPLEX")),
				row("introspection 20 levels deep", Caller.ANONYMOUS,
						gql("{ __schema { types { " + nested("ofType", 20) + " } } }"),
						invalidRequest("QUERY_TOO_COMPLEX")),
				row("3,000 fields wide", Caller.ANONYMOUS, gql("{ " + aliases(3000, "categories { code }") + " }"),
						invalidRequest("QUERY_TOO_COMPLEX")),
				row("500 aliases of hotspots", Caller.PLANNER,
						gql("{ " + aliases(500, "hotspots(areaCode: \"360322\") { hot }") + " }"),
						invalidRequest("QUERY_TOO_COMPLEX")),
				row("50 aliases of hotspots", Caller.PLANNER,
						gql("{ " + aliases(50, "hotspots(areaCode: \"360322\") { hot }") + " }"),
						invalidRequest("QUERY_TOO_COMPLEX")),
				row("2,000 aliases of nearbyPetitions", Caller.ADMIN, gql("{ " + aliases(2000,
						"nearbyPetitions(near: {lon: 113.83, lat: 27.88}, radiusMeters: 10000) { distanceMeters }")
						+ " }"), invalidRequest("QUERY_TOO_COMPLEX")),
				row("5 aliases of clusters", Caller.PLANNER,
						gql("{ " + aliases(5, "clusters(areaCode: \"360322\") { size }") + " }"),
						invalidRequest("QUERY_TOO_COMPLEX")),
				row("the grid map layer, not signed in", Caller.ANONYMOUS, gql("{ mapLayer(level: GRID) }"),
						invalidRequest("QUERY_TOO_COMPLEX")),
				row("100 aliases of every grid cell's boundary", Caller.ANONYMOUS,
						gql("{ " + aliases(100, "areas(level: GRID) { boundary }") + " }"),
						invalidRequest("QUERY_TOO_COMPLEX")),
				row("40 aliases of the grid map layer", Caller.ANONYMOUS,
						gql("{ " + aliases(40, "mapLayer(level: GRID)") + " }"), invalidRequest("QUERY_TOO_COMPLEX")),
				row("fragment bomb, deep (2^40 spreads)", Caller.ANONYMOUS, gql(fragmentBomb(40, true)),
						invalidRequest("QUERY_TOO_COMPLEX")),
				row("fragment bomb, flat (2^40 spreads of one field merge into one)", Caller.ANONYMOUS,
						gql(fragmentBomb(40, false)), answered("area.code", node -> "360322".equals(node.asString()))),
				row("20,000 tokens", Caller.ANONYMOUS, gql("{ " + "__typename ".repeat(20_000) + "}"),
						invalidRequest("QUERY_TOO_COMPLEX")),

				// Huge strings.
				row("title of 1 MB", Caller.CITIZEN, submitVars(Map.of("title", "x".repeat(1_000_000))),
						refused("VALIDATION")),
				row("title of 101 characters", Caller.CITIZEN, submitVars(Map.of("title", "路".repeat(101))),
						refused("VALIDATION")),
				row("title of 60 emoji (120 UTF-16 units, 60 characters)", Caller.CITIZEN,
						submitVars(Map.of("title", "\uD83D\uDCA1".repeat(60))), stored("\uD83D\uDCA1".repeat(60))),
				row("title with a right-to-left override", Caller.CITIZEN, submitVars(Map.of("title", "路灯\u202E不亮")),
						refused("VALIDATION")),
				row("title with a line break", Caller.CITIZEN, submitVars(Map.of("title", "路灯\n不亮")),
						refused("VALIDATION")),
				row("description of 500 KB", Caller.CITIZEN, submitVars(Map.of("description", "d".repeat(500_000))),
						refused("VALIDATION")),
				row("address of 100 KB", Caller.CITIZEN, submitVars(Map.of("address", "a".repeat(100_000))),
						refused("VALIDATION")),
				row("contactName of 100 KB", Caller.CITIZEN, submitVars(Map.of("contactName", "n".repeat(100_000))),
						refused("VALIDATION")),
				row("contactPhone of 100 KB", Caller.CITIZEN, submitVars(Map.of("contactPhone", "1".repeat(100_000))),
						refused("VALIDATION")),
				row("placeText of 100 KB", Caller.CITIZEN, submitVars(placeText("村".repeat(100_000))),
						refused("VALIDATION")),
				row("idempotencyKey of 100 KB", Caller.CITIZEN,
						submitVars(Map.of("idempotencyKey", "k".repeat(100_000))), refused("VALIDATION")),
				row("10,000 media URLs", Caller.CITIZEN,
						submitVars(Map.of("mediaUrls",
								java.util.Collections.nCopies(10_000, "https://example.org/a.jpg"))),
						refused("VALIDATION")),
				row("javascript: media URL", Caller.CITIZEN,
						submitVars(Map.of("mediaUrls", List.of("javascript:alert(1)"))), refused("VALIDATION")),
				row("NUL character in the title", Caller.CITIZEN, submitVars(Map.of("title", "路灯\u0000不亮")),
						refused("VALIDATION")),
				row("NUL character in a place name", Caller.CITIZEN, submitVars(placeText("泉塘村\u0000")),
						refused("VALIDATION")),
				row("searchPlaces with 300 KB of text", Caller.ANONYMOUS,
						gql("query($t: String!) { searchPlaces(text: $t) { code } }", Map.of("t", "泉".repeat(100_000))),
						refused("VALIDATION")),
				row("area code of 100 KB", Caller.ANONYMOUS,
						gql("query($c: ID!) { area(code: $c) { name } }", Map.of("c", "3".repeat(100_000))),
						answered("area", JsonNode::isNull)),
				row("tracking number of 100 KB", Caller.ADMIN,
						gql("query($t: String!) { petitionByTrackingNumber(trackingNumber: $t) { id } }",
								Map.of("t", "1".repeat(100_000))),
						answered("petitionByTrackingNumber", JsonNode::isNull)),

				// Coordinates, boxes and GeoJSON.
				row("NaN coordinate as a string", Caller.CITIZEN, submitVars(point("NaN", 27.88)),
						invalidRequest("VALIDATION")),
				row("Infinity coordinate as a string", Caller.CITIZEN, submitVars(point("Infinity", 27.88)),
						invalidRequest("VALIDATION")),
				row("coordinate 1e400 (infinite as a double)", Caller.CITIZEN,
						gql("{ locate(point: {lon: 1e400, lat: 27.88}) { method } }"), refused("INVALID_COORDINATES")),
				row("longitude 200", Caller.CITIZEN, submitVars(point(200, 27.88)), refused("INVALID_COORDINATES")),
				row("latitude -91", Caller.CITIZEN, submitVars(point(113.83, -91)), refused("INVALID_COORDINATES")),
				row("latitude and longitude swapped", Caller.CITIZEN, submitVars(point(27.88, 113.83)),
						refused("INVALID_COORDINATES")),
				row("a point 5,000 km away (Beijing as GCJ-02 from another county)", Caller.CITIZEN,
						submitVars(point(116.40, 39.90)), refused("OUT_OF_EXTENT")),
				row("null island", Caller.CITIZEN, submitVars(point(0, 0)), refused("OUT_OF_EXTENT")),
				row("locate at longitude -181", Caller.ANONYMOUS,
						gql("{ locate(point: {lon: -181, lat: 27.88}) { method } }"), refused("INVALID_COORDINATES")),
				row("unknown crs", Caller.ANONYMOUS,
						gql("{ locate(point: {lon: 113.83, lat: 27.88, crs: EPSG3857}) { method } }"),
						invalidRequest("VALIDATION")),
				row("inverted bbox", Caller.ANONYMOUS,
						gql("{ areas(bbox: {west: 114, south: 28, east: 113, north: 27}) { code } }"),
						refused("VALIDATION")),
				row("bbox beyond the globe", Caller.PLANNER,
						gql("{ mapLayer(level: GRID, bbox: {west: -400, south: -100, east: 400, north: 100}) }"),
						refused("INVALID_COORDINATES")),
				row("whole-world bbox", Caller.ADMIN, gql(
						"{ petitions(filter: {bbox: {west: -180, south: -90, east: 180, north: 90}}, first: 1) { totalCount } }"),
						refused("VALIDATION")),
				row("bbox of a province and more (over 200,000 km²)", Caller.PLANNER,
						gql("{ mapLayer(level: GRID, bbox: {west: 110, south: 24, east: 118, north: 30}) }"),
						refused("VALIDATION")),
				row("GeoJSON that is a string", Caller.ANONYMOUS,
						gql("query($g: GeoJSON) { areas(intersecting: $g) { code } }",
								Map.of("g", "POLYGON((0 0,1 1,1 0,0 0))")),
						invalidRequest("VALIDATION")),
				row("GeoJSON of unknown type", Caller.ANONYMOUS,
						gql("query($g: GeoJSON) { areas(intersecting: $g) { code } }",
								Map.of("g", Map.of("type", "Circle", "coordinates", List.of(113.8, 27.8)))),
						invalidRequest("VALIDATION")),
				row("GeoJSON polygon that crosses itself", Caller.ANONYMOUS,
						gql("query($g: GeoJSON) { areas(intersecting: $g) { code } }",
								Map.of("g", Map.of("type", "Polygon", "coordinates",
										List.of(List.of(List.of(113.8, 27.8), List.of(113.9, 27.9),
												List.of(113.9, 27.8), List.of(113.8, 27.9), List.of(113.8, 27.8)))))),
						invalidRequest("VALIDATION")),
				row("GeoJSON ring that is not closed", Caller.ANONYMOUS, gql(
						"query($g: GeoJSON) { areas(intersecting: $g) { code } }",
						Map.of("g", Map.of("type", "Polygon", "coordinates",
								List.of(List.of(List.of(113.8, 27.8), List.of(113.9, 27.8), List.of(113.9, 27.9)))))),
						invalidRequest("VALIDATION")),
				row("GeoJSON with latitude 95", Caller.ANONYMOUS,
						gql("query($g: GeoJSON) { areas(intersecting: $g) { code } }",
								Map.of("g", Map.of("type", "Point", "coordinates", List.of(113.8, 95)))),
						invalidRequest("VALIDATION")),
				row("GeoJSON with text coordinates", Caller.ANONYMOUS,
						gql("query($g: GeoJSON) { areas(intersecting: $g) { code } }",
								Map.of("g", Map.of("type", "Point", "coordinates", List.of("a", "b")))),
						invalidRequest("VALIDATION")),
				row("radiusMeters of 10^9", Caller.ADMIN, gql(
						"{ nearbyPetitions(near: {lon: 113.83, lat: 27.88}, radiusMeters: 1e9) { distanceMeters } }"),
						refused("VALIDATION")),
				row("negative radiusMeters", Caller.ADMIN, gql(
						"{ nearbyPetitions(near: {lon: 113.83, lat: 27.88}, radiusMeters: -5) { distanceMeters } }"),
						refused("VALIDATION")),
				row("nearbyPetitions at latitude 100", Caller.ADMIN,
						gql("{ nearbyPetitions(near: {lon: 113.83, lat: 100}, radiusMeters: 500) { distanceMeters } }"),
						refused("INVALID_COORDINATES")),

				// Paging.
				row("page size 1,000,000", Caller.ADMIN, gql("{ petitions(first: 1000000) { totalCount } }"),
						refused("VALIDATION")),
				row("page size 0", Caller.ADMIN, gql("{ myCases(first: 0) { totalCount } }"), refused("VALIDATION")),
				row("negative page size", Caller.ADMIN, gql("{ petitions(first: -1) { totalCount } }"),
						refused("VALIDATION")),
				row("forged cursor", Caller.ADMIN, gql("{ petitions(after: \"' OR 1=1 --\") { totalCount } }"),
						refused("VALIDATION")),
				row("dispatch queue page size 500", Caller.ADMIN, gql("{ dispatchQueue(first: 500) { totalCount } }"),
						refused("VALIDATION")),

				// Text that looks like SQL or script: stored and returned verbatim, never
				// executed.
				row("SQL-looking title", Caller.CITIZEN, submitVars(Map.of("title", SQL_TITLE)), stored(SQL_TITLE)),
				row("script-looking title", Caller.CITIZEN, submitVars(Map.of("title", SCRIPT_TITLE)),
						stored(SCRIPT_TITLE)),
				row("SQL-looking area code in a filter", Caller.ADMIN,
						gql("{ petitions(filter: {areaCode: \"360322' OR '1'='1\"}) { totalCount } }"),
						refused("VALIDATION")),
				row("SQL-looking category code", Caller.CITIZEN, submitVars(Map.of("categoryCode", "x' OR 1=1 --")),
						refused("VALIDATION")),
				row("SQL-looking place name", Caller.ANONYMOUS,
						gql("query($t: String!) { searchPlaces(text: $t) { code } }",
								Map.of("t", "泉塘村'; DELETE FROM area;--")),
						answered("searchPlaces", JsonNode::isArray)),
				row("SQL-looking petition id", Caller.ADMIN, gql("{ petition(id: \"1; DROP TABLE petition\") { id } }"),
						answered("petition", JsonNode::isNull)),

				// Tokens.
				row("token signed by another RSA key", Caller.OTHER_KEY,
						gql(GraphQlClient.documentText("security/myName")), http(401, "UNAUTHENTICATED")),
				row("expired token", Caller.EXPIRED, gql(GraphQlClient.documentText("security/myName")),
						http(401, "UNAUTHENTICATED")),
				row("token with alg none", Caller.ALG_NONE, gql(GraphQlClient.documentText("security/myName")),
						http(401, "UNAUTHENTICATED")),
				row("token signed HS256 with the public key", Caller.HS256_PUBLIC_KEY,
						gql(GraphQlClient.documentText("security/myName")), http(401, "UNAUTHENTICATED")),
				row("valid token with the payload changed to admin", Caller.TAMPERED,
						gql(GraphQlClient.documentText("security/myName")), http(401, "UNAUTHENTICATED")),
				// A first sign-in: nobody yet, who may only register.
				row("token for an unknown person", Caller.UNKNOWN_PERSON,
						gql(GraphQlClient.documentText("security/myName")), answered("me", JsonNode::isNull)),
				row("token for an unknown person, submitting", Caller.UNKNOWN_PERSON, submitVars(Map.of()),
						refused("FORBIDDEN")),
				row("garbage token", Caller.GARBAGE, gql(GraphQlClient.documentText("security/myName")),
						http(401, "UNAUTHENTICATED")),
				row("empty Bearer token", Caller.EMPTY_BEARER, gql(GraphQlClient.documentText("security/myName")),
						http(401, "UNAUTHENTICATED")),
				row("token without the Bearer prefix (not signed in)", Caller.NO_BEARER_PREFIX, submitVars(Map.of()),
						refused("UNAUTHENTICATED")),
				row("Basic credentials (not signed in)", Caller.BASIC, submitVars(Map.of()),
						refused("UNAUTHENTICATED")),
				row("anonymous submission", Caller.ANONYMOUS, submitVars(Map.of()), refused("UNAUTHENTICATED")));
	}

	// ---------------------------------------------------------------------------------------------
	// Running a row.
	// ---------------------------------------------------------------------------------------------

	@ParameterizedTest(name = "{0}")
	@MethodSource("table")
	void isRefusedCleanly(BadInput row) throws Exception {
		Map<String, Long> before = rowCounts();

		HttpResponse<String> response = send(row);

		Expect expect = row.expect();
		assertThat(response.statusCode()).as("HTTP status; body: %s", abbreviate(response.body()))
			.isEqualTo(expect.status());
		JsonNode body = JSON.readTree(response.body());
		JsonNode errors = body.path("errors");
		if (expect.code() != null) {
			assertThat(errors.isArray() && !errors.isEmpty()).as("errors in %s", abbreviate(response.body())).isTrue();
			assertThat(errors.get(0).path("extensions").path("code").asString())
				.as("code; body: %s", abbreviate(response.body()))
				.isEqualTo(expect.code());
			for (JsonNode error : errors) {
				String message = error.path("message").asString();
				assertThat(message).as("message").doesNotContainPattern(INTERNALS).containsPattern(CHINESE);
				assertThat(error.path("extensions").path("code").isString()).as("every error has a code: %s", error)
					.isTrue();
			}
		}
		else {
			assertThat(errors.isMissingNode() || errors.isEmpty()).as("no errors in %s", abbreviate(response.body()))
				.isTrue();
			JsonNode answer = body.path("data").at("/" + expect.path().replace('.', '/'));
			assertThat(expect.check().apply(answer)).as("%s in %s", expect.path(), abbreviate(response.body()))
				.isTrue();
		}

		assertHealthy();
		Map<String, Long> after = rowCounts();
		if (expect.storesOnePetition()) {
			assertThat(after.get("petition")).isEqualTo(before.get("petition") + 1);
			String title = this.jdbc.sql("SELECT title FROM petition ORDER BY id DESC LIMIT 1")
				.query(String.class)
				.single();
			assertThat(title).as("stored verbatim").isEqualTo(expect.storedTitle());
		}
		else {
			assertThat(after).as("row counts").isEqualTo(before);
		}
	}

	@Test
	void theTableCoversEnoughCases() {
		assertThat(table().count()).isGreaterThanOrEqualTo(90);
		assertThat(table().map(BadInput::name).distinct().count()).as("distinct names").isEqualTo(table().count());
	}

	private HttpResponse<String> send(BadInput row) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", row.body().contentType())
			.header("Accept", "application/graphql-response+json, application/json")
			.method(row.body().method(), "GET".equals(row.body().method()) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(row.body().text().get(), StandardCharsets.UTF_8));
		String authorization = this.callers.authorization(row.caller());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private void assertHealthy() throws Exception {
		HttpResponse<String> health = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("UP");
	}

	/** Rows in every table of the application's schema, by table. */
	private Map<String, Long> rowCounts() {
		List<String> tables = this.jdbc.sql("""
				SELECT tablename FROM pg_tables
				WHERE schemaname = 'public' AND tablename NOT IN ('flyway_schema_history', 'spatial_ref_sys')
				ORDER BY tablename""").query(String.class).list();
		Map<String, Long> counts = new TreeMap<>();
		tables.forEach(table -> counts.put(table,
				this.jdbc.sql("SELECT count(*) FROM \"" + table + "\"").query(Long.class).single()));
		return counts;
	}

	private static String abbreviate(String text) {
		return (text.length() > 600) ? text.substring(0, 600) + "…" : text;
	}

	// ---------------------------------------------------------------------------------------------
	// The table's vocabulary.
	// ---------------------------------------------------------------------------------------------

	record BadInput(String name, Caller caller, Body body, Expect expect) {

		@Override
		public String toString() {
			return this.name;
		}
	}

	/**
	 * A request body and its content type; the text is built lazily, some are megabytes
	 * long.
	 */
	record Body(Supplier<String> text, String contentType, String method) {

		Body(Supplier<String> text, String contentType) {
			this(text, contentType, "POST");
		}
	}

	/**
	 * What the service must answer: an HTTP status and the first error's code, or (code
	 * null) data at {@code path} that passes {@code check}; {@code storedTitle} when a
	 * petition is stored.
	 */
	record Expect(int status, String code, String path, Function<JsonNode, Boolean> check, String storedTitle) {

		boolean storesOnePetition() {
			return this.storedTitle != null;
		}
	}

	enum Caller {

		ANONYMOUS, CITIZEN, ADMIN, PLANNER, OTHER_KEY, EXPIRED, ALG_NONE, HS256_PUBLIC_KEY, TAMPERED, UNKNOWN_PERSON,
		GARBAGE, EMPTY_BEARER, NO_BEARER_PREFIX, BASIC

	}

	private static BadInput row(String name, Caller caller, Body body, Expect expect) {
		return new BadInput(name, caller, body, expect);
	}

	private static Expect http(int status, String code) {
		return new Expect(status, code, null, null, null);
	}

	/**
	 * Refused before execution (parse, validation, cost): HTTP 400 under
	 * application/graphql-response+json.
	 */
	private static Expect invalidRequest(String code) {
		return new Expect(400, code, null, null, null);
	}

	/** Refused by a resolver: HTTP 200, {@code data} null where the error is. */
	private static Expect refused(String code) {
		return new Expect(200, code, null, null, null);
	}

	private static Expect answered(String path, Function<JsonNode, Boolean> check) {
		return new Expect(200, null, path, check, null);
	}

	private static Expect stored(String title) {
		return new Expect(200, null, "submitPetition.title", node -> title.equals(node.asString()), title);
	}

	private static Body raw(String text) {
		return new Body(() -> text, "application/json");
	}

	private static Body gql(String document) {
		return gql(document, Map.of());
	}

	private static Body gql(String document, Map<String, Object> variables) {
		return new Body(() -> gqlJson(document, variables), "application/json");
	}

	private static String gqlJson(String document, Map<String, Object> variables) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("query", document);
		if (!variables.isEmpty()) {
			request.put("variables", variables);
		}
		return JSON.writeValueAsString(request);
	}

	private static Body submit(String inputLiteral) {
		return gql("mutation { submitPetition(input: {" + inputLiteral + "}) { id title } }");
	}

	/** submitPetition with a valid input, these fields replaced. */
	private static Body submitVars(Map<String, Object> changes) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("title", "路灯不亮");
		input.put("categoryCode", "STREET_LIGHT");
		input.put("channel", "MINI_PROGRAM");
		input.put("areaCode", CELL_六组);
		input.putAll(changes);
		return gql(GraphQlClient.documentText("security/submitPetitionTitle"), Map.of("input", input));
	}

	private static Map<String, Object> placeText(String text) {
		Map<String, Object> changes = new LinkedHashMap<>();
		changes.put("areaCode", null);
		changes.put("placeText", text);
		return changes;
	}

	private static Map<String, Object> point(Object lon, Object lat) {
		Map<String, Object> changes = new LinkedHashMap<>();
		changes.put("areaCode", null);
		changes.put("location", Map.of("lon", lon, "lat", lat));
		return changes;
	}

	private static Map<String, Object> nullValued(String name) {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put(name, null);
		return variables;
	}

	private static String nested(String field, int levels) {
		StringBuilder document = new StringBuilder();
		for (int level = 0; level < levels; level++) {
			document.append(field).append(" { ");
		}
		return document.append("__typename").append(" }".repeat(levels)).toString();
	}

	private static String aliases(int count, String field) {
		StringBuilder document = new StringBuilder();
		for (int i = 0; i < count; i++) {
			document.append(" a").append(i).append(": ").append(field);
		}
		return document.toString();
	}

	/**
	 * F0 selects a field; each next fragment spreads the one before twice: 2^levels
	 * selections.
	 */
	private static String fragmentBomb(int levels, boolean deep) {
		StringBuilder document = new StringBuilder("{ area(code: \"360322\") { ...F" + levels + " } }");
		document.append(" fragment F0 on Area { code }");
		for (int level = 1; level <= levels; level++) {
			String previous = "...F" + (level - 1);
			document.append(" fragment F")
				.append(level)
				.append(" on Area { ")
				.append(deep ? "children { " + previous + " } " : previous + " ")
				.append(previous)
				.append(" }");
		}
		return document.toString();
	}

	/** The Authorization header each caller sends. */
	private static final class Callers {

		private final Map<Caller, String> headers = new java.util.EnumMap<>(Caller.class);

		Callers(String citizen, String admin, String planner, JwtEncoder demoEncoder, RSAKey demoKey) throws Exception {
			this.headers.put(Caller.CITIZEN, "Bearer " + citizen);
			this.headers.put(Caller.ADMIN, "Bearer " + admin);
			this.headers.put(Caller.PLANNER, "Bearer " + planner);
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			var pair = generator.generateKeyPair();
			JwtEncoder forger = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(
					new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
						.keyID("forged")
						.build())));
			this.headers.put(Caller.OTHER_KEY, "Bearer " + sign(forger, claims("admin", Instant.now())));
			this.headers.put(Caller.EXPIRED,
					"Bearer " + sign(demoEncoder, claims("admin", Instant.now().minus(Duration.ofHours(3)))));
			this.headers.put(Caller.UNKNOWN_PERSON,
					"Bearer " + sign(demoEncoder, claims("nobody-here", Instant.now())));
			Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
			String adminPayload = base64.encodeToString(("{\"iss\":\"" + DemoTokenKeys.ISSUER
					+ "\",\"sub\":\"admin\",\"exp\":" + Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + "}")
				.getBytes(StandardCharsets.UTF_8));
			this.headers.put(Caller.ALG_NONE,
					"Bearer " + base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
							+ adminPayload + ".");
			SignedJWT confused = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
					new JWTClaimsSet.Builder().issuer(DemoTokenKeys.ISSUER)
						.subject("admin")
						.expirationTime(java.util.Date.from(Instant.now().plusSeconds(3600)))
						.build());
			confused.sign(new MACSigner(demoKey.toRSAPublicKey().getEncoded()));
			this.headers.put(Caller.HS256_PUBLIC_KEY, "Bearer " + confused.serialize());
			String[] parts = citizen.split("\\.");
			this.headers.put(Caller.TAMPERED, "Bearer " + parts[0] + "." + adminPayload + "." + parts[2]);
			this.headers.put(Caller.GARBAGE, "Bearer not.a.jwt");
			this.headers.put(Caller.EMPTY_BEARER, "Bearer ");
			this.headers.put(Caller.NO_BEARER_PREFIX, citizen);
			this.headers.put(Caller.BASIC,
					"Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)));
		}

		String authorization(Caller caller) {
			return this.headers.get(caller);
		}

		private static JwtClaimsSet claims(String subject, Instant issuedAt) {
			return JwtClaimsSet.builder()
				.issuer(DemoTokenKeys.ISSUER)
				.subject(subject)
				.issuedAt(issuedAt)
				.expiresAt(issuedAt.plus(Duration.ofHours(1)))
				.build();
		}

		private static String sign(JwtEncoder encoder, JwtClaimsSet claims) {
			return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
				.getTokenValue();
		}

	}

}
