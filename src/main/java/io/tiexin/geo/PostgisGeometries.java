package io.tiexin.geo;

import java.sql.ResultSet;
import java.sql.SQLException;

import net.postgis.jdbc.jts.JtsBinaryParser;
import net.postgis.jdbc.jts.JtsBinaryWriter;
import net.postgis.jdbc.jts.JtsGeometry;
import org.locationtech.jts.geom.Geometry;
import org.postgresql.util.PGobject;

/**
 * The one way geometry crosses PostgreSQL's driver: as EWKB (binary, with its SRID), read
 * and written by PostGIS's JDBC extension (postgis-jdbc-jts), never as text the database
 * has to convert. A geometry goes into a statement as {@link #parameter} (typed
 * {@code geometry}, so SQL needs no {@code ST_GeomFrom...}), into a {@code COPY} as
 * {@link #copyValue}, and comes out of a plain geometry column through {@link #read}.
 * Every geometry is WGS84 (EPSG:4326), the one CRS the service stores.
 */
public final class PostgisGeometries {

	// Both hold no state between calls: one of each serves every thread.
	private static final JtsBinaryParser PARSER = new JtsBinaryParser();

	private static final JtsBinaryWriter WRITER = new JtsBinaryWriter();

	private PostgisGeometries() {
	}

	/**
	 * The geometry as a statement parameter of type {@code geometry}: the driver sends
	 * its EWKB, which PostGIS reads as is.
	 * @throws IllegalArgumentException if the geometry is not in WGS84
	 */
	public static PGobject parameter(Geometry geometry) {
		return new JtsGeometry(wgs84(geometry));
	}

	/** The geometry as a field of a {@code COPY ... (FORMAT csv)} row: hex EWKB. */
	public static String copyValue(Geometry geometry) {
		return WRITER.writeHexed(wgs84(geometry));
	}

	/**
	 * The geometry of a column, or null for SQL NULL. PostGIS hands a geometry to the
	 * driver as hex EWKB, which the driver passes on untouched: no conversion function is
	 * needed in the query.
	 * @throws IllegalStateException if the column holds something other than a WGS84
	 * geometry of the given type
	 */
	public static <T extends Geometry> T read(ResultSet rs, String column, Class<T> type) throws SQLException {
		String ewkb = rs.getString(column);
		if (ewkb == null) {
			return null;
		}
		Geometry parsed = PARSER.parse(ewkb);
		if (parsed.getSRID() != Geometries.WGS84_SRID || !type.isInstance(parsed)) {
			throw new IllegalStateException("Column " + column + " holds a " + parsed.getGeometryType() + " in SRID "
					+ parsed.getSRID() + ", not a " + type.getSimpleName() + " in " + Geometries.WGS84_SRID);
		}
		// The parser builds on a factory of its own (SRID 0, a new one per part): one
		// copy puts the geometry on the service's factory, as GeoJSON input and the
		// catalog's geometries are, so what is derived from it stays in WGS84.
		return type.cast(Geometries.WGS84.createGeometry(parsed));
	}

	private static Geometry wgs84(Geometry geometry) {
		if (geometry.getSRID() != Geometries.WGS84_SRID) {
			throw new IllegalArgumentException(
					"Not a WGS84 geometry (SRID " + geometry.getSRID() + "): the service stores EPSG:4326 only");
		}
		return geometry;
	}

}
