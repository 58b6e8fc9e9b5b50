package io.tiexin.grid.internal;

import java.util.List;
import java.util.Optional;

import io.tiexin.geo.PostgisGeometries;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import org.locationtech.jts.geom.MultiPolygon;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The area tables in PostGIS: the source of truth the in-memory catalog is loaded from.
 */
@Repository
public class AreaRepository {

	private final JdbcClient jdbc;

	AreaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Area> findAll() {
		return this.jdbc.sql("""
				SELECT code, name, level, parent_code, boundary, area_sq_km
				FROM area ORDER BY code""")
			.query((rs, row) -> new Area(rs.getString("code"), rs.getString("name"),
					AreaLevel.valueOf(rs.getString("level")), rs.getString("parent_code"),
					PostgisGeometries.read(rs, "boundary", MultiPolygon.class), rs.getDouble("area_sq_km")))
			.list();
	}

	public long latestImportId() {
		return this.jdbc.sql("SELECT coalesce(max(id), 0) FROM area_import").query(Long.class).single();
	}

	Optional<Long> findImportOf(String sha256) {
		return this.jdbc.sql("SELECT max(id) FROM area_import WHERE sha256 = ?")
			.param(sha256)
			.query(Long.class)
			.optional();
	}

	long countAreas() {
		return this.jdbc.sql("SELECT count(*) FROM area").query(Long.class).single();
	}

	/**
	 * Inserts or replaces one area; the geodesic area is computed by PostGIS (a generated
	 * column).
	 */
	void upsert(ImportedArea area) {
		this.jdbc.sql("""
				INSERT INTO area (code, name, level, parent_code, boundary)
				VALUES (:code, :name, :level, :parentCode, :boundary)
				ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
				    parent_code = excluded.parent_code, boundary = excluded.boundary, updated_at = now()""")
			.param("code", area.code())
			.param("name", area.name())
			.param("level", area.level().name())
			.param("parentCode", area.parentCode())
			.param("boundary", PostgisGeometries.parameter(area.boundary()))
			.update();
	}

	long recordImport(String source, String sha256, int features, String reportJson) {
		return this.jdbc.sql("""
				INSERT INTO area_import (source, sha256, features, report) VALUES (?, ?, ?, CAST(? AS jsonb))
				RETURNING id""").params(source, sha256, features, reportJson).query(Long.class).single();
	}

	/**
	 * Tells every replica, at commit, that areas changed, so each reloads its catalog.
	 */
	void notifyAreasChanged(long importId) {
		this.jdbc.sql("SELECT pg_notify('" + AreaCatalog.CHANNEL + "', ?)")
			.param(Long.toString(importId))
			.query()
			.singleRow();
	}

	/** An area as validated by the importer, ready to be written. */
	record ImportedArea(String code, String name, AreaLevel level, String parentCode, MultiPolygon boundary) {
	}

}
