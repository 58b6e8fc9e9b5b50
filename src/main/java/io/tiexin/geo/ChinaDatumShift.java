package io.tiexin.geo;

import org.locationtech.jts.geom.Coordinate;

/**
 * Converts between WGS84 and the obfuscated datums of Chinese map providers, GCJ-02 and
 * BD-09.
 * <p>
 * Every method takes a {@link Coordinate} with {@code x} = longitude and {@code y} =
 * latitude in degrees, returns a new Coordinate in the same order and units, and carries
 * {@code z} over unchanged.
 * <p>
 * GCJ-02 is not published; the formulas here are the widely published reverse-engineered
 * algorithm (Krasovsky 1940 ellipsoid parameters and the
 * {@code transformLat}/{@code transformLon} polynomials), the same as in the open-source
 * eviltransform, coordtransform and gcoord libraries, so results agree with theirs. BD-09
 * uses the equally widely circulated GCJ-02 &harr; BD-09 formulas ({@code x_pi}, offsets
 * 0.0065/0.006).
 * <ul>
 * <li>WGS84 &rarr; GCJ-02 and GCJ-02 &rarr; BD-09 are closed formulas, exact up to
 * floating point.</li>
 * <li>GCJ-02 &rarr; WGS84 has no closed form; it is solved by fixed-point iteration to
 * within about 1 cm.</li>
 * <li>BD-09 &rarr; GCJ-02 is the widely circulated approximate inverse that all those
 * libraries use, within 0.25 m of the exact inverse anywhere in China.</li>
 * <li>So GCJ-02 &rarr; WGS84 and BD-09 &rarr; WGS84 undo the forward conversions to
 * within 0.5 m.</li>
 * <li>Outside China's rough bounding box (longitude 72.004–137.8347, latitude
 * 0.8293–55.8271) GCJ-02 equals WGS84, as in every public implementation, so points there
 * pass through the GCJ-02 step unchanged. The BD-09 step has no such test and applies
 * everywhere.</li>
 * </ul>
 */
public final class ChinaDatumShift {

	/** Semi-major axis of the Krasovsky 1940 ellipsoid, in metres. */
	private static final double KRASOVSKY_A = 6378245.0;

	/** First eccentricity squared of the Krasovsky 1940 ellipsoid. */
	private static final double KRASOVSKY_EE = 0.00669342162296594323;

	private static final double BAIDU_X_PI = Math.PI * 3000.0 / 180.0;

	/** About 1 cm on the ground, so the inverse stays far inside its 0.5 m contract. */
	private static final double INVERSE_TOLERANCE_DEGREES = 1e-7;

	/**
	 * The iteration gains a factor of several hundred per step and converges in 3; this
	 * only guards the loop.
	 */
	private static final int INVERSE_MAX_ITERATIONS = 30;

	private ChinaDatumShift() {
	}

	/**
	 * Converts a coordinate given in {@code crs} to WGS84; WGS84 and CGCS2000 are
	 * returned as an unchanged copy.
	 */
	public static Coordinate toWgs84(Coordinate coordinate, Crs crs) {
		return switch (crs) {
			case WGS84, CGCS2000 -> new Coordinate(coordinate);
			case GCJ02 -> gcj02ToWgs84(coordinate);
			case BD09 -> bd09ToWgs84(coordinate);
		};
	}

	/** WGS84 to GCJ-02; unchanged outside China. */
	public static Coordinate wgs84ToGcj02(Coordinate wgs) {
		if (outOfChina(wgs.x, wgs.y)) {
			return new Coordinate(wgs);
		}
		double[] offset = gcj02Offset(wgs.x, wgs.y);
		return new Coordinate(wgs.x + offset[0], wgs.y + offset[1], wgs.getZ());
	}

	/**
	 * GCJ-02 to WGS84, within 0.5 m (in practice about 1 cm) of the exact inverse;
	 * unchanged outside China.
	 */
	public static Coordinate gcj02ToWgs84(Coordinate gcj) {
		if (outOfChina(gcj.x, gcj.y)) {
			return new Coordinate(gcj);
		}
		// The offset changes by only a few millimetres per metre, so the map wgs -> gcj -
		// offset(wgs) is a strong
		// contraction; the one-step approximation many libraries stop at leaves errors of
		// up to a few metres.
		double lon = gcj.x;
		double lat = gcj.y;
		for (int i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
			double[] offset = gcj02Offset(lon, lat);
			double dLon = lon + offset[0] - gcj.x;
			double dLat = lat + offset[1] - gcj.y;
			lon -= dLon;
			lat -= dLat;
			if (Math.abs(dLon) < INVERSE_TOLERANCE_DEGREES && Math.abs(dLat) < INVERSE_TOLERANCE_DEGREES) {
				break;
			}
		}
		return new Coordinate(lon, lat, gcj.getZ());
	}

	/** BD-09 to GCJ-02. */
	public static Coordinate bd09ToGcj02(Coordinate bd) {
		double x = bd.x - 0.0065;
		double y = bd.y - 0.006;
		double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * BAIDU_X_PI);
		double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * BAIDU_X_PI);
		return new Coordinate(z * Math.cos(theta), z * Math.sin(theta), bd.getZ());
	}

	/** GCJ-02 to BD-09. */
	public static Coordinate gcj02ToBd09(Coordinate gcj) {
		double x = gcj.x;
		double y = gcj.y;
		double z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * BAIDU_X_PI);
		double theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * BAIDU_X_PI);
		return new Coordinate(z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006, gcj.getZ());
	}

	/** BD-09 to WGS84 via GCJ-02, within 0.5 m. */
	public static Coordinate bd09ToWgs84(Coordinate bd) {
		return gcj02ToWgs84(bd09ToGcj02(bd));
	}

	/** WGS84 to BD-09 via GCJ-02. */
	public static Coordinate wgs84ToBd09(Coordinate wgs) {
		return gcj02ToBd09(wgs84ToGcj02(wgs));
	}

	private static boolean outOfChina(double lon, double lat) {
		return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
	}

	/**
	 * The GCJ-02 minus WGS84 offset {dLon, dLat} in degrees at a WGS84 position, without
	 * the bounding-box test.
	 */
	private static double[] gcj02Offset(double lon, double lat) {
		double x = lon - 105.0;
		double y = lat - 35.0;
		// The polynomials yield metre-like distances, turned into degrees with the
		// Krasovsky radii of curvature.
		double radLat = Math.toRadians(lat);
		double w2 = 1 - KRASOVSKY_EE * Math.sin(radLat) * Math.sin(radLat);
		double w = Math.sqrt(w2);
		double meridianRadius = KRASOVSKY_A * (1 - KRASOVSKY_EE) / (w2 * w);
		double parallelRadius = KRASOVSKY_A / w * Math.cos(radLat);
		double dLon = transformLon(x, y) * 180.0 / (parallelRadius * Math.PI);
		double dLat = transformLat(x, y) * 180.0 / (meridianRadius * Math.PI);
		return new double[] { dLon, dLat };
	}

	private static double transformLat(double x, double y) {
		double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
		ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
		ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
		ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
		return ret;
	}

	private static double transformLon(double x, double y) {
		double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
		ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
		ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
		ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
		return ret;
	}

}
