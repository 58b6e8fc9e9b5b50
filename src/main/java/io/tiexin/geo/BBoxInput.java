package io.tiexin.geo;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;
import org.locationtech.jts.geom.Envelope;

/** A WGS84 bounding box as map clients send it. */
public record BBoxInput(double west, double south, double east, double north) {

	/**
	 * The box as an envelope, refusing impossible or inverted boxes. Boxes crossing the
	 * antimeridian are refused too: nothing this service governs lies near it.
	 */
	public Envelope toEnvelope() {
		CoordinateNormaliser.requireValidLonLat(this.west, this.south);
		CoordinateNormaliser.requireValidLonLat(this.east, this.north);
		if (this.west > this.east || this.south > this.north) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"范围框无效:west 应不大于 east,south 应不大于 north (invalid bbox: west must not exceed east, south must not exceed north)");
		}
		return new Envelope(this.west, this.east, this.south, this.north);
	}
}
