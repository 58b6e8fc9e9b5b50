package io.tiexin.map.internal;

import io.tiexin.petition.PetitionStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.tiexin.people.Actor;
import io.tiexin.people.Role;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.SmallCountSuppression;

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

	// Counts from 1 to minimum - 1 are left out with suppressed = true (k-anonymity; a
	// missing row is 0 and stays), except in the cells whose cases the viewer works
	// (exact: prefixes of their scope), whose tile is then private. Open and total from
	// the daily rollup (grain 15: grid cells); overdue depends on the clock, so it comes
	// from the open petitions through petition_open_area_idx. One statement per tile.
	// The feature id (fid) is the cell's 15-digit code.
	private static final String GRID_TILE = """
			WITH tile AS (SELECT ST_TileEnvelope(:z, :x, :y) AS envelope),
			cells AS (
			    SELECT a.code, a.name,
			           EXISTS (SELECT 1 FROM unnest(CAST(:exact AS text[])) e WHERE a.code LIKE e || '%') AS exact,
			           ST_AsMVTGeom(ST_Transform(a.boundary, 3857), t.envelope, :extent, :buffer, true) AS geom
			    FROM area a, tile t
			    WHERE a.level = 'GRID' AND a.boundary && ST_Transform(t.envelope, 4326)),
			rolled AS (
			    SELECT r.area_code,
			           sum(r.petitions) FILTER (WHERE r.status IN {open}) AS open,
			           sum(r.petitions) AS total
			    FROM petition_rollup r JOIN cells c ON r.grain = 15 AND r.area_code = c.code
			    WHERE r.day >= :since_day
			    GROUP BY r.area_code),
			late AS (
			    SELECT c.code, count(*) AS overdue
			    FROM petition p JOIN cells c ON (p.area_code COLLATE "C") = c.code
			    WHERE p.status IN {open}
			      AND p.submitted_at >= :since AND p.due_at < :now
			    GROUP BY c.code),
			features AS (
			    SELECT CAST(c.code AS bigint) AS fid, c.code, c.name,
			           CASE WHEN NOT c.exact AND r.open < :minimum THEN NULL ELSE coalesce(r.open, 0)::int END AS open,
			           CASE WHEN NOT c.exact AND l.overdue < :minimum THEN NULL ELSE coalesce(l.overdue, 0)::int END AS overdue,
			           CASE WHEN NOT c.exact AND r.total < :minimum THEN NULL ELSE coalesce(r.total, 0)::int END AS total,
			           (NOT c.exact AND (r.open < :minimum OR l.overdue < :minimum OR r.total < :minimum)) IS TRUE AS suppressed,
			           c.geom
			    FROM cells c LEFT JOIN rolled r ON r.area_code = c.code LEFT JOIN late l ON l.code = c.code
			    WHERE c.geom IS NOT NULL)
			SELECT coalesce(ST_AsMVT(features.*, 'grid', :extent, 'geom', 'fid'), ''::bytea) FROM features"""
		.replace("{open}", PetitionStatus.OPEN_SQL);

	// A sensitive category's point is exact only for whoever handles the case (submitter,
	// assignee, liaison, cadres and officers of its area, as for contact details); others
	// see the point of its area. Which tile such a case is drawn in is decided by the
	// point shown too: were it chosen by the exact point, tiles at a high zoom would tell
	// where the case really is. Points are chosen in the tile grown by the buffer, so a
	// circle on a seam is drawn whole by both tiles.
	private static final String VISIBLE_PETITIONS = """
			WITH tile AS (SELECT ST_TileEnvelope(:z, :x, :y) AS envelope,
			                     ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => :margin), 4326) AS search),
			shown AS (
			    SELECT p.id, p.status, p.category_code, p.submitted_at,
			           CASE WHEN c.sensitive AND NOT (p.submitter_id = :person OR p.assignee_id = :person
			                    OR p.liaison_id = :person
			                    OR (:officer AND EXISTS (SELECT 1 FROM unnest(CAST(:duty AS text[])) d
			                                             WHERE p.area_code LIKE d || '%')))
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
	// Tens of thousands of points per tile: each is placed on the tile by arithmetic
	// (spherical Mercator of lon/lat, then the tile's affine map) instead of
	// ST_Transform and ST_AsMVTGeom, which only the clusters (at most 256) get.
	// point_count and open are what MapLibre's own clusters call them; the id is the
	// cell's place in the tile. visible and placed are MATERIALIZED: inlined, the
	// planner copied the point's CASE (with its sub-plans) into every use of tx and ty
	// (the filter, the group key, the averages), evaluating it several times a point,
	// and sorted wide rows on disk (docs/map-tiles-and-http.md).
	private static final String PETITION_CLUSTERS_TILE = """
			WITH tile AS (SELECT ST_TileEnvelope(:z, :x, :y) AS envelope,
			                     ST_Transform(ST_TileEnvelope(:z, :x, :y), 4326) AS search),
			frame AS (SELECT ST_XMin(envelope) AS x0, ST_YMax(envelope) AS y0,
			                 :extent / (ST_XMax(envelope) - ST_XMin(envelope)) AS scale, search FROM tile),
			visible AS MATERIALIZED (
			    SELECT p.status,
			           CASE WHEN c.sensitive AND NOT (p.submitter_id = :person OR p.assignee_id = :person
			                    OR p.liaison_id = :person
			                    OR (:officer AND EXISTS (SELECT 1 FROM unnest(CAST(:duty AS text[])) d
			                                             WHERE p.area_code LIKE d || '%')))
			                THEN (SELECT ST_PointOnSurface(a.boundary) FROM area a WHERE a.code = p.area_code)
			                ELSE p.point END AS point
			    FROM petition p JOIN category c ON c.code = p.category_code, frame f
			    WHERE (p.point && f.search
			           OR (c.sensitive AND p.area_code IN (SELECT a.code FROM area a WHERE a.boundary && f.search)))
			      AND p.submitted_at >= :since),
			placed AS MATERIALIZED (
			    SELECT v.status,
			           (ST_X(v.point) * 20037508.342789244 / 180 - f.x0) * f.scale AS tx,
			           (f.y0 - ln(tan(radians(90 + ST_Y(v.point)) / 2)) * 6378137) * f.scale AS ty
			    FROM visible v, frame f),
			celled AS (
			    SELECT status, tx, ty, floor(tx / :cell)::int AS gx, floor(ty / :cell)::int AS gy
			    FROM placed
			    WHERE tx >= 0 AND tx < :extent AND ty >= 0 AND ty < :extent),
			features AS (
			    SELECT gx * 1000 + gy AS fid, true AS cluster,
			           count(*)::int AS point_count,
			           (count(*) FILTER (WHERE status IN {open}))::int AS open,
			           ST_MakePoint(round(avg(tx)), round(avg(ty))) AS geom
			    FROM celled
			    GROUP BY gx, gy)
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

	private final SmallCountSuppression smallCounts;

	VectorTileRepository(JdbcClient jdbc, Clock clock, SmallCountSuppression smallCounts) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.smallCounts = smallCounts;
	}

	/**
	 * Grid cells with their open, overdue and total petitions; counts exact in the cells
	 * under the given area codes, small ones withheld elsewhere; no bytes when no cell is
	 * in the tile.
	 */
	byte[] gridTile(TileAddress tile, List<String> exactUnder) {
		OffsetDateTime now = ServiceTime.now(this.clock);
		LocalDate sinceDay = now.toLocalDate().minusDays(DAYS - 1);
		return this.jdbc.sql(GRID_TILE)
			.param("z", tile.z())
			.param("x", tile.x())
			.param("y", tile.y())
			.param("extent", EXTENT)
			.param("buffer", BUFFER)
			.param("since_day", sinceDay)
			.param("since", sinceDay.atStartOfDay(ServiceTime.ZONE).toOffsetDateTime())
			.param("now", now)
			.param("minimum", this.smallCounts.minimum())
			.param("exact", exactUnder.toArray(String[]::new))
			.query(byte[].class)
			.single();
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
