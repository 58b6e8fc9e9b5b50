package io.tiexin.map.internal;

import java.time.Clock;
import java.time.LocalDate;

import io.tiexin.people.Actor;
import io.tiexin.people.Role;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.shared.ServiceTime;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The petitions tile's clusters as they were built before petition_cluster_bin (V18):
 * from the points, on every request. Kept in the tests as the reference the binned
 * clusters must equal ({@code PetitionClusterBinsIT}) and as the other side of
 * {@code PetitionTileBenchmark}. One change: the sensitive-case test is wrapped in
 * {@code coalesce(..., false)} as VISIBLE_PETITIONS now is (without it a case with no
 * assignee or liaison was drawn at its exact point for everyone; PetitionClusterBinsIT
 * found it).
 */
final class PerPointClusters {

	private static final String SQL = """
			WITH tile AS (SELECT ST_TileEnvelope(:z, :x, :y) AS envelope,
			                     ST_Transform(ST_TileEnvelope(:z, :x, :y), 4326) AS search),
			frame AS (SELECT ST_XMin(envelope) AS x0, ST_YMax(envelope) AS y0,
			                 :extent / (ST_XMax(envelope) - ST_XMin(envelope)) AS scale, search FROM tile),
			visible AS MATERIALIZED (
			    SELECT p.status,
			           CASE WHEN c.sensitive AND NOT coalesce(p.submitter_id = :person OR p.assignee_id = :person
			                    OR p.liaison_id = :person
			                    OR (:officer AND EXISTS (SELECT 1 FROM unnest(CAST(:duty AS text[])) d
			                                             WHERE p.area_code LIKE d || '%')), false)
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

	private PerPointClusters() {
	}

	static byte[] tile(JdbcClient jdbc, Clock clock, TileAddress tile, Actor actor) {
		LocalDate sinceDay = ServiceTime.now(clock).toLocalDate().minusDays(364);
		return jdbc.sql(SQL)
			.param("z", tile.z())
			.param("x", tile.x())
			.param("y", tile.y())
			.param("extent", 4096)
			.param("cell", 256)
			.param("since", sinceDay.atStartOfDay(ServiceTime.ZONE).toOffsetDateTime())
			.param("person", actor.personId())
			.param("officer", actor.hasAny(Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER, Role.COUNTY_ADMIN))
			.param("duty", actor.dutyAreaCodes().toArray(String[]::new))
			.query(byte[].class)
			.single();
	}

}
