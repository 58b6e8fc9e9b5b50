package io.tiexin.grid;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import io.tiexin.geo.Geometries;
import io.tiexin.geo.LocalMetricProjection;
import io.tiexin.geo.Spheroid;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * Which grid cell a point falls in, answered in memory. A {@link CellRaster} over the
 * finest cells names the cell outright for most points and otherwise the few candidates,
 * each tested with an {@link IndexedPointInAreaLocator} (the point test of JTS's prepared
 * polygons, without their per-call allocations); an {@link STRtree} of the cells and an
 * {@link IndexedFacetDistance} of their edges serve points outside every cell. Immutable
 * once built, so a new index can be swapped in while requests read the old one.
 * <p>
 * A point inside a cell or on its boundary matches it ({@link MatchMethod#CONTAINS});
 * where a point lies on an edge or vertex shared by several cells, the cell with the
 * lowest code wins, every time. A point in no cell matches the nearest cell within the
 * tolerance ({@link MatchMethod#NEAREST}, ties again to the lowest code), with the
 * distance in metres on the WGS84 spheroid; beyond it the point is
 * {@link MatchMethod#UNMATCHED}, with its distance to the nearest cell.
 */
public final class GridIndex {

	private final CellRaster raster;

	private final STRtree tree = new STRtree();

	/**
	 * Every cell's edges in one plane in metres, for the distance of points far from all
	 * cells.
	 */
	private final IndexedFacetDistance cellEdges;

	private final LocalMetricProjection gridPlane;

	private final double toleranceMeters;

	private final int size;

	private GridIndex(Collection<Area> cells, double toleranceMeters) {
		List<IndexedCell> cellsByCode = cells.stream()
			.sorted(Comparator.comparing(Area::code))
			.map(IndexedCell::new)
			.toList();
		for (IndexedCell cell : cellsByCode) {
			this.tree.insert(cell.area.boundary().getEnvelopeInternal(), cell);
		}
		this.tree.build();
		this.raster = new CellRaster(cellsByCode);
		Geometry allCells = Geometries.WGS84.buildGeometry(cells.stream().map(Area::boundary).toList());
		this.gridPlane = allCells.isEmpty() ? new LocalMetricProjection(0) : LocalMetricProjection.around(allCells);
		this.cellEdges = new IndexedFacetDistance(this.gridPlane.toMeters(allCells));
		this.toleranceMeters = toleranceMeters;
		this.size = cells.size();
	}

	/**
	 * Builds an index over the given cells.
	 * @param toleranceMeters how far outside every cell a point may lie and still match
	 * the nearest
	 */
	public static GridIndex of(Collection<Area> cells, double toleranceMeters) {
		return new GridIndex(cells, toleranceMeters);
	}

	public int size() {
		return this.size;
	}

	public double toleranceMeters() {
		return this.toleranceMeters;
	}

	/** Locates a WGS84 point; see the class description for the rules. */
	public Location locate(Point point) {
		IndexedCell covering = this.raster.locate(point.getCoordinate());
		if (covering != null) {
			return new Location(point, covering.area, MatchMethod.CONTAINS, 0);
		}
		return nearest(point);
	}

	private Location nearest(Point point) {
		if (this.size == 0) {
			return new Location(point, null, MatchMethod.UNMATCHED, 0);
		}
		// Most points in no cell are far from every cell: one indexed nearest-edge search
		// answers
		// them without looking at any cell in detail.
		Point pointInPlane = (Point) this.gridPlane.toMeters(point);
		Coordinate nearestEdgePoint = this.gridPlane
			.toDegrees(point.getFactory().createPoint(this.cellEdges.nearestPoints(pointInPlane)[0]))
			.getCoordinate();
		double edgeMeters = Spheroid.distanceMeters(point.getCoordinate(), nearestEdgePoint);
		// The grid's plane stretches a little away from its central latitude; leave room
		// for that.
		if (edgeMeters > this.toleranceMeters * 1.01) {
			return new Location(point, null, MatchMethod.UNMATCHED, edgeMeters);
		}
		LocalMetricProjection tangentPlane = new LocalMetricProjection(point.getY());
		Envelope search = point.getEnvelopeInternal();
		search.expandBy(tangentPlane.longitudeDegrees(this.toleranceMeters * 1.01),
				tangentPlane.latitudeDegrees(this.toleranceMeters * 1.01));
		IndexedCell nearest = null;
		double nearestMeters = Double.POSITIVE_INFINITY;
		for (Object item : this.tree.query(search)) {
			IndexedCell cell = (IndexedCell) item;
			double meters = geodesicDistance(point, cell, tangentPlane);
			if (meters < nearestMeters || (meters == nearestMeters && cell.isBefore(nearest))) {
				nearest = cell;
				nearestMeters = meters;
			}
		}
		if (nearest != null && nearestMeters <= this.toleranceMeters) {
			return new Location(point, nearest.area, MatchMethod.NEAREST, nearestMeters);
		}
		return new Location(point, null, MatchMethod.UNMATCHED, Math.min(nearestMeters, edgeMeters));
	}

	/**
	 * Metres on the spheroid from the point to the nearest point of the cell, found in a
	 * plane tangent at the point so that "nearest" is measured in metres, not in
	 * stretched degrees.
	 */
	private static double geodesicDistance(Point point, IndexedCell cell, LocalMetricProjection tangentPlane) {
		Geometry cellMeters = tangentPlane.toMeters(cell.area.boundary());
		Geometry pointMeters = tangentPlane.toMeters(point);
		Coordinate nearestMeters = DistanceOp.nearestPoints(cellMeters, pointMeters)[0];
		Coordinate nearest = tangentPlane.toDegrees(point.getFactory().createPoint(nearestMeters)).getCoordinate();
		return Spheroid.distanceMeters(point.getCoordinate(), nearest);
	}

	/** A cell with its point-in-polygon index. */
	static final class IndexedCell {

		private final Area area;

		private final IndexedPointInAreaLocator locator;

		IndexedCell(Area area) {
			this.area = area;
			this.locator = new IndexedPointInAreaLocator(area.boundary());
			// The locator builds its edge index on first use; build it now, while the
			// index is private
			// to one thread, so that concurrent readers only ever read it.
			this.locator.locate(area.centroid().getCoordinate());
		}

		Area area() {
			return this.area;
		}

		boolean covers(Coordinate coordinate) {
			return this.locator.locate(coordinate) != org.locationtech.jts.geom.Location.EXTERIOR;
		}

		boolean isBefore(IndexedCell other) {
			return other == null || this.area.code().compareTo(other.area.code()) < 0;
		}

	}

}
