package io.tiexin.demo;

import static io.tiexin.demo.DemoCountyGenerator.KM;
import static io.tiexin.demo.DemoCountyGenerator.LON_LAT;
import static io.tiexin.demo.DemoCountyGenerator.PIXEL_SIZE_M;
import static io.tiexin.demo.DemoCountyGenerator.PLANE;
import static io.tiexin.demo.DemoCountyGenerator.SEVEN_DECIMALS;
import static io.tiexin.demo.DemoCountyGenerator.SNAP_TOLERANCE_M;
import static io.tiexin.demo.DemoCountyGenerator.indexOfCountySeat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.tiexin.demo.CountyTerrain.Landscape;
import io.tiexin.demo.CountyTerrain.LocalPlane;
import io.tiexin.demo.CountyTerrain.Pixels;
import io.tiexin.demo.CountyTerrain.TownshipPartition;
import io.tiexin.demo.DemoCountyNames.Township;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.kdtree.KdNode;
import org.locationtech.jts.index.kdtree.KdTree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * The demo county's grid cells: their sites drawn from the landscape, Voronoi cells
 * clipped to the outline, snapped and rounded to 7 decimals, and the graph of cells
 * sharing an edge.
 */
final class GridCells {

	private GridCells() {
	}

	/**
	 * The point a grid cell grows from, in the plane, and the township whose region it
	 * was drawn in.
	 */
	record Site(Coordinate point, int township, boolean isSeat) {
	}

	/**
	 * Draws the cell sites: each township gets a quota of sites proportional to its
	 * integrated group density (上栗镇 exactly its 486), placed by dart throwing — accepted
	 * with probability proportional to the density and never closer to another site than
	 * half the local mean spacing, which keeps cells from turning into slivers.
	 */
	static List<Site> sampleSites(SplittableRandom random, Landscape landscape, TownshipPartition partition,
			Pixels pixels, Polygon county, List<Township> townships) {
		int n = townships.size();
		double[] densityMass = new double[n];
		double[] maxDensity = new double[n];
		Envelope[] extent = new Envelope[n];
		for (int t = 0; t < n; t++) {
			extent[t] = new Envelope();
		}
		for (int p = 0; p < pixels.size(); p++) {
			double x = pixels.x()[p];
			double y = pixels.y()[p];
			int t = partition.townshipAt(x, y);
			double density = landscape.groupDensity(x, y);
			densityMass[t] += density * pixels.pixelArea();
			maxDensity[t] = Math.max(maxDensity[t], density);
			extent[t].expandToInclude(x, y);
		}
		int countySeat = indexOfCountySeat(townships);
		double sitesPerDensityUnit = DemoCountyNames.COUNTY_SEAT_TOWNSHIP_CELLS / densityMass[countySeat];

		IndexedPointInAreaLocator inside = new IndexedPointInAreaLocator(county);
		KdTree placed = new KdTree();
		List<Site> sites = new ArrayList<>();
		for (int t = 0; t < n; t++) {
			int quota = t == countySeat ? DemoCountyNames.COUNTY_SEAT_TOWNSHIP_CELLS
					: (int) StrictMath.round(densityMass[t] * sitesPerDensityUnit);
			Coordinate seat = landscape.seats[t];
			sites.add(new Site(seat, t, true));
			placed.insert(seat);
			Envelope box = new Envelope(extent[t]);
			box.expandBy(PIXEL_SIZE_M);
			for (int placedHere = 1, attempts = 0; placedHere < quota; attempts++) {
				if (attempts > 5_000_000) {
					throw new IllegalStateException("cannot place sites in " + townships.get(t).name());
				}
				Coordinate candidate = new Coordinate(random.nextDouble(box.getMinX(), box.getMaxX()),
						random.nextDouble(box.getMinY(), box.getMaxY()));
				double density = landscape.groupDensity(candidate.x, candidate.y);
				double minSpacing = 0.5 / StrictMath.sqrt(density * sitesPerDensityUnit);
				if (partition.townshipAt(candidate.x, candidate.y) == t && inside.locate(candidate) == Location.INTERIOR
						&& random.nextDouble() * 1.25 * maxDensity[t] < density
						&& !hasPointWithin(placed, candidate, minSpacing)) {
					sites.add(new Site(candidate, t, false));
					placed.insert(candidate);
					placedHere++;
				}
			}
		}
		return sites;
	}

	private static boolean hasPointWithin(KdTree tree, Coordinate point, double distance) {
		Envelope box = new Envelope(point);
		box.expandBy(distance);
		for (Object node : tree.query(box)) {
			if (((KdNode) node).getCoordinate().distance(point) < distance) {
				return true;
			}
		}
		return false;
	}

	static Polygon[] voronoiCellsClippedTo(Polygon county, List<Site> sites) {
		Map<Coordinate, Integer> siteIndex = new HashMap<>();
		List<Coordinate> points = new ArrayList<>();
		for (int i = 0; i < sites.size(); i++) {
			siteIndex.put(sites.get(i).point(), i);
			points.add(sites.get(i).point());
		}
		VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
		builder.setSites(points);
		Envelope clip = new Envelope(county.getEnvelopeInternal());
		clip.expandBy(5 * KM);
		builder.setClipEnvelope(clip);
		Geometry diagram = builder.getDiagram(PLANE);

		PreparedGeometry preparedCounty = PreparedGeometryFactory.prepare(county);
		Polygon[] cells = new Polygon[sites.size()];
		for (int g = 0; g < diagram.getNumGeometries(); g++) {
			Polygon cell = (Polygon) diagram.getGeometryN(g);
			int site = siteIndex.get((Coordinate) cell.getUserData());
			Geometry clipped = preparedCounty.containsProperly(cell) ? cell
					: OverlayNGRobust.overlay(cell, county, OverlayNG.INTERSECTION);
			if (!(clipped instanceof Polygon polygon)) {
				throw new IllegalStateException("the county outline cuts cell " + site + " in pieces");
			}
			cells[site] = polygon;
		}
		return cells;
	}

	/**
	 * Where a Voronoi edge crosses the outline, each of its two cells got the crossing
	 * point from its own intersection, and the two may differ in the last bits; they
	 * become one vertex here. Voronoi edges shorter than the tolerance collapse too, so
	 * no cell keeps a centimetre-long edge that rounding could fold over.
	 */
	static Polygon[] snapNearlyEqualVertices(Polygon[] cells) {
		KdTree vertices = new KdTree(SNAP_TOLERANCE_M);
		Polygon[] snapped = new Polygon[cells.length];
		for (int i = 0; i < cells.length; i++) {
			Coordinate[] ring = cells[i].getExteriorRing().getCoordinates();
			for (int v = 0; v < ring.length; v++) {
				ring[v] = vertices.insert(ring[v]).getCoordinate().copy();
			}
			snapped[i] = PLANE.createPolygon(CoordinateArrays.removeRepeatedPoints(ring));
		}
		return snapped;
	}

	/**
	 * Rounds every vertex the same way wherever it occurs, so shared vertices stay
	 * shared.
	 */
	static Polygon[] toRoundedLonLat(Polygon[] cells, LocalPlane plane) {
		Polygon[] rounded = new Polygon[cells.length];
		for (int i = 0; i < cells.length; i++) {
			Coordinate[] ring = cells[i].getExteriorRing().getCoordinates();
			Coordinate[] lonLat = Arrays.stream(ring).map(plane::toLonLat).toArray(Coordinate[]::new);
			Geometry reduced = GeometryPrecisionReducer.reducePointwise(LON_LAT.createPolygon(lonLat), SEVEN_DECIMALS);
			if (!(reduced instanceof Polygon polygon) || polygon.isEmpty() || !polygon.isValid()) {
				throw new IllegalStateException("cell " + i + " does not survive rounding to 7 decimals");
			}
			rounded[i] = polygon;
		}
		return rounded;
	}

	/**
	 * Grid cells (lon/lat) and which of them share an edge — the graph villages and
	 * townships are grown on.
	 */
	static final class CellGraph {

		final Polygon[] cells;

		final Coordinate[] sites;

		final int[][] neighbours;

		final double[][] sharedLengthM;

		final boolean[] onCountyBorder;

		private CellGraph(Polygon[] cells, Coordinate[] sites, int[][] neighbours, double[][] sharedLengthM,
				boolean[] onCountyBorder) {
			this.cells = cells;
			this.sites = sites;
			this.neighbours = neighbours;
			this.sharedLengthM = sharedLengthM;
			this.onCountyBorder = onCountyBorder;
		}

		private record Edge(double x1, double y1, double x2, double y2) {
			static Edge between(Coordinate a, Coordinate b) {
				return a.compareTo(b) <= 0 ? new Edge(a.x, a.y, b.x, b.y) : new Edge(b.x, b.y, a.x, a.y);
			}
		}

		static CellGraph of(Polygon[] cells, List<Site> sites, LocalPlane plane) {
			int n = cells.length;
			Map<Edge, int[]> sidesOfEdge = new HashMap<>();
			for (int i = 0; i < n; i++) {
				Coordinate[] ring = cells[i].getExteriorRing().getCoordinates();
				for (int v = 0; v + 1 < ring.length; v++) {
					int[] sides = sidesOfEdge.computeIfAbsent(Edge.between(ring[v], ring[v + 1]),
							e -> new int[] { -1, -1 });
					if (sides[0] < 0) {
						sides[0] = i;
					}
					else if (sides[1] < 0) {
						sides[1] = i;
					}
					else {
						throw new IllegalStateException("three cells share one edge");
					}
				}
			}
			int[][] neighbours = new int[n][];
			double[][] shared = new double[n][];
			boolean[] onBorder = new boolean[n];
			for (int i = 0; i < n; i++) {
				TreeMap<Integer, Double> lengthByNeighbour = new TreeMap<>();
				Coordinate[] ring = cells[i].getExteriorRing().getCoordinates();
				for (int v = 0; v + 1 < ring.length; v++) {
					int[] sides = sidesOfEdge.get(Edge.between(ring[v], ring[v + 1]));
					int other = sides[0] == i ? sides[1] : sides[0];
					if (other < 0) {
						onBorder[i] = true;
					}
					else {
						lengthByNeighbour.merge(other, plane.metres(ring[v], ring[v + 1]), Double::sum);
					}
				}
				neighbours[i] = lengthByNeighbour.keySet().stream().mapToInt(Integer::intValue).toArray();
				shared[i] = lengthByNeighbour.values().stream().mapToDouble(Double::doubleValue).toArray();
			}
			Coordinate[] sitePoints = sites.stream().map(Site::point).toArray(Coordinate[]::new);
			return new CellGraph(cells, sitePoints, neighbours, shared, onBorder);
		}

		int size() {
			return cells.length;
		}

	}

}
