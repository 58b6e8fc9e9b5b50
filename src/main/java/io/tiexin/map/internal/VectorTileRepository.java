package io.tiexin.map.internal;

import io.tiexin.petition.PetitionStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tiexin.map.AreaCaseCounts.Counts;
import io.tiexin.people.Actor;
import io.tiexin.people.Role;
import io.tiexin.shared.CalendarPeriod;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.ServiceTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Mapbox vector tiles straight from PostGIS: each layer is one statement that clips its
 * features to {@code ST_TileEnvelope(z, x, y)} (Web Mercator) and encodes them with
 * {@code ST_AsMVT}. Both layers count petitions submitted in the last 365 days (China
 * time), today included.
 */
@Repository
class VectorTileRepository {

	/**
	 * Tile coordinates run from 0 to 4095; 64 units of buffer hide seams where polygons
	 * cross tiles.
	 */
	private static final int EXTENT = 4096;

	private static final int BUFFER = 64;

	private static final int DAYS = 365;

	/**
	 * Below this zoom the petitions layer is clusters (a county's tens of thousands of
	 * points cover the map and weigh megabytes); from it on, single points.
	 */
	static final int POINTS_FROM_ZOOM = 13;

	/**
	 * Cluster cells of 256 tile units, 32 px on a 512 px tile: at most 16 x 16 clusters a
	 * tile. 256 divides the extent, so a cluster cell never straddles a tile seam.
	 */
	private static final int CLUSTER_CELL = 256;

	/**
	 * At most this many single points a tile (the newest first), so a crowded street at
	 * z13 stays a tile of a few hundred kilobytes.
	 */
	static final int POINT_CAP = 4000;

	// Counts withheld from whoever may not see the cases are left out with suppressed =
	// true (k-anonymity), except in the cells whose cases the viewer works (exact:
	// prefixes of their scope), whose tile is then private. Which are withheld is not
	// decided here: it is the one choice of AreaCaseCounts (the small counts, and their
	// complements among the cells of a village, every cell of it in this tile or not)
	// that mapLayer, stats and trends of the same period read too, passed in with the
	// counts it was made from (the published snapshot, as of up to a minute ago) per
	// cell. Were it chosen here, a cell withheld only as a complement would still be
	// shown by its own stats, and the village's count minus the cells shown minus that
	// one would give the small one back; were the counts live, a new petition would be
	// the live count minus the snapshot's. Cells whose cases the viewer works are counted
	// live: open and total from the daily rollup (grain 15: grid cells); overdue depends
	// on the clock, so it comes from the open petitions through petition_open_area_idx.
	// One statement per tile. The feature id (fid) is the cell's 15-digit code.
	private static final String GRID_TILE = """
			WITH tile AS (SELECT ST_TileEnvelope(:z, :x, :y) AS envelope),
			cells AS (
			    SELECT a.code, a.name,
			           ST_AsMVTGeom(ST_Transform(a.boundary, 3857), t.envelope, :extent, :buffer, true) AS geom,
			           EXISTS (SELECT 1 FROM unnest(CAST(:exact AS text[])) e WHERE a.code LIKE e || '%') AS exact
			    FROM area a, tile t
			    WHERE a.level = 'GRID' AND a.boundary && ST_Transform(t.envelope, 4326)),
			rolled AS (
			    SELECT r.area_code,
			           sum(r.petitions) FILTER (WHERE r.status IN {open}) AS open,
			           sum(r.petitions) AS total
			    FROM petition_rollup r JOIN cells c ON r.grain = 15 AND r.area_code = c.code
			    WHERE r.day >= :since_day AND c.exact
			    GROUP BY r.area_code),
			late AS (
			    SELECT c.code, count(*) AS overdue
			    FROM petition p JOIN cells c ON (p.area_code COLLATE "C") = c.code
			    WHERE p.status IN {open} AND c.exact
			      AND p.submitted_at >= :since AND p.due_at < :now
			    GROUP BY c.code),
			published AS (
			    SELECT * FROM unnest(CAST(:published_code AS text[]), CAST(:published_open AS int[]),
			                         CAST(:published_overdue AS int[]), CAST(:published_total AS int[]),
			                         CAST(:withheld_open AS boolean[]), CAST(:withheld_overdue AS boolean[]),
			                         CAST(:withheld_total AS boolean[]))
			                  AS p(code, open, overdue, total, open_withheld, overdue_withheld, total_withheld)),
			features AS (
			    SELECT CAST(c.code AS bigint) AS fid, c.code, c.name,
			           CASE WHEN c.exact THEN coalesce(r.open, 0)::int
			                WHEN p.open_withheld THEN NULL ELSE coalesce(p.open, 0) END AS open,
			           CASE WHEN c.exact THEN coalesce(l.overdue, 0)::int
			                WHEN p.overdue_withheld THEN NULL ELSE coalesce(p.overdue, 0) END AS overdue,
			           CASE WHEN c.exact THEN coalesce(r.total, 0)::int
			                WHEN p.total_withheld THEN NULL ELSE coalesce(p.total, 0) END AS total,
			           NOT c.exact AND coalesce(p.open_withheld OR p.overdue_withheld OR p.total_withheld, false)
			               AS suppressed,
			           c.geom
			    FROM cells c LEFT JOIN published p ON p.code = c.code
			    LEFT JOIN rolled r ON r.area_code = c.code LEFT JOIN late l ON l.code = c.code
			    WHERE c.geom IS NOT NULL)
			SELECT coalesce(ST_AsMVT(features.*, 'grid', :extent, 'geom', 'fid'), ''::bytea) FROM features"""
		.replace("{open}", PetitionStatus.OPEN_SQL);

	// A sensitive category's point is exact only for whoever handles the case (submitter,
	// assignee, liaison, cadres and officers of its area, as for contact details); others
	// see the point of its area. Which tile such a case is drawn in is decided by the
	// point shown too: were it chosen by the exact point, tiles at a high zoom would tell
	// where the case really is. Points are chosen in the tile grown by the buffer, so a
	// circle on a seam is drawn whole by both tiles. A case with no assignee or liaison
	// yet makes "p.assignee_id = :person" NULL, and NOT NULL is not true: coalesce, or
	// such a case would be drawn at its exact point for everyone.
	private static final String VISIBLE_PETITIONS = """
			WITH tile AS (SELECT ST_TileEnvelope(:z, :x, :y) AS envelope,
			                     ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => :margin), 4326) AS search),
			shown AS (
			    SELECT p.id, p.status, p.category_code, p.submitted_at,
			           CASE WHEN c.sensitive AND NOT coalesce(p.submitter_id = :person OR p.assignee_id = :person
			                    OR p.liaison_id = :person
			                    OR (:officer AND EXISTS (SELECT 1 FROM unnest(CAST(:duty AS text[])) d
			                                             WHERE p.area_code LIKE d || '%')), false)
			                THEN (SELECT ST_PointOnSurface(a.boundary) FROM area a WHERE a.code = p.area_code)
			                ELSE p.point END AS point
			    FROM petition p JOIN category c ON c.code = p.category_code, tile t
			    WHERE (p.point && t.search
			           OR (c.sensitive AND p.area_code IN (SELECT a.code FROM area a WHERE a.boundary && t.search)))
			      AND p.submitted_at >= :since),
			visible AS (
			    SELECT s.id, s.status, s.category_code, s.submitted_at,
			           ST_AsMVTGeom(ST_Transform(s.point, 3857), t.envelope, :extent, :buffer, true) AS geom
			    FROM shown s, tile t
			    WHERE s.point && t.search)
			""";

	private static final String PETITION_POINTS_TILE = VISIBLE_PETITIONS + """
			, features AS (
			    SELECT id AS fid, id, status, category_code, geom FROM visible WHERE geom IS NOT NULL
			    ORDER BY submitted_at DESC, id DESC LIMIT :cap)
			SELECT coalesce(ST_AsMVT(features.*, 'petitions', :extent, 'geom', 'fid'), ''::bytea) FROM features""";

	// Clusters count only the points inside the tile itself (0..extent), each in its
	// cell of the fixed grid, so neighbouring tiles never show the same cluster twice.
	// They are read from petition_cluster_bin (V18), not from the points: petitions per
	// z12 cluster cell, day and status, with the sums of their Web Mercator x and y. A
	// tile at zoom z <= 12 is a block of (16 << (12 - z))^2 of those cells, and its
	// cluster cell (gx, gy) is the block's cells shifted right by 12 - z. A sensitive
	// case is drawn at its exact point only for whoever handles it (see
	// VISIBLE_PETITIONS): the rows of sensitive categories carry their area code, so
	// officers get those under their duty areas at the exact points (exact), everyone
	// else all of them at the area's point (hidden, one point per area); the few cases
	// the viewer handles in person (submitter, assignee, liaison) are then moved from
	// their area's point to their own (own, from the petitions). point_count and open
	// are what MapLibre's own clusters call them; the id is the cell's place in the
	// tile; the point is the mean of the points counted, as the clusters built from
	// points had it (PerPointClusters in the tests keeps that form, to compare).
	private static final String PETITION_CLUSTERS_TILE = """
			WITH tile AS (SELECT ST_TileEnvelope(:z, :x, :y) AS envelope,
			                     ST_Transform(ST_TileEnvelope(:z, :x, :y), 4326) AS search),
			frame AS (SELECT ST_XMin(envelope) AS x0, ST_YMax(envelope) AS y0,
			                 :extent / (ST_XMax(envelope) - ST_XMin(envelope)) AS scale, search FROM tile),
			block AS (SELECT :x * (16 << (12 - :z)) AS first_x, :y * (16 << (12 - :z)) AS first_y,
			                 16 << (12 - :z) AS side, 12 - :z AS shift),
			exact AS (
			    SELECT b.bin_x, b.bin_y, b.status, b.petitions, b.sum_x, b.sum_y
			    FROM petition_cluster_bin b, block k
			    WHERE b.bin_x >= k.first_x AND b.bin_x < k.first_x + k.side
			      AND b.bin_y >= k.first_y AND b.bin_y < k.first_y + k.side
			      AND b.day >= :since_day
			      AND (b.sensitive_area = ''
			           OR (:officer AND EXISTS (SELECT 1 FROM unnest(CAST(:duty AS text[])) d
			                                    WHERE b.sensitive_area LIKE d || '%')))),
			hidden AS (
			    SELECT b.sensitive_area AS area_code, b.status, sum(b.petitions) AS petitions
			    FROM petition_cluster_bin b
			    WHERE b.sensitive_area <> '' AND b.day >= :since_day
			      AND NOT (:officer AND EXISTS (SELECT 1 FROM unnest(CAST(:duty AS text[])) d
			                                    WHERE b.sensitive_area LIKE d || '%'))
			    GROUP BY 1, 2),
			own AS MATERIALIZED (
			    SELECT p.area_code, p.status,
			           ST_X(p.point) * 20037508.342789244 / 180 AS x,
			           ln(tan(radians(90 + ST_Y(p.point)) / 2)) * 6378137 AS y
			    FROM petition p JOIN category c ON c.code = p.category_code
			    WHERE c.sensitive AND (p.submitter_id = :person OR p.assignee_id = :person OR p.liaison_id = :person)
			      AND p.submitted_at >= :since
			      AND NOT (:officer AND EXISTS (SELECT 1 FROM unnest(CAST(:duty AS text[])) d
			                                    WHERE p.area_code LIKE d || '%'))),
			spots AS MATERIALIZED (
			    SELECT a.code, ST_X(s.point) * 20037508.342789244 / 180 AS x,
			           ln(tan(radians(90 + ST_Y(s.point)) / 2)) * 6378137 AS y
			    FROM area a CROSS JOIN frame f CROSS JOIN LATERAL (SELECT ST_PointOnSurface(a.boundary) AS point) s
			    WHERE a.boundary && f.search
			      AND a.code IN (SELECT area_code FROM hidden UNION SELECT area_code FROM own)),
			placed AS (
			    SELECT (e.bin_x - k.first_x) >> k.shift AS gx, (e.bin_y - k.first_y) >> k.shift AS gy,
			           e.status, e.petitions, e.sum_x, e.sum_y
			    FROM exact e, block k
			    UNION ALL
			    SELECT floor((s.x - f.x0) * f.scale / :cell)::int, floor((f.y0 - s.y) * f.scale / :cell)::int,
			           h.status, h.petitions, h.petitions * s.x, h.petitions * s.y
			    FROM hidden h JOIN spots s ON s.code = h.area_code, frame f
			    UNION ALL
			    SELECT floor((s.x - f.x0) * f.scale / :cell)::int, floor((f.y0 - s.y) * f.scale / :cell)::int,
			           o.status, -1, -s.x, -s.y
			    FROM own o JOIN spots s ON s.code = o.area_code, frame f
			    UNION ALL
			    SELECT floor((o.x - f.x0) * f.scale / :cell)::int, floor((f.y0 - o.y) * f.scale / :cell)::int,
			           o.status, 1, o.x, o.y
			    FROM own o, frame f),
			features AS (
			    SELECT p.gx * 1000 + p.gy AS fid, true AS cluster,
			           sum(p.petitions)::int AS point_count,
			           coalesce(sum(p.petitions) FILTER (WHERE p.status IN {open}), 0)::int AS open,
			           ST_MakePoint(round((sum(p.sum_x) / sum(p.petitions)::float8 - f.x0) * f.scale),
			                        round((f.y0 - sum(p.sum_y) / sum(p.petitions)::float8) * f.scale)) AS geom
			    FROM placed p, frame f
			    WHERE p.gx >= 0 AND p.gx < :extent / :cell AND p.gy >= 0 AND p.gy < :extent / :cell
			    GROUP BY p.gx, p.gy, f.x0, f.y0, f.scale
			    HAVING sum(p.petitions) > 0)
			SELECT coalesce(ST_AsMVT(features.*, 'petitions', :extent, 'geom', 'fid'), ''::bytea) FROM features"""
		.replace("{open}", PetitionStatus.OPEN_SQL);

	// Names where they help: townships from z9, villages from z11, cells from z13, at a
	// point inside each area; an area is labelled by the one tile its point lies in. The
	// id is the area's code.
	private static final String LABELS_TILE = """
			WITH tile AS (SELECT ST_TileEnvelope(:z, :x, :y) AS envelope),
			named AS (
			    SELECT a.code, a.name, a.level, ST_Transform(ST_PointOnSurface(a.boundary), 3857) AS point
			    FROM area a, tile t
			    WHERE a.level IN (SELECT unnest(CAST(:levels AS text[])))
			      AND a.boundary && ST_Transform(t.envelope, 4326)),
			features AS (
			    SELECT CAST(n.code AS bigint) AS fid, n.code, n.name, n.level,
			           ST_AsMVTGeom(n.point, t.envelope, :extent, 0, false) AS geom
			    FROM named n, tile t
			    WHERE ST_Intersects(n.point, t.envelope))
			SELECT coalesce(ST_AsMVT(features.*, 'labels', :extent, 'geom', 'fid'), ''::bytea) FROM features
			WHERE geom IS NOT NULL""";

	private final JdbcClient jdbc;

	private final Clock clock;

	VectorTileRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The period the grid layer counts: the current calendar year (China time). A node of
	 * the calendar tree that counts withheld from someone are published on
	 * ({@link CalendarPeriod}): a window sliding by a day (it was the last 365 days) gave
	 * the day that left it, tile of one day minus tile of the next.
	 */
	PeriodInput countedPeriod() {
		return new CalendarPeriod(CalendarPeriod.Step.YEAR, ServiceTime.now(this.clock).toLocalDate().withDayOfYear(1))
			.toPeriod();
	}

	/**
	 * Grid cells with their open, overdue and total petitions of
	 * {@link #countedPeriod()}; counts exact in the cells under the given area codes,
	 * elsewhere those of the cells given as withheld left out; no bytes when no cell is
	 * in the tile.
	 * @param withheld the codes of the cells whose open, overdue and total counts are
	 * withheld from whoever may not see their cases
	 */
	byte[] gridTile(TileAddress tile, List<String> exactUnder, PublishedCells published) {
		OffsetDateTime now = ServiceTime.now(this.clock);
		// Nothing is submitted after now: the year's lower bound is its only one.
		LocalDate sinceDay = now.toLocalDate().withDayOfYear(1);
		return this.jdbc.sql(GRID_TILE)
			.param("z", tile.z())
			.param("x", tile.x())
			.param("y", tile.y())
			.param("extent", EXTENT)
			.param("buffer", BUFFER)
			.param("since_day", sinceDay)
			.param("since", sinceDay.atStartOfDay(ServiceTime.ZONE).toOffsetDateTime())
			.param("now", now)
			.param("exact", exactUnder.toArray(String[]::new))
			.param("published_code", published.codes())
			.param("published_open", published.open())
			.param("published_overdue", published.overdue())
			.param("published_total", published.total())
			.param("withheld_open", published.openWithheld())
			.param("withheld_overdue", published.overdueWithheld())
			.param("withheld_total", published.totalWithheld())
			.query(byte[].class)
			.single();
	}

	/**
	 * The cells' counts as published, and whether each is withheld, as parallel arrays
	 * (cells with no petition absent: they count 0, withheld nowhere).
	 */
	record PublishedCells(String[] codes, Integer[] open, Integer[] overdue, Integer[] total, Boolean[] openWithheld,
			Boolean[] overdueWithheld, Boolean[] totalWithheld) {

		static PublishedCells of(Map<String, Counts> counts) {
			List<Map.Entry<String, Counts>> cells = counts.entrySet()
				.stream()
				.filter(cell -> cell.getValue().total() > 0 || cell.getValue().withheld().any())
				.toList();
			int n = cells.size();
			PublishedCells published = new PublishedCells(new String[n], new Integer[n], new Integer[n], new Integer[n],
					new Boolean[n], new Boolean[n], new Boolean[n]);
			for (int i = 0; i < n; i++) {
				Counts cell = cells.get(i).getValue();
				published.codes[i] = cells.get(i).getKey();
				published.open[i] = cell.open();
				published.overdue[i] = cell.overdue();
				published.total[i] = cell.total();
				published.openWithheld[i] = cell.withheld().open();
				published.overdueWithheld[i] = cell.withheld().overdue();
				published.totalWithheld[i] = cell.withheld().total();
			}
			return published;
		}

	}

	/**
	 * Petitions as the actor may see them: clusters ({@code point_count}, {@code open})
	 * below {@link #POINTS_FROM_ZOOM}, from it on single points with id, status and
	 * category, at most {@link #POINT_CAP} a tile.
	 */
	byte[] petitionsTile(TileAddress tile, Actor actor) {
		OffsetDateTime now = ServiceTime.now(this.clock);
		LocalDate sinceDay = now.toLocalDate().minusDays(DAYS - 1);
		boolean officer = actor.hasAny(Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER, Role.COUNTY_ADMIN);
		boolean clusters = tile.z() < POINTS_FROM_ZOOM;
		return this.jdbc.sql(clusters ? PETITION_CLUSTERS_TILE : PETITION_POINTS_TILE)
			.param("z", tile.z())
			.param("x", tile.x())
			.param("y", tile.y())
			.param("extent", EXTENT)
			.param("buffer", BUFFER)
			.param("margin", (double) BUFFER / EXTENT)
			.param("since", sinceDay.atStartOfDay(ServiceTime.ZONE).toOffsetDateTime())
			.param("since_day", sinceDay)
			.param("person", actor.personId())
			.param("officer", officer)
			.param("duty", actor.dutyAreaCodes().toArray(String[]::new))
			.param(clusters ? "cell" : "cap", clusters ? CLUSTER_CELL : POINT_CAP)
			.query(byte[].class)
			.single();
	}

	/**
	 * Points naming the townships, villages and cells worth labelling at the tile's zoom.
	 */
	byte[] labelsTile(TileAddress tile) {
		List<String> levels = new ArrayList<>();
		if (tile.z() >= 9) {
			levels.add("TOWNSHIP");
		}
		if (tile.z() >= 11) {
			levels.add("VILLAGE");
		}
		if (tile.z() >= 13) {
			levels.add("GRID");
		}
		if (levels.isEmpty()) {
			return new byte[0];
		}
		return this.jdbc.sql(LABELS_TILE)
			.param("z", tile.z())
			.param("x", tile.x())
			.param("y", tile.y())
			.param("extent", EXTENT)
			.param("levels", levels.toArray(String[]::new))
			.query(byte[].class)
			.single();
	}

}
