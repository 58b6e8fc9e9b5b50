package io.tiexin.analytics.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import com.uber.h3core.AreaUnit;
import com.uber.h3core.H3Core;
import com.uber.h3core.LengthUnit;
import com.uber.h3core.util.LatLng;
import io.tiexin.geo.Geometries;
import io.tiexin.geo.LocalMetricProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Uber's H3 cells of one resolution over an area: those whose centre lies in the area
 * ({@code polygonToCells}) and those holding a counted point near its edge. Cells are
 * kept in the order of their index, so the same area gives the same list each time.
 */
final class H3Grid {

	static final int MIN_RESOLUTION = 5;

	static final int MAX_RESOLUTION = 12;

	private final int resolution;

	private final TreeSet<Long> cells = new TreeSet<>();

	private H3Grid(int resolution) {
		this.resolution = resolution;
	}

	/**
	 * @throws IllegalArgumentException when the area would need more than
	 * {@code maxCells}
	 */
	static H3Grid covering(Geometry areaWgs84, int resolution, int maxCells) {
		double areaSquareMeters = LocalMetricProjection.around(areaWgs84).toMeters(areaWgs84).getArea();
		if (areaSquareMeters / h3().getHexagonAreaAvg(resolution, AreaUnit.m2) > maxCells) {
			throw new IllegalArgumentException("too many H3 cells");
		}
		H3Grid grid = new H3Grid(resolution);
		for (int i = 0; i < areaWgs84.getNumGeometries(); i++) {
			Polygon polygon = (Polygon) areaWgs84.getGeometryN(i);
			List<List<LatLng>> holes = new ArrayList<>();
			for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
				holes.add(latLngs(polygon.getInteriorRingN(h)));
			}
			grid.cells.addAll(h3().polygonToCells(latLngs(polygon.getExteriorRing()), holes, resolution));
		}
		return grid;
	}

	/** The cell holding the WGS84 point, added to this grid if it was not in it. */
	long add(Coordinate lonLat) {
		long cell = h3().latLngToCell(lonLat.y, lonLat.x, this.resolution);
		this.cells.add(cell);
		return cell;
	}

	/**
	 * The cell, as a pre-binned count gives it (of this grid's resolution), added to this
	 * grid if it was not in it.
	 */
	long add(long cell) {
		this.cells.add(cell);
		return cell;
	}

	List<Long> cells() {
		return List.copyOf(this.cells);
	}

	/**
	 * The distance between the centres of neighbouring cells at this resolution, on
	 * average (&radic;3 times the mean edge length).
	 */
	double centreSpacingMeters() {
		return h3().getHexagonEdgeLengthAvg(this.resolution, LengthUnit.m) * Math.sqrt(3);
	}

	/**
	 * For each cell of {@code cells}, the indexes of the other cells of that list within
	 * {@code k} steps ({@code gridDisk(k)}).
	 */
	static int[][] neighboursWithin(List<Long> cells, int k) {
		Map<Long, Integer> indexByCell = new HashMap<>();
		cells.forEach(cell -> indexByCell.put(cell, indexByCell.size()));
		int[][] neighbours = new int[cells.size()][];
		for (int i = 0; i < neighbours.length; i++) {
			long self = cells.get(i);
			neighbours[i] = h3().gridDisk(self, k)
				.stream()
				.filter(cell -> cell != self)
				.map(indexByCell::get)
				.filter(Objects::nonNull)
				.mapToInt(Integer::intValue)
				.toArray();
		}
		return neighbours;
	}

	/** The cell's hexagon (or pentagon) in WGS84. */
	static Polygon polygon(long cell) {
		List<LatLng> boundary = h3().cellToBoundary(cell);
		Coordinate[] ring = new Coordinate[boundary.size() + 1];
		for (int i = 0; i < boundary.size(); i++) {
			ring[i] = new Coordinate(boundary.get(i).lng, boundary.get(i).lat);
		}
		ring[boundary.size()] = ring[0].copy();
		return Geometries.WGS84.createPolygon(ring);
	}

	static String address(long cell) {
		return h3().h3ToString(cell);
	}

	private static List<LatLng> latLngs(LinearRing ring) {
		List<LatLng> points = new ArrayList<>();
		for (Coordinate c : ring.getCoordinates()) {
			points.add(new LatLng(c.y, c.x));
		}
		return points;
	}

	private static H3Core h3() {
		return Library.H3;
	}

	/** Loads the native library (unpacked from the jar) on first use. */
	private static final class Library {

		static final H3Core H3;

		static {
			try {
				H3 = H3Core.newInstance();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("H3's native library could not be loaded", ex);
			}
		}

	}

}
