package io.tiexin.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * An equirectangular plane in metres, tangent at a reference latitude: longitude and
 * latitude are scaled by the WGS84 metres-per-degree there. Within a county (tens of
 * kilometres) lengths are right to about 0.1%, which is what tolerances, simplification
 * and nearest-point searches need; being affine, it maps shared edges to shared edges and
 * back exactly, so a coverage stays a coverage. Reported distances still come from
 * {@link Spheroid}.
 */
public final class LocalMetricProjection {

	private static final double A = 6_378_137.0;

	private static final double E2 = 0.006_694_379_990_14;

	private final double metersPerDegreeLon;

	private final double metersPerDegreeLat;

	private final AffineTransformation toMeters;

	private final AffineTransformation toDegrees;

	public LocalMetricProjection(double referenceLatitude) {
		double phi = Math.toRadians(referenceLatitude);
		double w = Math.sqrt(1 - E2 * Math.sin(phi) * Math.sin(phi));
		this.metersPerDegreeLon = Math.PI / 180 * A * Math.cos(phi) / w;
		this.metersPerDegreeLat = Math.PI / 180 * A * (1 - E2) / (w * w * w);
		this.toMeters = AffineTransformation.scaleInstance(this.metersPerDegreeLon, this.metersPerDegreeLat);
		this.toDegrees = AffineTransformation.scaleInstance(1 / this.metersPerDegreeLon, 1 / this.metersPerDegreeLat);
	}

	/** A projection centred on the middle latitude of the geometry's envelope. */
	public static LocalMetricProjection around(Geometry geometry) {
		return new LocalMetricProjection(geometry.getEnvelopeInternal().centre().y);
	}

	/** Metres per degree of longitude at the reference latitude. */
	public double metersPerDegreeLon() {
		return this.metersPerDegreeLon;
	}

	/** Metres per degree of latitude at the reference latitude. */
	public double metersPerDegreeLat() {
		return this.metersPerDegreeLat;
	}

	public Geometry toMeters(Geometry lonLat) {
		return this.toMeters.transform(lonLat);
	}

	public Geometry toDegrees(Geometry meters) {
		Geometry result = this.toDegrees.transform(meters);
		result.setSRID(Geometries.WGS84_SRID);
		return result;
	}

	/**
	 * Degrees of longitude that span at least the given metres at the reference latitude.
	 */
	public double longitudeDegrees(double meters) {
		return meters / this.metersPerDegreeLon;
	}

	/** Degrees of latitude that span at least the given metres. */
	public double latitudeDegrees(double meters) {
		return meters / this.metersPerDegreeLat;
	}

}
