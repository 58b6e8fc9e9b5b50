package io.tiexin.map.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.tiexin.GraphQlClient;
import io.tiexin.NodeTools;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.people.Actor;
import io.tiexin.people.Role;
import io.tiexin.petition.PetitionFixtures;
import io.tiexin.shared.ServiceTime;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The petitions tile's clusters from petition_cluster_bin (V18) are the clusters of the
 * points ({@link PerPointClusters}, the form they replaced), for every kind of viewer:
 * the same ids, counts, open counts and places (to a tile unit), with sensitive cases at
 * their area's point except for those who handle them. On a demo-sized county (12
 * petitions in every cell, of every kind of category, status and handler, some older than
 * the tile's year, some located only by village) inserted in a transaction that is rolled
 * back; then again after the petitions change status, move, change category and are
 * deleted, which the triggers must follow.
 */
@TiexinIntegrationTest
class PetitionClusterBinsIT {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	VectorTileRepository tiles;

	@Autowired
	GraphQlClient client;

	@Autowired
	Clock clock;

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void binnedClustersAreTheClustersOfThePointsForEveryViewer() {
		double[] centre = this.jdbc.sql(
				"SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(boundary) p FROM area WHERE level = 'COUNTY') s")
			.query((rs, row) -> new double[] { rs.getDouble(1), rs.getDouble(2) })
			.single();
		long template = GraphQlClient.number(this.client.citizen()
			.documentName("petition/submitPetitionId")
			.variable("input", PetitionFixtures.submissionAt(centre[0], centre[1], "STREET_LIGHT"))
			.execute()
			.path("submitPetition.id")
			.entity(String.class)
			.get());
		long citizen = personWith("CITIZEN");
		long gridMember = personWith("GRID_MEMBER");
		List<Actor> viewers = List.of(
				new Actor(personWith("COUNTY_ADMIN"), "admin", Set.of(Role.COUNTY_ADMIN), List.of("360322"), null),
				new Actor(personWith("TOWNSHIP_OFFICER"), "officer", Set.of(Role.TOWNSHIP_OFFICER),
						List.of("360322101"), null),
				new Actor(citizen, "citizen", Set.of(Role.CITIZEN), List.of(), null),
				new Actor(gridMember, "gm", Set.of(Role.GRID_MEMBER), List.of("360322101200001"), null));
		List<TileAddress> addresses = List.of(tileOf(centre, 10), tileOf(centre, 12), tileOf(centre, 8),
				tileOf(centre, 11), tileOf(centre, 4));

		this.transactions.executeWithoutResult(status -> {
			int inserted = this.jdbc
				.sql("""
						INSERT INTO petition (tracking_number, title, category_code, channel, urgency, status, level, point,
						                      grid_code, area_code, match_method, submitter_id, assignee_id, submitted_at, due_at)
						SELECT 'K' || a.code || d.path[1], p.title,
						       (ARRAY['STREET_LIGHT', 'DISPUTE', 'ROADS', 'ELDERLY_DISABLED', 'WATER_SUPPLY'])[1 + (d.path[1] + a.n) % 5],
						       p.channel, p.urgency,
						       (ARRAY['SUBMITTED', 'ASSIGNED', 'RESOLVED', 'CLOSED', 'IN_PROGRESS', 'WITHDRAWN'])[1 + (d.path[1] + a.n) % 6],
						       p.level, d.geom, a.code, CASE WHEN d.path[1] = 1 THEN a.parent_code ELSE a.code END,
						       p.match_method,
						       CASE WHEN (d.path[1] + a.n) % 4 = 0 THEN :citizen ELSE p.submitter_id END,
						       CASE WHEN (d.path[1] + a.n) % 7 = 0 THEN :member END,
						       :now - make_interval(days => d.path[1] * 33), p.due_at
						FROM petition p,
						     (SELECT code, parent_code, boundary, row_number() OVER (ORDER BY code) AS n
						      FROM area WHERE level = 'GRID') a,
						     LATERAL ST_Dump(ST_GeneratePoints(a.boundary, 12, 17)) d
						WHERE p.id = :template""")
				.param("citizen", citizen)
				.param("member", gridMember)
				.param("now", ServiceTime.now(this.clock))
				.param("template", template)
				.update();
			assertThat(inserted).isGreaterThan(25_000);
			assertSameClusters(viewers, addresses, "as inserted");

			this.jdbc.sql("UPDATE petition SET status = 'RESOLVED' WHERE tracking_number LIKE 'K%' AND id % 3 = 0")
				.update();
			this.jdbc
				.sql("UPDATE petition SET point = ST_Translate(point, 0.004, -0.003) "
						+ "WHERE tracking_number LIKE 'K%' AND id % 5 = 0")
				.update();
			this.jdbc
				.sql("UPDATE petition SET category_code = 'DISPUTE' WHERE tracking_number LIKE 'K%' AND id % 7 = 1")
				.update();
			this.jdbc.sql("DELETE FROM petition WHERE tracking_number LIKE 'K%' AND id % 11 = 0").update();
			assertSameClusters(viewers, addresses, "after updates and deletes");
			status.setRollbackOnly();
		});
	}

	/**
	 * A sensitive case that nobody handles yet (no assignee, no liaison) is drawn at its
	 * area's point for a citizen who did not submit it, in points as in clusters: the
	 * NULL assignee once made the test "not a party" NULL, and the exact point was drawn.
	 */
	@Test
	void aSensitiveCaseNobodyHandlesYetIsAtItsAreasPointForOthers() {
		List<Long> citizens = this.jdbc
			.sql("SELECT id FROM person WHERE CAST('CITIZEN' AS varchar) = ANY (roles) ORDER BY id LIMIT 2")
			.query(Long.class)
			.list();
		Actor other = new Actor(citizens.get(1), "other", Set.of(Role.CITIZEN), List.of(), null);
		this.transactions.executeWithoutResult(status -> {
			Map<String, Object> placed = this.jdbc.sql("""
					WITH cell AS (SELECT code, boundary, ST_PointOnSurface(boundary) AS shown FROM area
					              WHERE level = 'GRID' ORDER BY ST_Area(boundary) DESC, code LIMIT 1)
					SELECT c.code, ST_X(c.shown) AS shown_lon, ST_Y(c.shown) AS shown_lat,
					       ST_X(e.geom) AS exact_lon, ST_Y(e.geom) AS exact_lat
					FROM cell c, LATERAL (SELECT d.geom FROM ST_Dump(ST_GeneratePoints(c.boundary, 20, 3)) d
					                      ORDER BY ST_Distance(d.geom, c.shown) DESC LIMIT 1) e""").query().singleRow();
			double[] exact = { ((Number) placed.get("exact_lon")).doubleValue(),
					((Number) placed.get("exact_lat")).doubleValue() };
			double[] shown = { ((Number) placed.get("shown_lon")).doubleValue(),
					((Number) placed.get("shown_lat")).doubleValue() };
			long id = this.jdbc.sql("""
					INSERT INTO petition (tracking_number, title, category_code, channel, urgency, status, level, point,
					                      grid_code, area_code, match_method, submitter_id, submitted_at)
					VALUES ('S' || :code, '邻里纠纷', 'DISPUTE', 'MINI_PROGRAM', 'NORMAL', 'SUBMITTED', 'VILLAGE',
					        ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), :code, :code, 'CONTAINS', :submitter, :now)
					RETURNING id""")
				.param("code", placed.get("code"))
				.param("lon", exact[0])
				.param("lat", exact[1])
				.param("submitter", citizens.get(0))
				.param("now", ServiceTime.now(this.clock))
				.query(Long.class)
				.single();
			TileAddress exactTile = tileOf(exact, 18);
			TileAddress shownTile = tileOf(shown, 18);
			assertThat(exactTile).as("the exact point and the area's point lie in different z18 tiles")
				.isNotEqualTo(shownTile);
			List<Map<String, Object>> decoded = decode(
					List.of(this.tiles.petitionsTile(exactTile, other), this.tiles.petitionsTile(shownTile, other)));
			assertThat(pointIds(decoded.get(0))).as("the tile of the exact point").doesNotContain(id);
			assertThat(pointIds(decoded.get(1))).as("the tile of the area's point").contains(id);
			status.setRollbackOnly();
		});
	}

	@SuppressWarnings("unchecked")
	private static List<Long> pointIds(Map<String, Object> tile) {
		Map<String, Map<String, Object>> layers = (Map<String, Map<String, Object>>) tile.get("layers");
		if (!layers.containsKey("petitions")) {
			return List.of();
		}
		return ((List<Map<String, Object>>) layers.get("petitions").get("features")).stream()
			.map(feature -> ((Number) feature.get("id")).longValue())
			.toList();
	}

	private void assertSameClusters(List<Actor> viewers, List<TileAddress> addresses, String when) {
		List<byte[]> tilesBuilt = new ArrayList<>();
		for (Actor viewer : viewers) {
			for (TileAddress address : addresses) {
				tilesBuilt.add(this.tiles.petitionsTile(address, viewer));
				tilesBuilt.add(PerPointClusters.tile(this.jdbc, this.clock, address, viewer));
			}
		}
		List<Map<String, Object>> decoded = decode(tilesBuilt);
		int i = 0;
		for (Actor viewer : viewers) {
			for (TileAddress address : addresses) {
				Map<Long, Map<String, Object>> binned = clusters(decoded.get(i++));
				Map<Long, Map<String, Object>> perPoint = clusters(decoded.get(i++));
				String what = "%s, tile %s, %s".formatted(when, address, viewer.username());
				assertThat(binned).as(what).isNotEmpty();
				assertThat(binned.keySet()).as(what).containsExactlyElementsOf(perPoint.keySet());
				binned.forEach((id, cluster) -> {
					Map<String, Object> expected = perPoint.get(id);
					assertThat(cluster.get("properties")).as("%s, cluster %d", what, id)
						.isEqualTo(expected.get("properties"));
					for (String axis : List.of("minX", "minY")) {
						assertThat(((Number) cluster.get(axis)).intValue()).as("%s, cluster %d, %s", what, id, axis)
							.isBetween(((Number) expected.get(axis)).intValue() - 1,
									((Number) expected.get(axis)).intValue() + 1);
					}
				});
			}
		}
	}

	private List<Map<String, Object>> decode(List<byte[]> tilesBuilt) {
		try {
			List<String> files = new ArrayList<>();
			for (byte[] tile : tilesBuilt) {
				Path file = Files.createTempFile("clusters", ".mvt");
				Files.write(file, tile);
				files.add(file.toAbsolutePath().toString());
			}
			return this.json.readValue(NodeTools.run("decode-tiles.mjs", files.toArray(String[]::new)),
					new TypeReference<List<Map<String, Object>>>() {
					});
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<Long, Map<String, Object>> clusters(Map<String, Object> tile) {
		Map<String, Map<String, Object>> layers = (Map<String, Map<String, Object>>) tile.get("layers");
		Map<Long, Map<String, Object>> byId = new TreeMap<>();
		if (layers.containsKey("petitions")) {
			for (Map<String, Object> feature : (List<Map<String, Object>>) layers.get("petitions").get("features")) {
				byId.put(((Number) feature.get("id")).longValue(), feature);
			}
		}
		return byId;
	}

	private long personWith(String role) {
		return this.jdbc.sql("SELECT min(id) FROM person WHERE CAST(:role AS varchar) = ANY (roles)")
			.param("role", role)
			.query(Long.class)
			.single();
	}

	private static TileAddress tileOf(double[] lonLat, int z) {
		double n = 1 << z;
		double lat = Math.toRadians(lonLat[1]);
		return new TileAddress(z, (int) Math.floor((lonLat[0] + 180) / 360 * n),
				(int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n));
	}

}
