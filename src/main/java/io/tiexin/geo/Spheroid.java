package io.tiexin.geo;

import net.sf.geographiclib.Geodesic;
import org.locationtech.jts.geom.Coordinate;

/**
 * Distances on the WGS84 spheroid with Karney's geodesic algorithm (GeographicLib), the
 * same one PostGIS uses for {@code geography}, so in-memory answers agree with the
 * database to the millimetre.
 */
public final class Spheroid {

	private Spheroid() {
	}

	/** Metres between two lon/lat coordinates along the geodesic. */
	public static double distanceMeters(Coordinate a, Coordinate b) {
		return Geodesic.WGS84.Inverse(a.y, a.x, b.y, b.x).s12;
	}

}
