package io.tiexin.map;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /tiles/{layer}/{z}/{x}/{y}.mvt} over HTTP on the demo county. */
@TiexinIntegrationTest
class VectorTilesIT {

	@Autowired
	WebTestClient http;

	@Autowired
	GraphQlClient client;

	@Autowired
	DevTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCountyTileHoldsTheGridCellsWithTheirCounts() {
		String cell = firstCell();
		double[] lonLat = interiorPointOf(cell);
		// Three in each of four cells of one village: smaller counts are left out of the
		// public tile (k-anonymity, minimum 3), and once another test's small count in
		// this
		// village is withheld, so are two more positive counts among its cells (against
		// an
		// insider): four cells leave at least one shown whatever the others hold.
		for (String sibling : firstCellsOfItsVillage(cell, 4)) {
			double[] point = interiorPointOf(sibling);
			for (int i = 0; i < 3; i++) {
				submitStreetLightPetition(point);
			}
		}
		int[] tile = tileOf(lonLat, 9);
		byte[] mvt = get("/tiles/grid/%d/%d/%d.mvt".formatted(tile[0], tile[1], tile[2]), null).expectStatus()
			.isOk()
			.expectHeader()
			.contentType("application/vnd.mapbox-vector-tile")
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=300, public")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		Layer grid = Layer.single(mvt);
		assertThat(grid.name()).isEqualTo("grid");
		// The county straddles tiles at zoom 9: every cell meeting this tile is in it, a
		// neighbour's only
		// when it reaches into the tile's buffer.
		int meeting = this.jdbc
			.sql("SELECT count(*) FROM area WHERE level = 'GRID' AND "
					+ "ST_Intersects(ST_Transform(boundary, 3857), ST_TileEnvelope(?, ?, ?))")
			.params(tile[0], tile[1], tile[2])
			.query(Integer.class)
			.single();
		assertThat(meeting).isGreaterThan(1000);
		assertThat(grid.features()).as("cells in the county tile").isBetween(meeting, meeting + 100);
		assertThat(grid.keys()).containsExactlyInAnyOrder("code", "name", "open", "overdue", "total", "suppressed");
		assertThat(grid.strings()).contains(cell);
		assertThat(grid.integers()).as("the cell with the petition just submitted")
			.anySatisfy(count -> assertThat(count).isPositive());
	}

	@Test
	void aCellTileAnswers304ToItsOwnEtag() {
		int[] tile = tileOf(interiorPointOf(firstCell()), 16);
		String path = "/tiles/grid/%d/%d/%d.mvt".formatted(tile[0], tile[1], tile[2]);
		WebTestClient.ResponseSpec first = get(path, null).expectStatus().isOk();
		byte[] mvt = first.expectBody(byte[].class).returnResult().getResponseBody();
		assertThat(Layer.single(mvt).name()).isEqualTo("grid");
		assertThat(Layer.single(mvt).strings()).contains(firstCell());
		String etag = get(path, null).returnResult(byte[].class).getResponseHeaders().getETag();
		assertThat(etag).startsWith("W/\"");
		this.http.get()
			.uri(path)
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, etag)
			.expectBody()
			.isEmpty();
		this.http.get().uri(path).header(HttpHeaders.IF_NONE_MATCH, "\"stale\"").exchange().expectStatus().isOk();
	}

	@Test
	void addressesOutsideThePyramidAreRefusedWithAMessage() {
		get("/tiles/grid/3/8/0.mvt", null).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.message")
			.value(message -> assertThat((String) message).contains("0 到 7"));
		get("/tiles/grid/23/0/0.mvt", null).expectStatus().isBadRequest().expectBody().jsonPath("$.message").exists();
		get("/tiles/grid/3/0/-1.mvt", null).expectStatus().isBadRequest();
		get("/tiles/grid/3/a/0.mvt", null).expectStatus().isBadRequest().expectBody().jsonPath("$.message").exists();
		get("/tiles/roads/3/0/0.mvt", null).expectStatus().isNotFound().expectBody().jsonPath("$.message").exists();
	}

	/** Citizens see others' cases only here, as points without personal fields. */
	@Test
	void thePetitionsLayerIsForCaseHandlersAndCitizensWithoutPersonalFields() {
		double[] lonLat = interiorPointOf(firstCell());
		submitStreetLightPetition(lonLat);
		int[] tile = tileOf(lonLat, 13);
		String path = "/tiles/petitions/%d/%d/%d.mvt".formatted(tile[0], tile[1], tile[2]);
		get(path, null).expectStatus().isForbidden().expectBody().jsonPath("$.message").exists();
		get(path, this.tokens.tokenFor("planner")).expectStatus().isForbidden();
		byte[] seenByACitizen = get(path, this.tokens.tokenFor("citizen2")).expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(Layer.single(seenByACitizen).features()).isPositive();
		assertThat(Layer.single(seenByACitizen).keys()).containsExactlyInAnyOrder("id", "status", "category_code");
		byte[] mvt = get(path, this.tokens.tokenFor("admin")).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=60, private")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		Layer petitions = Layer.single(mvt);
		assertThat(petitions.name()).isEqualTo("petitions");
		assertThat(petitions.features()).isPositive();
		assertThat(petitions.keys()).containsExactlyInAnyOrder("id", "status", "category_code");
		assertThat(petitions.strings()).contains("STREET_LIGHT");
	}

	/**
	 * Below z13 petitions come as clusters: a count and how many are open, at most 16 x
	 * 16 a tile.
	 */
	@Test
	void belowZoom13ThePetitionsLayerIsClusters() {
		double[] lonLat = interiorPointOf(firstCell());
		submitStreetLightPetition(lonLat);
		submitStreetLightPetition(lonLat);
		int[] tile = tileOf(lonLat, 10);
		byte[] mvt = get("/tiles/petitions/%d/%d/%d.mvt".formatted(tile[0], tile[1], tile[2]),
				this.tokens.tokenFor("admin"))
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		Layer clusters = Layer.single(mvt);
		assertThat(clusters.keys()).containsExactlyInAnyOrder("cluster", "point_count", "open");
		assertThat(clusters.features()).isBetween(1, 256);
		assertThat(clusters.integers()).anySatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(2));
	}

	/** An empty tile is 204 No Content, as Martin and pg_tileserv answer. */
	@Test
	void anEmptyTileIs204() {
		get("/tiles/grid/10/0/0.mvt", null).expectStatus().isNoContent().expectBody().isEmpty();
		get("/tiles/labels/5/0/0.mvt", null).expectStatus().isNoContent();
		get("/tiles/petitions/14/0/0.mvt", this.tokens.tokenFor("admin")).expectStatus().isNoContent();
	}

	private WebTestClient.ResponseSpec get(String path, String token) {
		WebTestClient.RequestHeadersSpec<?> request = this.http.get().uri(path);
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return request.exchange();
	}

	private String firstCell() {
		return this.jdbc.sql("SELECT min(code) FROM area WHERE level = 'GRID' AND code LIKE '360322101%'")
			.query(String.class)
			.single();
	}

	private List<String> firstCellsOfItsVillage(String cell, int count) {
		return this.jdbc
			.sql("SELECT code FROM area WHERE level = 'GRID' AND parent_code = "
					+ "(SELECT parent_code FROM area WHERE code = ?) ORDER BY code LIMIT ?")
			.params(cell, count)
			.query(String.class)
			.list();
	}

	private double[] interiorPointOf(String cell) {
		return this.jdbc
			.sql("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(boundary) p FROM area WHERE code = ?) s")
			.param(cell)
			.query((rs, row) -> new double[] { rs.getDouble(1), rs.getDouble(2) })
			.single();
	}

	private void submitStreetLightPetition(double[] lonLat) {
		this.client.as("citizen")
			.documentName("petition/submitPetitionId")
			.variable("input",
					Map.of("title", "路灯不亮", "categoryCode", "STREET_LIGHT", "channel", "MINI_PROGRAM", "location",
							Map.of("lon", lonLat[0], "lat", lonLat[1])))
			.execute()
			.path("submitPetition.id")
			.hasValue();
	}

	/** The XYZ tile holding a WGS84 point at a zoom, as {z, x, y}. */
	private static int[] tileOf(double[] lonLat, int z) {
		double n = 1 << z;
		double lat = Math.toRadians(lonLat[1]);
		int x = (int) Math.floor((lonLat[0] + 180) / 360 * n);
		int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n);
		return new int[] { z, x, y };
	}

	/**
	 * Just enough of the Mapbox Vector Tile protobuf to check a tile: a Tile is repeated
	 * Layer (field 3); a Layer has name (1), features (2), keys (3) and values (4), a
	 * Value a string (1) or an integer (4 int64, 5 uint64, 6 sint64).
	 */
	record Layer(String name, int features, List<String> keys, List<String> strings, List<Long> integers) {

		static Layer single(byte[] tile) {
			List<Layer> layers = new ArrayList<>();
			Reader reader = new Reader(tile);
			while (reader.more()) {
				int tag = (int) reader.varint();
				if (tag >>> 3 == 3 && (tag & 7) == 2) {
					layers.add(read(new Reader(reader.bytes())));
				}
				else {
					reader.skip(tag & 7);
				}
			}
			assertThat(layers).as("layers in the tile").hasSize(1);
			return layers.get(0);
		}

		private static Layer read(Reader reader) {
			String name = null;
			int features = 0;
			List<String> keys = new ArrayList<>();
			List<String> strings = new ArrayList<>();
			List<Long> integers = new ArrayList<>();
			while (reader.more()) {
				int tag = (int) reader.varint();
				switch (tag >>> 3) {
					case 1 -> name = new String(reader.bytes(), StandardCharsets.UTF_8);
					case 2 -> {
						reader.bytes();
						features++;
					}
					case 3 -> keys.add(new String(reader.bytes(), StandardCharsets.UTF_8));
					case 4 -> {
						Reader value = new Reader(reader.bytes());
						while (value.more()) {
							int valueTag = (int) value.varint();
							switch (valueTag >>> 3) {
								case 1 -> strings.add(new String(value.bytes(), StandardCharsets.UTF_8));
								case 4, 5 -> integers.add(value.varint());
								case 6 -> {
									long zigzag = value.varint();
									integers.add((zigzag >>> 1) ^ -(zigzag & 1));
								}
								default -> value.skip(valueTag & 7);
							}
						}
					}
					default -> reader.skip(tag & 7);
				}
			}
			return new Layer(name, features, keys, strings, integers);
		}
	}

	private static final class Reader {

		private final byte[] buffer;

		private int position;

		Reader(byte[] buffer) {
			this.buffer = buffer;
		}

		boolean more() {
			return this.position < this.buffer.length;
		}

		long varint() {
			long value = 0;
			for (int shift = 0;; shift += 7) {
				byte b = this.buffer[this.position++];
				value |= (long) (b & 0x7f) << shift;
				if (b >= 0) {
					return value;
				}
			}
		}

		byte[] bytes() {
			int length = (int) varint();
			ByteArrayOutputStream out = new ByteArrayOutputStream(length);
			out.write(this.buffer, this.position, length);
			this.position += length;
			return out.toByteArray();
		}

		void skip(int wireType) {
			switch (wireType) {
				case 0 -> varint();
				case 1 -> this.position += 8;
				case 2 -> bytes();
				case 5 -> this.position += 4;
				default -> throw new IllegalStateException("wire type " + wireType);
			}
		}

	}

}
