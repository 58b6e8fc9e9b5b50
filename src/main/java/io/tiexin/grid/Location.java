package io.tiexin.grid;

import org.locationtech.jts.geom.Point;

/**
 * Where a point falls in the grid.
 *
 * @param point the point normalised to WGS84
 * @param grid the matched grid cell, {@code null} when {@link MatchMethod#UNMATCHED}
 * @param distanceMeters 0 for {@link MatchMethod#CONTAINS}; geodesic metres to the cell
 * for {@link MatchMethod#NEAREST}; metres to the nearest cell considered, or 0 when none,
 * for {@link MatchMethod#UNMATCHED}
 */
public record Location(Point point, Area grid, MatchMethod method, double distanceMeters) {
}
