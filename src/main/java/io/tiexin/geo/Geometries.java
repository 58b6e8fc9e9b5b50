package io.tiexin.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * The one geometry factory of the service: WGS84 (EPSG:4326), x = longitude, y =
 * latitude, as stored in PostGIS and written in GeoJSON (RFC 7946).
 */
public final class Geometries {

	public static final int WGS84_SRID = 4326;

	public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), WGS84_SRID);

	private Geometries() {
	}

	public static Point point(double lon, double lat) {
		return WGS84.createPoint(new Coordinate(lon, lat));
	}

	/**
	 * The geometry as a MultiPolygon, the one polygonal type area boundaries are stored
	 * as.
	 */
	public static MultiPolygon asMultiPolygon(Geometry polygonal) {
		if (polygonal instanceof MultiPolygon multi) {
			return multi;
		}
		if (polygonal instanceof Polygon polygon) {
			return WGS84.createMultiPolygon(new Polygon[] { polygon });
		}
		Polygon[] parts = new Polygon[polygonal.getNumGeometries()];
		for (int i = 0; i < parts.length; i++) {
			if (!(polygonal.getGeometryN(i) instanceof Polygon polygon)) {
				throw new IllegalArgumentException("Not polygonal: " + polygonal.getGeometryType());
			}
			parts[i] = polygon;
		}
		return WGS84.createMultiPolygon(parts);
	}

}
