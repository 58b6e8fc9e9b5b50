package io.tiexin.geo;

import java.util.Map;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

/**
 * The one way a client's point enters the service: checked for impossible values, then
 * shifted from its datum to WGS84.
 */
public final class CoordinateNormaliser {

	private CoordinateNormaliser() {
	}

	/**
	 * The input as a WGS84 point; {@code INVALID_COORDINATES} for NaN, infinite or
	 * out-of-range values.
	 */
	public static Point toWgs84(PointInput input) {
		requireValidLonLat(input.lon(), input.lat());
		Coordinate wgs84 = ChinaDatumShift.toWgs84(new Coordinate(input.lon(), input.lat()), input.crs());
		return Geometries.point(wgs84.x, wgs84.y);
	}

	static void requireValidLonLat(double lon, double lat) {
		if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
			throw invalid("坐标必须是有限数值 (coordinates must be finite numbers)", lon, lat);
		}
		if (Math.abs(lat) > 90) {
			throw invalid("纬度必须在 -90 到 90 之间,请检查经纬度是否填反 (latitude must be between -90 and 90; "
					+ "check that longitude and latitude are not swapped)", lon, lat);
		}
		if (Math.abs(lon) > 180) {
			throw invalid("经度必须在 -180 到 180 之间 (longitude must be between -180 and 180)", lon, lat);
		}
	}

	private static TiexinException invalid(String message, double lon, double lat) {
		return new TiexinException(ErrorCode.INVALID_COORDINATES, message,
				Map.of("lon", String.valueOf(lon), "lat", String.valueOf(lat)));
	}

}
