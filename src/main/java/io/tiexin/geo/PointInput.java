package io.tiexin.geo;

/**
 * A point as clients send it: longitude, latitude and the datum they were measured in.
 */
public record PointInput(double lon, double lat, Crs crs) {

	public PointInput {
		if (crs == null) {
			crs = Crs.WGS84;
		}
	}
}
