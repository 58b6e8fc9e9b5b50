package io.tiexin.map.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import io.tiexin.TiexinIntegrationTest;
import io.tiexin.demo.DemoHistoryGenerator.Plan;
import io.tiexin.demo.DemoHistoryLoader;
import io.tiexin.people.Actor;
import io.tiexin.people.Role;
import io.tiexin.shared.ServiceTime;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not part of the suite (the name does not end in IT): loads the demo's year (27,000
 * petitions over the county ending today, as the demo profile does) and builds the z10
 * petitions tile holding the county both ways, from petition_cluster_bin (V18) and from
 * the points ({@link PerPointClusters}, as before V18), for the county administrator
 * (every point exact) and a citizen (sensitive cases at their area's point): median of 21
 * after 5 warm-up builds each, sizes, and the ratio. Run it with
 * {@code scripts/test -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PetitionTileBenchmark}
 * and read the lines starting with TILES.
 */
@TiexinIntegrationTest
class PetitionTileBenchmark {

	@Autowired
	DemoHistoryLoader loader;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	VectorTileRepository tiles;

	@Autowired
	Clock clock;

	@Test
	void measure() {
		OffsetDateTime now = ServiceTime.now(this.clock);
		LocalDate today = now.toLocalDate();
		this.loader.load(new Plan("360322", 27_000, today.minusDays(364), 365, now, 360322, 8));
		this.jdbc.sql("VACUUM ANALYZE petition").update();
		this.jdbc.sql("VACUUM ANALYZE petition_cluster_bin").update();
		double[] centre = this.jdbc.sql(
				"SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(boundary) p FROM area WHERE level = 'COUNTY') s")
			.query((rs, row) -> new double[] { rs.getDouble(1), rs.getDouble(2) })
			.single();
		int z = 10;
		double n = 1 << z;
		double lat = Math.toRadians(centre[1]);
		TileAddress tile = new TileAddress(z, (int) Math.floor((centre[0] + 180) / 360 * n),
				(int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n));
		long points = this.jdbc
			.sql("SELECT count(*) FROM petition WHERE submitted_at >= :since "
					+ "AND point && ST_Transform(ST_TileEnvelope(:z, :x, :y), 4326)")
			.param("since", today.minusDays(364).atStartOfDay(ServiceTime.ZONE).toOffsetDateTime())
			.param("z", tile.z())
			.param("x", tile.x())
			.param("y", tile.y())
			.query(Long.class)
			.single();
		long rows = this.jdbc.sql("SELECT count(*) FROM petition_cluster_bin WHERE petitions <> 0")
			.query(Long.class)
			.single();
		System.out.printf(Locale.ROOT, "TILES z%d/%d/%d: %,d petitions of the year in the tile, %,d bin rows%n",
				tile.z(), tile.x(), tile.y(), points, rows);
		List<Actor> viewers = List.of(
				new Actor(person("COUNTY_ADMIN"), "admin", Set.of(Role.COUNTY_ADMIN), List.of("360322"), null),
				new Actor(person("CITIZEN"), "citizen", Set.of(Role.CITIZEN), List.of(), null));
		for (Actor viewer : viewers) {
			double binned = time(() -> this.tiles.petitionsTile(tile, viewer));
			double perPoint = time(() -> PerPointClusters.tile(this.jdbc, this.clock, tile, viewer));
			System.out.printf(Locale.ROOT,
					"TILES %s: binned %.1f ms (%,d bytes), per point %.1f ms (%,d bytes), %.1fx faster%n",
					viewer.username(), binned, this.tiles.petitionsTile(tile, viewer).length, perPoint,
					PerPointClusters.tile(this.jdbc, this.clock, tile, viewer).length, perPoint / binned);
		}
	}

	/** Median milliseconds of 21 builds after 5 warm-up builds. */
	private static double time(Supplier<byte[]> build) {
		long[] nanos = new long[21];
		for (int run = -5; run < nanos.length; run++) {
			long started = System.nanoTime();
			build.get();
			if (run >= 0) {
				nanos[run] = System.nanoTime() - started;
			}
		}
		Arrays.sort(nanos);
		return nanos[nanos.length / 2] / 1e6;
	}

	private long person(String role) {
		return this.jdbc.sql("SELECT min(id) FROM person WHERE CAST(:role AS varchar) = ANY (roles)")
			.param("role", role)
			.query(Long.class)
			.single();
	}

}
