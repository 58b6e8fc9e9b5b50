package io.tiexin.map;

import io.tiexin.petition.PetitionStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

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

	// The tile is the same for everyone and cached publicly, so counts from 1 to minimum
	// - 1 are left
	// out for everyone, with suppressed = true (k-anonymity; a missing row is 0 and
	// stays).
	// Open and total from the daily rollup (grain 15: grid cells); overdue depends on the
	// clock, so it
	// comes from the open petitions through petition_open_area_idx. Either way one
	// statement per tile.
	private static final String GRID_TILE = """
			WITH tile AS (SELECT ST_TileEnvelope(:z, :x, :y) AS envelope),
			cells AS (
			    SELECT a.code, a.name,
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
			    SELECT c.code, c.name,
			           CASE WHEN r.open < :minimum THEN NULL ELSE coalesce(r.open, 0)::int END AS open,
			           CASE WHEN l.overdue < :minimum THEN NULL ELSE coalesce(l.overdue, 0)::int END AS overdue,
			           CASE WHEN r.total < :minimum THEN NULL ELSE coalesce(r.total, 0)::int END AS total,
			           (r.open < :minimum OR l.overdue < :minimum OR r.total < :minimum) IS TRUE AS suppressed,
			           c.geom
			    FROM cells c LEFT JOIN rolled r ON r.area_code = c.code LEFT JOIN late l ON l.code = c.code
			    WHERE c.geom IS NOT NULL)
			SELECT coalesce(ST_AsMVT(features.*, 'grid', :extent, 'geom'), ''::bytea) FROM features""".replace("{open}",
			PetitionStatus.OPEN_SQL);

	// A sensitive category's point is exact only for whoever handles the case (submitter,
	// assignee,
	// liaison, cadres and officers of its area, as for contact details); others see the
	// point of its area.
	private static final String PETITIONS_TILE = """
			WITH tile AS (SELECT ST_TileEnvelope(:z, :x, :y) AS envelope),
			features AS (
			    SELECT p.id, p.status, p.category_code,
			           ST_AsMVTGeom(ST_Transform(
			               CASE WHEN c.sensitive AND NOT (p.submitter_id = :person OR p.assignee_id = :person
			                        OR p.liaison_id = :person
			                        OR (:officer AND EXISTS (SELECT 1 FROM unnest(CAST(:duty AS text[])) d
			                                                 WHERE p.area_code LIKE d || '%')))
			                    THEN (SELECT ST_PointOnSurface(a.boundary) FROM area a WHERE a.code = p.area_code)
			                    ELSE p.point END, 3857), t.envelope, :extent, :buffer, true) AS geom
			    FROM petition p JOIN category c ON c.code = p.category_code, tile t
			    WHERE p.point && ST_Transform(t.envelope, 4326) AND p.submitted_at >= :since)
			SELECT coalesce(ST_AsMVT(features.*, 'petitions', :extent, 'geom'), ''::bytea) FROM features
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
	 * Grid cells with their open, overdue and total petitions; no bytes when none is in
	 * the tile.
	 */
	byte[] gridTile(TileAddress tile) {
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
			.query(byte[].class)
			.single();
	}

	/** Petition points with id, status and category, as the actor may see them. */
	byte[] petitionsTile(TileAddress tile, Actor actor) {
		OffsetDateTime now = ServiceTime.now(this.clock);
		LocalDate sinceDay = now.toLocalDate().minusDays(DAYS - 1);
		boolean officer = actor.hasAny(Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER, Role.COUNTY_ADMIN);
		return this.jdbc.sql(PETITIONS_TILE)
			.param("z", tile.z())
			.param("x", tile.x())
			.param("y", tile.y())
			.param("extent", EXTENT)
			.param("buffer", BUFFER)
			.param("since", sinceDay.atStartOfDay(ServiceTime.ZONE).toOffsetDateTime())
			.param("person", actor.personId())
			.param("officer", officer)
			.param("duty", actor.dutyAreaCodes().toArray(String[]::new))
			.query(byte[].class)
			.single();
	}

}
