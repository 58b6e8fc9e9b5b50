package io.tiexin.grid;

import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;

/**
 * One area of the hierarchy as the service knows it: immutable, WGS84.
 *
 * @param code the statistical division code; a prefix of every descendant's code
 * @param parentCode {@code null} for the county
 * @param centroid the boundary's centroid (planar in lon/lat, which at county scale is
 * within metres of the geodesic one)
 * @param areaSqKm geodesic area on the WGS84 spheroid, as PostGIS computes it
 */
public record Area(String code, String name, AreaLevel level, String parentCode, MultiPolygon boundary, Point centroid,
		double areaSqKm) {

	public Area(String code, String name, AreaLevel level, String parentCode, MultiPolygon boundary, double areaSqKm) {
		this(code, name, level, parentCode, boundary, boundary.getCentroid(), areaSqKm);
	}

	/**
	 * Areas are the same when their codes are: a code names one area across snapshots.
	 */
	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof Area area && this.code.equals(area.code));
	}

	@Override
	public int hashCode() {
		return this.code.hashCode();
	}

	/** Whether this area is the given one or lies below it. */
	public boolean isWithin(String ancestorCode) {
		return this.code.startsWith(ancestorCode);
	}
}
