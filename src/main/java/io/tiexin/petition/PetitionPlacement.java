package io.tiexin.petition;

import io.tiexin.grid.MatchMethod;
import org.locationtech.jts.geom.Point;

/**
 * Where something located "as petitions are" is: the WGS84 point, the grid cell
 * ({@code null} when none is known), the finest area known, how it matched, and a note
 * saying how it was located.
 */
public record PetitionPlacement(Point point, String gridCode, String areaCode, MatchMethod method,
		double distanceMeters, String note) {
}
