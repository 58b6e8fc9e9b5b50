package io.tiexin.analytics.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.geo.Geometries;
import io.tiexin.geo.LocalMetricProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Pointy-top hexagons covering an area, in the area's {@link LocalMetricProjection}: the
 * hexagons whose interior or boundary meets the area, in axial coordinates (q, r).
 * {@code spacing} is the distance between the centres of neighbouring hexagons (the
 * flat-to-flat width); the circumradius is spacing / &radic;3. A point is in the hexagon
 * whose centre is nearest, found by cube rounding.
 */
final class HexagonGrid {

	private static final GeometryFactory METRIC = new GeometryFactory();

	private static final double SQRT3 = Math.sqrt(3);

	private final LocalMetricProjection projection;

	private final double spacing;

	private final List<Hexagon> hexagons = new ArrayList<>();

	private final Map<Long, Integer> indexByKey = new HashMap<>();

	/**
	 * @throws IllegalArgumentException when the area would need more than
	 * {@code maxHexagons}
	 */
	HexagonGrid(Geometry areaWgs84, double spacing, int maxHexagons) {
		this.projection = LocalMetricProjection.around(areaWgs84);
		this.spacing = spacing;
		Geometry area = this.projection.toMeters(areaWgs84);
		Envelope extent = area.getEnvelopeInternal();
		double rowHeight = spacing * SQRT3 / 2;
		double hexagonArea = spacing * spacing * SQRT3 / 2;
		if (extent.getArea() / hexagonArea > maxHexagons * 4.0) {
			throw new IllegalArgumentException("too many hexagons");
		}
		PreparedGeometry prepared = PreparedGeometryFactory.prepare(area);
		int firstRow = (int) Math.floor(extent.getMinY() / rowHeight) - 1;
		int lastRow = (int) Math.ceil(extent.getMaxY() / rowHeight) + 1;
		for (int r = firstRow; r <= lastRow; r++) {
			int firstColumn = (int) Math.floor(extent.getMinX() / spacing - r / 2.0) - 1;
			int lastColumn = (int) Math.ceil(extent.getMaxX() / spacing - r / 2.0) + 1;
			for (int q = firstColumn; q <= lastColumn; q++) {
				Polygon hexagon = polygon(q, r);
				if (prepared.intersects(hexagon)) {
					if (this.hexagons.size() == maxHexagons) {
						throw new IllegalArgumentException("too many hexagons");
					}
					this.indexByKey.put(key(q, r), this.hexagons.size());
					this.hexagons.add(new Hexagon(q, r, this.projection.toDegrees(hexagon)));
				}
			}
		}
	}

	List<Hexagon> hexagons() {
		return this.hexagons;
	}

	/**
	 * The index of the hexagon holding the WGS84 point, or -1 when it is outside every
	 * hexagon kept.
	 */
	int indexOf(Coordinate lonLat) {
		Coordinate metric = this.projection.toMeters(Geometries.WGS84.createPoint(lonLat)).getCoordinate();
		// Axial coordinates (fractional), then rounding in cube coordinates (q + r + s =
		// 0).
		double r = metric.y / (this.spacing * SQRT3 / 2);
		double q = metric.x / this.spacing - r / 2;
		double s = -q - r;
		long roundedQ = Math.round(q);
		long roundedR = Math.round(r);
		long roundedS = Math.round(s);
		double dq = Math.abs(roundedQ - q);
		double dr = Math.abs(roundedR - r);
		double ds = Math.abs(roundedS - s);
		if (dq > dr && dq > ds) {
			roundedQ = -roundedR - roundedS;
		}
		else if (dr > ds) {
			roundedR = -roundedQ - roundedS;
		}
		return this.indexByKey.getOrDefault(key((int) roundedQ, (int) roundedR), -1);
	}

	/**
	 * For each hexagon, the indexes of the others whose centres lie within the band
	 * (inclusive).
	 */
	int[][] neighboursWithin(double bandMeters) {
		int reach = (int) Math.ceil(bandMeters / this.spacing) + 1;
		double limit = bandMeters * (1 + 1e-9);
		List<int[]> offsets = new ArrayList<>();
		for (int dr = -reach * 2; dr <= reach * 2; dr++) {
			for (int dq = -reach * 2; dq <= reach * 2; dq++) {
				double dx = this.spacing * (dq + dr / 2.0);
				double dy = this.spacing * SQRT3 / 2 * dr;
				if ((dq != 0 || dr != 0) && Math.hypot(dx, dy) <= limit) {
					offsets.add(new int[] { dq, dr });
				}
			}
		}
		int[][] neighbours = new int[this.hexagons.size()][];
		for (int i = 0; i < neighbours.length; i++) {
			Hexagon hexagon = this.hexagons.get(i);
			List<Integer> found = new ArrayList<>();
			for (int[] offset : offsets) {
				Integer j = this.indexByKey.get(key(hexagon.q() + offset[0], hexagon.r() + offset[1]));
				if (j != null) {
					found.add(j);
				}
			}
			neighbours[i] = found.stream().mapToInt(Integer::intValue).toArray();
		}
		return neighbours;
	}

	private Polygon polygon(int q, int r) {
		double centreX = this.spacing * (q + r / 2.0);
		double centreY = this.spacing * SQRT3 / 2 * r;
		double radius = this.spacing / SQRT3;
		Coordinate[] ring = new Coordinate[7];
		for (int corner = 0; corner < 6; corner++) {
			double angle = Math.toRadians(60 * corner + 30);
			ring[corner] = new Coordinate(centreX + radius * Math.cos(angle), centreY + radius * Math.sin(angle));
		}
		ring[6] = ring[0].copy();
		return METRIC.createPolygon(ring);
	}

	private static long key(int q, int r) {
		return ((long) q << 32) | (r & 0xffffffffL);
	}

	/** One hexagon: axial coordinates and its WGS84 polygon. */
	record Hexagon(int q, int r, Geometry geometry) {
	}

}
