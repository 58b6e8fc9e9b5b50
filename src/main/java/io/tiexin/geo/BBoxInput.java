package io.tiexin.geo;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;
import org.locationtech.jts.geom.Envelope;

/** A WGS84 bounding box as map clients send it. */
public record BBoxInput(double west, double south, double east, double north) {

	/**
	 * The largest box a query may ask about, in square kilometres: larger than Jiangxi
	 * province (167,000 km²), so a map of any city or county fits, while a box of the
	 * whole globe is refused instead of making every spatial index useless.
	 */
	public static final double MAX_AREA_SQ_KM = 200_000;

	private static final double KM_PER_DEGREE_OF_LATITUDE = 110.574;

	private static final double KM_PER_DEGREE_OF_LONGITUDE_AT_EQUATOR = 111.320;

	/**
	 * The box as an envelope, refusing impossible, inverted and oversized boxes. Boxes
	 * crossing the antimeridian are refused too: nothing this service governs lies near
	 * it.
	 */
	public Envelope toEnvelope() {
		CoordinateNormaliser.requireValidLonLat(this.west, this.south);
		CoordinateNormaliser.requireValidLonLat(this.east, this.north);
		if (this.west > this.east || this.south > this.north) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"范围框无效:west 应不大于 east,south 应不大于 north (invalid bbox: west must not exceed east, south must not exceed north)");
		}
		double areaSqKm = approximateAreaSqKm();
		if (areaSqKm > MAX_AREA_SQ_KM) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"范围框过大:约 %,.0f 平方公里,上限 %,.0f (bbox too large: about %,.0f km², at most %,.0f)".formatted(areaSqKm,
							MAX_AREA_SQ_KM, areaSqKm, MAX_AREA_SQ_KM));
		}
		return new Envelope(this.west, this.east, this.south, this.north);
	}

	/** On a sphere, within a few per cent: enough for a cap. */
	private double approximateAreaSqKm() {
		double middleLatitude = Math.toRadians((this.south + this.north) / 2);
		return (this.east - this.west) * KM_PER_DEGREE_OF_LONGITUDE_AT_EQUATOR * Math.cos(middleLatitude)
				* (this.north - this.south) * KM_PER_DEGREE_OF_LATITUDE;
	}
}
