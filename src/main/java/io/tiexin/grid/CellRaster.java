package io.tiexin.grid;

import java.util.ArrayList;
import java.util.List;

import io.tiexin.grid.GridIndex.IndexedCell;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * A raster laid over the grid's extent that answers most lookups without a
 * point-in-polygon test: a bucket lying inside a single cell names that cell; a bucket
 * crossed by cell edges lists the few cells it touches, lowest code first, for the exact
 * test. About {@value #BUCKETS_PER_CELL} buckets per cell keep most buckets inside one
 * cell at any grid size.
 */
final class CellRaster {

	private static final int BUCKETS_PER_CELL = 48;

	private static final int MAX_BUCKETS = 1 << 22;

	/**
	 * Buckets are tested slightly enlarged, so a point on a bucket's edge is never missed
	 * by rounding.
	 */
	private static final double EPSILON_DEGREES = 1e-9;

	private static final IndexedCell[] NO_CELLS = {};

	private final Envelope extent;

	private final int columns;

	private final int rows;

	private final double bucketWidth;

	private final double bucketHeight;

	/**
	 * Per bucket: the one {@link IndexedCell} covering it, or the cells touching it (an
	 * array).
	 */
	private final Object[] buckets;

	CellRaster(List<IndexedCell> cellsByCode) {
		this.extent = new Envelope();
		cellsByCode.forEach(cell -> this.extent.expandToInclude(cell.area().boundary().getEnvelopeInternal()));
		int wanted = (int) Math.min(MAX_BUCKETS, Math.max(1L, (long) cellsByCode.size() * BUCKETS_PER_CELL));
		double aspect = this.extent.isNull() ? 1 : Math.max(this.extent.getWidth(), EPSILON_DEGREES)
				/ Math.max(this.extent.getHeight(), EPSILON_DEGREES);
		this.columns = Math.max(1, (int) Math.round(Math.sqrt(wanted * aspect)));
		this.rows = Math.max(1, wanted / this.columns);
		this.bucketWidth = this.extent.isNull() ? 1 : this.extent.getWidth() / this.columns;
		this.bucketHeight = this.extent.isNull() ? 1 : this.extent.getHeight() / this.rows;
		this.buckets = new Object[this.columns * this.rows];
		fill(cellsByCode);
	}

	/** The lowest-coded cell covering the coordinate, or {@code null} when none does. */
	IndexedCell locate(Coordinate coordinate) {
		if (!this.extent.contains(coordinate)) {
			return null;
		}
		int column = Math.min(this.columns - 1, (int) ((coordinate.x - this.extent.getMinX()) / this.bucketWidth));
		int row = Math.min(this.rows - 1, (int) ((coordinate.y - this.extent.getMinY()) / this.bucketHeight));
		Object bucket = this.buckets[row * this.columns + column];
		if (bucket instanceof IndexedCell whole) {
			return whole;
		}
		for (IndexedCell cell : (bucket != null) ? (IndexedCell[]) bucket : NO_CELLS) {
			if (cell.covers(coordinate)) {
				return cell;
			}
		}
		return null;
	}

	private void fill(List<IndexedCell> cellsByCode) {
		@SuppressWarnings("unchecked")
		List<IndexedCell>[] touching = new List[this.buckets.length];
		IndexedCell[] coveredBy = new IndexedCell[this.buckets.length];
		for (IndexedCell cell : cellsByCode) {
			Geometry boundary = cell.area().boundary();
			PreparedGeometry prepared = PreparedGeometryFactory.prepare(boundary);
			Envelope envelope = boundary.getEnvelopeInternal();
			for (int row = rowOf(envelope.getMinY()); row <= rowOf(envelope.getMaxY()); row++) {
				for (int column = columnOf(envelope.getMinX()); column <= columnOf(envelope.getMaxX()); column++) {
					Geometry bucket = boundary.getFactory().toGeometry(bucketEnvelope(column, row));
					if (prepared.intersects(bucket)) {
						int index = row * this.columns + column;
						if (touching[index] == null) {
							touching[index] = new ArrayList<>(2);
						}
						touching[index].add(cell);
						if (prepared.covers(bucket)) {
							coveredBy[index] = cell;
						}
					}
				}
			}
		}
		for (int i = 0; i < this.buckets.length; i++) {
			if (touching[i] == null) {
				continue;
			}
			boolean wholeInOneCell = touching[i].size() == 1 && coveredBy[i] == touching[i].get(0);
			this.buckets[i] = wholeInOneCell ? coveredBy[i] : touching[i].toArray(NO_CELLS);
		}
	}

	private Envelope bucketEnvelope(int column, int row) {
		double minX = this.extent.getMinX() + column * this.bucketWidth;
		double minY = this.extent.getMinY() + row * this.bucketHeight;
		Envelope envelope = new Envelope(minX, minX + this.bucketWidth, minY, minY + this.bucketHeight);
		envelope.expandBy(EPSILON_DEGREES);
		return envelope;
	}

	private int columnOf(double x) {
		return Math.max(0, Math.min(this.columns - 1, (int) ((x - this.extent.getMinX()) / this.bucketWidth)));
	}

	private int rowOf(double y) {
		return Math.max(0, Math.min(this.rows - 1, (int) ((y - this.extent.getMinY()) / this.bucketHeight)));
	}

}
