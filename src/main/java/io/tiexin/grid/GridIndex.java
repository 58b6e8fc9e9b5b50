package io.tiexin.grid;

import java.util.Collection;

import io.tiexin.geo.LocalMetricProjection;
import io.tiexin.geo.Spheroid;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.ItemVisitor;
import org.locationtech.jts.index.strtree.GeometryItemDistance;
import org.locationtech.jts.index.strtree.ItemBoundable;
import org.locationtech.jts.index.strtree.ItemDistance;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.DistanceOp;

/**
 * Which grid cell a point falls in, answered in memory: an {@link STRtree} of
 * {@link PreparedGeometry} over the finest cells. Immutable once built, so a new index can be
 * swapped in while requests read the old one.
 * <p>
 * A point inside a cell or on its boundary matches it ({@link MatchMethod#CONTAINS}); where a
 * point lies on an edge or vertex shared by several cells, the cell with the lowest code wins,
 * every time. A point in no cell matches the nearest cell within the tolerance
 * ({@link MatchMethod#NEAREST}, ties again to the lowest code), with the distance in metres on the
 * WGS84 spheroid; beyond it the point is {@link MatchMethod#UNMATCHED}.
 */
public final class GridIndex {

	private static final ItemDistance DEGREE_DISTANCE = new GeometryItemDistance();

	private final STRtree tree = new STRtree();

	private final double toleranceMeters;

	private final int size;

	private GridIndex(Collection<Area> cells, double toleranceMeters) {
		for (Area cell : cells) {
			this.tree.insert(cell.boundary().getEnvelopeInternal(), new IndexedCell(cell));
		}
		this.tree.build();
		this.toleranceMeters = toleranceMeters;
		this.size = cells.size();
	}

	/**
	 * Builds an index over the given cells.
	 * @param toleranceMeters how far outside every cell a point may lie and still match the nearest
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
		CoveringCell covering = new CoveringCell(point);
		this.tree.query(point.getEnvelopeInternal(), covering);
		if (covering.best != null) {
			return new Location(point, covering.best.area, MatchMethod.CONTAINS, 0);
		}
		return nearest(point);
	}

	private Location nearest(Point point) {
		if (this.size == 0) {
			return new Location(point, null, MatchMethod.UNMATCHED, 0);
		}
		LocalMetricProjection metric = new LocalMetricProjection(point.getY());
		Envelope search = point.getEnvelopeInternal();
		// A little wider than the tolerance: the projection's scale is exact only at the point's latitude.
		search.expandBy(metric.longitudeDegrees(this.toleranceMeters * 1.01),
				metric.latitudeDegrees(this.toleranceMeters * 1.01));
		IndexedCell nearest = null;
		double nearestMeters = Double.POSITIVE_INFINITY;
		for (Object item : this.tree.query(search)) {
			IndexedCell cell = (IndexedCell) item;
			double meters = geodesicDistance(point, cell, metric);
			if (meters < nearestMeters || (meters == nearestMeters && cell.isBefore(nearest))) {
				nearest = cell;
				nearestMeters = meters;
			}
		}
		if (nearest != null && nearestMeters <= this.toleranceMeters) {
			return new Location(point, nearest.area, MatchMethod.NEAREST, nearestMeters);
		}
		IndexedCell closest = (IndexedCell) this.tree.nearestNeighbour(point.getEnvelopeInternal(),
				new PointItem(point), PointItem.DISTANCE);
		return new Location(point, null, MatchMethod.UNMATCHED, geodesicDistance(point, closest, metric));
	}

	/**
	 * Metres on the spheroid from the point to the nearest point of the cell, found in a plane
	 * tangent at the point so that "nearest" is measured in metres, not in stretched degrees.
	 */
	private static double geodesicDistance(Point point, IndexedCell cell, LocalMetricProjection metric) {
		Geometry cellMeters = metric.toMeters(cell.area.boundary());
		Geometry pointMeters = metric.toMeters(point);
		Coordinate nearestMeters = DistanceOp.nearestPoints(cellMeters, pointMeters)[0];
		Coordinate nearest = metric.toDegrees(point.getFactory().createPoint(nearestMeters)).getCoordinate();
		return Spheroid.distanceMeters(point.getCoordinate(), nearest);
	}

	private static final class IndexedCell {

		private final Area area;

		private final PreparedGeometry prepared;

		IndexedCell(Area area) {
			this.area = area;
			this.prepared = PreparedGeometryFactory.prepare(area.boundary());
		}

		boolean isBefore(IndexedCell other) {
			return other == null || this.area.code().compareTo(other.area.code()) < 0;
		}
	}

	/** Collects, during one tree query, the lowest-coded cell that covers the point. */
	private static final class CoveringCell implements ItemVisitor {

		private final Point point;

		private IndexedCell best;

		CoveringCell(Point point) {
			this.point = point;
		}

		@Override
		public void visitItem(Object item) {
			IndexedCell cell = (IndexedCell) item;
			if (cell.isBefore(this.best) && cell.prepared.covers(this.point)) {
				this.best = cell;
			}
		}
	}

	/** The query point as a tree item, so the tree's nearest-neighbour search can compare it to cells. */
	private record PointItem(Point point) {

		static final ItemDistance DISTANCE = (a, b) -> DEGREE_DISTANCE.distance(asGeometryItem(a), asGeometryItem(b));

		private static ItemBoundable asGeometryItem(ItemBoundable boundable) {
			Object item = boundable.getItem();
			Geometry geometry = (item instanceof IndexedCell cell) ? cell.area.boundary() : ((PointItem) item).point;
			return new ItemBoundable(boundable.getBounds(), geometry);
		}
	}

}
