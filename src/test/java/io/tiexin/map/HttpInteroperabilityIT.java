package io.tiexin.map;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client on another host or a slow link meets: CORS for the origins in
 * {@code tiexin.cors.allowed-origins} (the test profile allows
 * {@code https://dashboard.example.org}), preflight included, and gzip for JSON and
 * tiles.
 */
@TiexinIntegrationTest
class HttpInteroperabilityIT {

	static final String ALLOWED = "https://dashboard.example.org";

	// Raw HTTP throughout: the headers (CORS, Content-Encoding) are what is tested. The
	// bodies are the documents of graphql-test/map.

	/** Every cell's code and name: an answer well over the 1 KB compression threshold. */
	static final String QUERY = GraphQlClient.requestBody("map/areaCodesAndNamesOfLevel", Map.of("level", "GRID"));

	static final String COUNTY = GraphQlClient.requestBody("map/areaCodesOfLevel", Map.of("level", "COUNTY"));

	@Autowired
	WebTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAllowedOriginMayCallGraphqlAndTiles() {
		this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(COUNTY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
			.expectBody()
			.jsonPath("$.data.areas[0].code")
			.isEqualTo("360322");
		this.http.get()
			.uri(countyTile())
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED);
	}

	/** A browser asks first (OPTIONS, no token) before a POST with a token and JSON. */
	@Test
	void thePreflightIsAnsweredWithoutAToken() {
		this.http.method(HttpMethod.OPTIONS)
			.uri("/graphql")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("POST"))
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
					headers -> assertThat(headers.toLowerCase()).contains("authorization", "content-type"))
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "3600");
	}

	@Test
	void anotherOriginIsRefused() {
		this.http.method(HttpMethod.OPTIONS)
			.uri(countyTile())
			.header(HttpHeaders.ORIGIN, "https://elsewhere.example.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.ORIGIN, "https://elsewhere.example.com")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(COUNTY)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	/** The page itself is same-origin only: no CORS beyond the machine interfaces. */
	@Test
	void otherPathsGetNoCorsHeaders() {
		this.http.get()
			.uri("/map/config")
			.header(HttpHeaders.ORIGIN, ALLOWED)
			.exchange()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	/** All grid cells' names: hundreds of kilobytes as JSON, a fraction gzipped. */
	@Test
	void largeJsonIsGzipped() throws IOException {
		byte[] sent = this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.ACCEPT_ENCODING, "gzip")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.parseMediaType("application/graphql-response+json"))
			.bodyValue(QUERY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_ENCODING, "gzip")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		String json = new String(gunzip(sent), StandardCharsets.UTF_8);
		assertThat(json).startsWith("{\"data\":{\"areas\":[").contains("360322101");
		assertThat(sent.length).as("gzipped size").isLessThan(json.length() / 3);
		// Not to a client that does not ask for it.
		this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.ACCEPT_ENCODING, "identity")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(QUERY)
			.exchange()
			.expectHeader()
			.doesNotExist(HttpHeaders.CONTENT_ENCODING);
	}

	@Test
	void tilesAreGzipped() throws IOException {
		byte[] sent = this.http.get()
			.uri(countyTile())
			.header(HttpHeaders.ACCEPT_ENCODING, "gzip")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_ENCODING, "gzip")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(gunzip(sent).length).isGreaterThan(sent.length);
	}

	/** The z9 tile of the county's centre (the county's cells fill it). */
	private String countyTile() {
		double[] lonLat = this.jdbc.sql(
				"SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(boundary) p FROM area WHERE level = 'COUNTY') s")
			.query((rs, row) -> new double[] { rs.getDouble(1), rs.getDouble(2) })
			.single();
		int z = 9;
		double n = 1 << z;
		double lat = Math.toRadians(lonLat[1]);
		int x = (int) Math.floor((lonLat[0] + 180) / 360 * n);
		int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n);
		return "/tiles/grid/%d/%d/%d.mvt".formatted(z, x, y);
	}

	private static byte[] gunzip(byte[] gzipped) throws IOException {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
			return in.readAllBytes();
		}
	}

}
