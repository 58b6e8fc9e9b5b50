package io.tiexin.demo;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.coverage.CoverageGapFinder;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.kdtree.KdNode;
import org.locationtech.jts.index.kdtree.KdTree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

import io.tiexin.demo.DemoCountyNames.Seat;
import io.tiexin.geo.LocalMetricProjection;
import io.tiexin.grid.AreaLevel;
import io.tiexin.demo.DemoCountyNames.Township;

/**
 * Generates the demo county's area hierarchy — 上栗县 (code 360322), its ten townships, 173
 * villages and residential communities, and their village groups (村民小组) as grid cells —
 * into one RFC 7946 GeoJSON FeatureCollection,
 * {@code gis-data/shangli-360322-areas.geojson}.
 *
 * <p>
 * Names and codes come from {@link DemoCountyNames}; all geometry is synthetic. The
 * county outline is a star-shaped polygon of 721 km² around 113.80°E 27.88°N. The grid
 * cells are a Voronoi diagram of seeded points, denser near township seats and in
 * valleys, clipped to the outline; villages are groups of neighbouring cells, townships
 * groups of villages, so every level tiles its parent exactly. All coordinates are
 * rounded to 7 decimals before any union, so each parent is the exact union of its
 * rounded children.
 *
 * <p>
 * Every random choice comes from one fixed seed and every floating-point function from
 * {@link StrictMath}: two runs, on any JVM, write byte-identical files.
 *
 * <p>
 * Usage: {@code DemoCountyGenerator [output path]}; prints a summary table per township.
 */
public final class DemoCountyGenerator {

	static final Path DEFAULT_OUTPUT = Path.of("gis-data", "shangli-360322-areas.geojson");

	/** Seed of every random choice; another seed gives another, equally valid, county. */
	private static final long SEED = 360_322L;

	private static final double KM = 1000;

	private static final int OUTLINE_VERTICES = 1440;

	/** Raster on which township boundaries are fitted to their target areas. */
	private static final double PIXEL_SIZE_M = 200;

	/**
	 * Vertices closer than this are one vertex: clipping computes a shared crossing point
	 * once per cell.
	 */
	private static final double SNAP_TOLERANCE_M = 0.05;

	private static final PrecisionModel SEVEN_DECIMALS = new PrecisionModel(1e7);

	/**
	 * About 1 m: a coverage gap narrower than this would be a rounding artefact rather
	 * than a design.
	 */
	private static final double GAP_WIDTH_DEGREES = 1e-5;

	private static final GeometryFactory PLANE = new GeometryFactory();

	private static final GeometryFactory LON_LAT = new GeometryFactory(new PrecisionModel(), 4326);

	/**
	 * One area of the hierarchy as written to the GeoJSON file; the boundary is lon/lat,
	 * WGS84.
	 */
	record AreaFeature(String code, String name, AreaLevel level, String parentCode, Polygon boundary) {
	}

	/**
	 * The generated hierarchy (county, townships, villages, grid cells, each by code) and
	 * 泉之源's point.
	 */
	record DemoCounty(List<AreaFeature> areas, Coordinate quanzhiyuan) {
	}

	private DemoCountyGenerator() {
	}

	public static void main(String[] args) throws IOException {
		Path output = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUTPUT;
		long started = System.nanoTime();
		DemoCounty county = generate();
		writeGeoJson(county.areas(), output);
		System.out.printf("Wrote %d areas to %s in %.1f s%n", county.areas().size(), output,
				(System.nanoTime() - started) / 1e9);
		System.out.printf("%s meet at [%s, %s]%n%n", String.join(", ", DemoCountyNames.QUANZHIYUAN_VILLAGES),
				decimal(county.quanzhiyuan().x), decimal(county.quanzhiyuan().y));
		System.out.print(summaryTable(county.areas()));
	}

	static DemoCounty generate() {
		LocalPlane plane = LocalPlane.at(DemoCountyNames.CENTRE_LON, DemoCountyNames.CENTRE_LAT);
		List<Township> townships = DemoCountyNames.TOWNSHIPS;
		StarOutline outline = StarOutline.random(random(1), DemoCountyNames.COUNTY_AREA_KM2 * KM * KM);
		Polygon countyInPlane = outline.polygon(OUTLINE_VERTICES);
		Pixels pixels = Pixels.covering(countyInPlane, PIXEL_SIZE_M);
		TownshipPartition partition = TownshipPartition.fit(random(3), seatsInPlane(townships, countyInPlane),
				townships, pixels);
		Coordinate[] seats = partition.seatsInsideTheirTownships(pixels);
		Landscape landscape = Landscape.random(random(2), outline, townships, seats);
		List<Site> sites = sampleSites(random(4), landscape, partition, pixels, countyInPlane, townships);

		Polygon[] cellsInPlane = snapNearlyEqualVertices(voronoiCellsClippedTo(countyInPlane, sites));
		CellGraph graph = CellGraph.of(toRoundedLonLat(cellsInPlane, plane), sites, plane);
		int[] townshipOfCell = assignTownships(graph, sites, townships);

		SyntheticNames syntheticNames = new SyntheticNames(townships);
		SplittableRandom villageRandom = random(5);
		List<Village> villages = new ArrayList<>();
		Coordinate quanzhiyuan = null;
		for (int t = 0; t < townships.size(); t++) {
			Township township = townships.get(t);
			int[] cells = cellsLabelled(townshipOfCell, t);
			VillageLayout layout = VillageLayout.cluster(graph, cells, seats[t], township, villageRandom);
			VillageNaming naming = new VillageNaming(graph, landscape, plane, township, seats[t], layout,
					syntheticNames.take(township.villageCount() - township.villages().size()));
			villages.addAll(naming.villages());
			if (naming.quanzhiyuan() != null) {
				quanzhiyuan = naming.quanzhiyuan();
			}
		}
		if (quanzhiyuan == null) {
			throw new IllegalStateException("no point where " + DemoCountyNames.QUANZHIYUAN_VILLAGES + " meet");
		}
		return new DemoCounty(assembleHierarchy(graph, townships, villages), quanzhiyuan);
	}

	/**
	 * Independent random streams per stage, so changing one stage leaves the others'
	 * choices as they were.
	 */
	private static SplittableRandom random(int stage) {
		return new SplittableRandom(SEED * 1_000 + stage);
	}

	// ---------------------------------------------------------------------------------------------------------
	// The plane, the county outline and the landscape

	/**
	 * An equirectangular plane in metres, true to scale at the county centre; over the
	 * county's ±0.2° its scale error stays below 0.2 %, so cells drawn in it are not
	 * stretched.
	 */
	record LocalPlane(double lon0, double lat0, double metresPerDegreeLon, double metresPerDegreeLat) {

		static LocalPlane at(double lon0, double lat0) {
			LocalMetricProjection projection = new LocalMetricProjection(lat0);
			return new LocalPlane(lon0, lat0, projection.metersPerDegreeLon(), projection.metersPerDegreeLat());
		}

		Coordinate toLonLat(Coordinate metres) {
			return new Coordinate(lon0 + metres.x / metresPerDegreeLon, lat0 + metres.y / metresPerDegreeLat);
		}

		Coordinate toPlane(Coordinate lonLat) {
			return new Coordinate((lonLat.x - lon0) * metresPerDegreeLon, (lonLat.y - lat0) * metresPerDegreeLat);
		}

		double metres(Coordinate lonLatA, Coordinate lonLatB) {
			double dx = (lonLatA.x - lonLatB.x) * metresPerDegreeLon;
			double dy = (lonLatA.y - lonLatB.y) * metresPerDegreeLat;
			return StrictMath.sqrt(dx * dx + dy * dy);
		}
	}

	/**
	 * A star-shaped outline r(θ) = s·exp(Σ a_k cos(kθ − φ_k)): elongated north–south,
	 * with bays and bulges that get smaller as the harmonic k grows, like a boundary that
	 * follows ridges.
	 */
	static final class StarOutline {

		private static final int HARMONICS = 120;

		private final double scale;

		private final double[] amplitude;

		private final double[] phase;

		private StarOutline(double scale, double[] amplitude, double[] phase) {
			this.scale = scale;
			this.amplitude = amplitude;
			this.phase = phase;
		}

		static StarOutline random(SplittableRandom random, double areaM2) {
			double[] amplitude = new double[HARMONICS + 1];
			double[] phase = new double[HARMONICS + 1];
			amplitude[1] = 0.04;
			phase[1] = random.nextDouble(2 * StrictMath.PI);
			amplitude[2] = 0.2;
			phase[2] = StrictMath.PI;
			for (int k = 3; k <= HARMONICS; k++) {
				amplitude[k] = 0.3 * StrictMath.pow(k, -1.3) * (0.5 + 0.5 * random.nextDouble());
				phase[k] = random.nextDouble(2 * StrictMath.PI);
			}
			double unitArea = new StarOutline(1, amplitude, phase).polygon(OUTLINE_VERTICES).getArea();
			return new StarOutline(StrictMath.sqrt(areaM2 / unitArea), amplitude, phase);
		}

		double radius(double theta) {
			double exponent = 0;
			for (int k = 1; k <= HARMONICS; k++) {
				exponent += amplitude[k] * StrictMath.cos(k * theta - phase[k]);
			}
			return scale * StrictMath.exp(exponent);
		}

		/** Relative distance from the centre: 0 there, 1 on the outline. */
		double relativeRadius(double x, double y) {
			return StrictMath.sqrt(x * x + y * y) / radius(StrictMath.atan2(y, x));
		}

		/**
		 * Counter-clockwise; simple because every ray from the centre crosses it once.
		 */
		Polygon polygon(int vertexCount) {
			Coordinate[] ring = new Coordinate[vertexCount + 1];
			for (int i = 0; i < vertexCount; i++) {
				double theta = 2 * StrictMath.PI * i / vertexCount;
				double r = radius(theta);
				ring[i] = new Coordinate(r * StrictMath.cos(theta), r * StrictMath.sin(theta));
			}
			ring[vertexCount] = ring[0].copy();
			return PLANE.createPolygon(ring);
		}

	}

	/**
	 * Terrain and settlement: a height field in [0, 1] (hills, a river valley through the
	 * county seat, ridges along the county border) and from it how densely village groups
	 * lie — many small ones near the seats and along the valley, few large ones in the
	 * hills.
	 */
	static final class Landscape {

		private static final int HILLS = 16;

		private static final double RIVER_VALLEY_WIDTH_M = 900;

		private final StarOutline outline;

		private final Coordinate[] seats;

		private final Seat[] seatKinds;

		private final double[] hillX;

		private final double[] hillY;

		private final double[] hillSigma;

		private final double[] hillHeight;

		private final Coordinate riverOrigin;

		private final double riverPhase;

		private Landscape(StarOutline outline, Coordinate[] seats, Seat[] seatKinds, double[] hillX, double[] hillY,
				double[] hillSigma, double[] hillHeight, Coordinate riverOrigin, double riverPhase) {
			this.outline = outline;
			this.seats = seats;
			this.seatKinds = seatKinds;
			this.hillX = hillX;
			this.hillY = hillY;
			this.hillSigma = hillSigma;
			this.hillHeight = hillHeight;
			this.riverOrigin = riverOrigin;
			this.riverPhase = riverPhase;
		}

		static Landscape random(SplittableRandom random, StarOutline outline, List<Township> townships,
				Coordinate[] seats) {
			double[] hillX = new double[HILLS];
			double[] hillY = new double[HILLS];
			double[] hillSigma = new double[HILLS];
			double[] hillHeight = new double[HILLS];
			for (int i = 0; i < HILLS; i++) {
				hillX[i] = random.nextDouble(-14 * KM, 14 * KM);
				hillY[i] = random.nextDouble(-19 * KM, 19 * KM);
				hillSigma[i] = random.nextDouble(1.5 * KM, 4 * KM);
				hillHeight[i] = random.nextDouble(0.5, 1.2);
			}
			Seat[] seatKinds = townships.stream().map(Township::seat).toArray(Seat[]::new);
			int countySeat = indexOfCountySeat(townships);
			return new Landscape(outline, seats, seatKinds, hillX, hillY, hillSigma, hillHeight, seats[countySeat],
					random.nextDouble(2 * StrictMath.PI));
		}

		double height(double x, double y) {
			double hills = 0;
			for (int i = 0; i < HILLS; i++) {
				hills += hillHeight[i] * gaussian(x - hillX[i], y - hillY[i], hillSigma[i]);
			}
			double upland = 1 - StrictMath.exp(-hills);
			double borderRidge = smoothStep(0.7, 1.0, outline.relativeRadius(x, y));
			double valley = StrictMath.exp(-square(x - riverX(y)) / (2 * square(RIVER_VALLEY_WIDTH_M)));
			return clamp(0.15 + 0.7 * upland + 0.35 * borderRidge - 0.5 * valley, 0, 1);
		}

		/**
		 * The river meanders north–south through the county seat, as rivers run through
		 * county towns.
		 */
		private double riverX(double y) {
			double dy = y - riverOrigin.y;
			return riverOrigin.x + 1.5 * KM * (StrictMath.sin(dy / (5 * KM) + riverPhase) - StrictMath.sin(riverPhase));
		}

		/**
		 * Relative density of village groups (per m², up to a constant). The county town
		 * peaks like a market town but spreads wider.
		 */
		double groupDensity(double x, double y) {
			double urban = 1;
			for (int t = 0; t < seats.length; t++) {
				double boost = switch (seatKinds[t]) {
					case COUNTY_SEAT -> 1.5;
					case TOWN -> 1.5;
					case RURAL -> 1.0;
				};
				double sigma = switch (seatKinds[t]) {
					case COUNTY_SEAT -> 1.8 * KM;
					case TOWN -> 1.2 * KM;
					case RURAL -> 0.9 * KM;
				};
				urban += boost * gaussian(x - seats[t].x, y - seats[t].y, sigma);
			}
			return StrictMath.exp(-1.2 * height(x, y)) * urban;
		}

	}

	private static Coordinate[] seatsInPlane(List<Township> townships, Polygon county) {
		Coordinate[] seats = new Coordinate[townships.size()];
		for (int t = 0; t < seats.length; t++) {
			seats[t] = new Coordinate(townships.get(t).seatEastKm() * KM, townships.get(t).seatNorthKm() * KM);
			if (!county.contains(PLANE.createPoint(seats[t]))) {
				throw new IllegalStateException("seat of " + townships.get(t).name() + " lies outside the county");
			}
		}
		return seats;
	}

	private static int indexOfCountySeat(List<Township> townships) {
		for (int t = 0; t < townships.size(); t++) {
			if (townships.get(t).code().equals(DemoCountyNames.COUNTY_SEAT_TOWNSHIP)) {
				return t;
			}
		}
		throw new IllegalStateException("no township " + DemoCountyNames.COUNTY_SEAT_TOWNSHIP);
	}

	// ---------------------------------------------------------------------------------------------------------
	// Townships as regions of the plane, and the sites of the grid cells

	/**
	 * Centres of a square raster clipped to the county; each pixel stands for its whole
	 * area.
	 */
	record Pixels(double[] x, double[] y, double pixelArea) {

		static Pixels covering(Polygon county, double size) {
			IndexedPointInAreaLocator inside = new IndexedPointInAreaLocator(county);
			Envelope envelope = county.getEnvelopeInternal();
			List<Coordinate> centres = new ArrayList<>();
			for (double y = envelope.getMinY() + size / 2; y < envelope.getMaxY(); y += size) {
				for (double x = envelope.getMinX() + size / 2; x < envelope.getMaxX(); x += size) {
					Coordinate centre = new Coordinate(x, y);
					if (inside.locate(centre) == Location.INTERIOR) {
						centres.add(centre);
					}
				}
			}
			return new Pixels(centres.stream().mapToDouble(c -> c.x).toArray(),
					centres.stream().mapToDouble(c -> c.y).toArray(), size * size);
		}

		int size() {
			return x.length;
		}
	}

	/**
	 * Townships as a power diagram of their seats — a point belongs to the seat with the
	 * least {@code distance² − weight} — with weights fitted so each township gets its
	 * target area, plus smooth per-township waves so boundaries wander like ridges
	 * instead of running straight.
	 */
	static final class TownshipPartition {

		private static final int WAVES = 3;

		private static final double WAVE_AMPLITUDE_M2 = 1.2e7;

		private static final int FITTING_ROUNDS = 200;

		private final Coordinate[] seats;

		private final double[] weight;

		private final double[][] waveKx;

		private final double[][] waveKy;

		private final double[][] wavePhase;

		private TownshipPartition(Coordinate[] seats, double[][] waveKx, double[][] waveKy, double[][] wavePhase) {
			this.seats = seats;
			this.weight = new double[seats.length];
			this.waveKx = waveKx;
			this.waveKy = waveKy;
			this.wavePhase = wavePhase;
		}

		static TownshipPartition fit(SplittableRandom random, Coordinate[] seats, List<Township> townships,
				Pixels pixels) {
			int n = seats.length;
			double[][] kx = new double[n][WAVES];
			double[][] ky = new double[n][WAVES];
			double[][] phase = new double[n][WAVES];
			for (int t = 0; t < n; t++) {
				for (int w = 0; w < WAVES; w++) {
					double wavelength = random.nextDouble(4 * KM, 9 * KM);
					double direction = random.nextDouble(StrictMath.PI);
					kx[t][w] = 2 * StrictMath.PI / wavelength * StrictMath.cos(direction);
					ky[t][w] = 2 * StrictMath.PI / wavelength * StrictMath.sin(direction);
					phase[t][w] = random.nextDouble(2 * StrictMath.PI);
				}
			}
			TownshipPartition partition = new TownshipPartition(seats, kx, ky, phase);
			partition.fitWeights(targetAreas(townships, pixels), pixels);
			return partition;
		}

		/**
		 * Raises the weight of townships short of their area and lowers it for those over
		 * it.
		 */
		private void fitWeights(double[] targetArea, Pixels pixels) {
			double[][] baseCost = new double[seats.length][pixels.size()];
			for (int t = 0; t < seats.length; t++) {
				for (int p = 0; p < pixels.size(); p++) {
					baseCost[t][p] = cost(t, pixels.x()[p], pixels.y()[p]) + weight[t];
				}
			}
			for (int round = 0; round < FITTING_ROUNDS; round++) {
				double[] area = new double[seats.length];
				for (int p = 0; p < pixels.size(); p++) {
					area[cheapest(baseCost, p)] += pixels.pixelArea();
				}
				for (int t = 0; t < seats.length; t++) {
					weight[t] += 0.4 * (targetArea[t] - area[t]);
				}
			}
		}

		private int cheapest(double[][] baseCost, int pixel) {
			int best = 0;
			for (int t = 1; t < seats.length; t++) {
				if (baseCost[t][pixel] - weight[t] < baseCost[best][pixel] - weight[best]) {
					best = t;
				}
			}
			return best;
		}

		private static double[] targetAreas(List<Township> townships, Pixels pixels) {
			double total = townships.stream().mapToDouble(Township::areaKm2).sum();
			double rasterArea = pixels.size() * pixels.pixelArea();
			return townships.stream().mapToDouble(t -> t.areaKm2() / total * rasterArea).toArray();
		}

		double cost(int t, double x, double y) {
			double waves = 0;
			for (int w = 0; w < WAVES; w++) {
				waves += StrictMath.sin(waveKx[t][w] * x + waveKy[t][w] * y + wavePhase[t][w]);
			}
			return square(x - seats[t].x) + square(y - seats[t].y) - weight[t] + WAVE_AMPLITUDE_M2 * waves / WAVES;
		}

		/**
		 * The seats as given, except where a small township's fitted region has drifted
		 * off its own seat: there the seat moves to the nearest pixel of the township.
		 */
		Coordinate[] seatsInsideTheirTownships(Pixels pixels) {
			Coordinate[] inside = new Coordinate[seats.length];
			for (int t = 0; t < seats.length; t++) {
				inside[t] = seats[t];
				if (townshipAt(seats[t].x, seats[t].y) == t) {
					continue;
				}
				double nearest = Double.MAX_VALUE;
				for (int p = 0; p < pixels.size(); p++) {
					Coordinate pixel = new Coordinate(pixels.x()[p], pixels.y()[p]);
					if (pixel.distance(seats[t]) < nearest && townshipAt(pixel.x, pixel.y) == t) {
						nearest = pixel.distance(seats[t]);
						inside[t] = pixel;
					}
				}
			}
			return inside;
		}

		int townshipAt(double x, double y) {
			int best = 0;
			double bestCost = cost(0, x, y);
			for (int t = 1; t < seats.length; t++) {
				double c = cost(t, x, y);
				if (c < bestCost) {
					best = t;
					bestCost = c;
				}
			}
			return best;
		}

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
	private static List<Site> sampleSites(SplittableRandom random, Landscape landscape, TownshipPartition partition,
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

	// ---------------------------------------------------------------------------------------------------------
	// Grid cells: Voronoi cells of the sites, clipped, snapped, rounded

	private static Polygon[] voronoiCellsClippedTo(Polygon county, List<Site> sites) {
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
	private static Polygon[] snapNearlyEqualVertices(Polygon[] cells) {
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
	private static Polygon[] toRoundedLonLat(Polygon[] cells, LocalPlane plane) {
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

	// ---------------------------------------------------------------------------------------------------------
	// Grouping cells: townships, then villages

	/**
	 * Labels of the cells of a domain (the county, or one township), kept the shape a
	 * surveyed boundary has: every label one edge-connected piece that encloses no other
	 * label. Cells that touch only at a corner are not connected, so a label's union is
	 * always a single polygon without holes.
	 */
	static final class Regions {

		private final CellGraph graph;

		private final int[] domain;

		private final boolean[] inDomain;

		private final boolean[] touchesOutside;

		private final boolean[] pinned;

		private final int[] label;

		/**
		 * @param label indexed by cell; changed in place
		 * @param pinned cells that corridors and boundary moves leave where they are
		 * (seats, village centres)
		 */
		Regions(CellGraph graph, int[] domain, int[] label, boolean[] pinned) {
			this.graph = graph;
			this.domain = domain;
			this.label = label;
			this.pinned = pinned;
			this.inDomain = new boolean[graph.size()];
			for (int c : domain) {
				inDomain[c] = true;
			}
			this.touchesOutside = new boolean[graph.size()];
			for (int c : domain) {
				touchesOutside[c] = graph.onCountyBorder[c]
						|| Arrays.stream(graph.neighbours[c]).anyMatch(neighbour -> !inDomain[neighbour]);
			}
		}

		void makeSimple() {
			for (int round = 0; fixOneFragmentedLabel() || fixOneEnclave(); round++) {
				if (round > 10_000) {
					throw new IllegalStateException("regions do not settle");
				}
			}
		}

		boolean isSimple() {
			for (int l : labels()) {
				if (components(l).size() > 1 || firstEnclosedBy(l, outsideReach(l)) >= 0) {
					return false;
				}
			}
			return true;
		}

		int count(int l) {
			return (int) Arrays.stream(domain).filter(c -> label[c] == l).count();
		}

		/**
		 * Moves single cells across the boundary of label {@code l} until it has
		 * {@code target} cells, taking first the cells that stick out most, so the
		 * boundary gets smoother rather than more ragged.
		 */
		void moveBoundaryCellsUntil(int l, int target) {
			while (count(l) != target) {
				boolean grow = count(l) < target;
				boolean moved = false;
				for (int c : boundaryCellsByProtrusion(l, grow)) {
					int old = label[c];
					label[c] = grow ? l : strongestNeighbour(List.of(c), l);
					if (isSimple()) {
						moved = true;
						break;
					}
					label[c] = old;
				}
				if (!moved) {
					throw new IllegalStateException("cannot move a cell " + (grow ? "into" : "out of") + " " + l);
				}
			}
		}

		/**
		 * Handing one cell to a neighbouring label; {@code excessGap} is how much fuller
		 * its label is.
		 */
		private record Move(int cell, int to, int excessGap, double protrusion) {
		}

		/**
		 * Moves boundary cells from labels above their target count to neighbouring
		 * labels below theirs, one at a time, each move lowering Σ (count − target)² and
		 * keeping both labels whole and enclosing nothing. Chains of moves let a surplus
		 * flow through labels that are on target.
		 */
		void balanceTowards(int[] target) {
			int[] count = new int[target.length];
			for (int c : domain) {
				count[label[c]]++;
			}
			boolean moved = true;
			while (moved) {
				moved = false;
				for (Move move : movesTowardsTarget(count, target)) {
					int from = label[move.cell()];
					if (tryToMove(move.cell(), move.to())) {
						count[from]--;
						count[move.to()]++;
						moved = true;
						break;
					}
				}
			}
		}

		private List<Move> movesTowardsTarget(int[] count, int[] target) {
			List<Move> moves = new ArrayList<>();
			for (int c : domain) {
				int from = label[c];
				if (pinned[c] || count[from] < 2) {
					continue;
				}
				TreeMap<Integer, Double> sharedByLabel = new TreeMap<>();
				double perimeter = 0;
				for (int j = 0; j < graph.neighbours[c].length; j++) {
					int n = graph.neighbours[c][j];
					perimeter += graph.sharedLengthM[c][j];
					if (inDomain[n] && label[n] != from) {
						sharedByLabel.merge(label[n], graph.sharedLengthM[c][j], Double::sum);
					}
				}
				for (Map.Entry<Integer, Double> entry : sharedByLabel.entrySet()) {
					int to = entry.getKey();
					int gap = (count[from] - target[from]) - (count[to] - target[to]);
					if (gap >= 2) {
						moves.add(new Move(c, to, gap, entry.getValue() / perimeter));
					}
				}
			}
			moves.sort(Comparator.comparingInt((Move m) -> -m.excessGap())
				.thenComparingDouble(m -> -m.protrusion())
				.thenComparingInt(Move::cell)
				.thenComparingInt(Move::to));
			return moves;
		}

		/**
		 * Moves the cell unless that splits its old label or lets the new one enclose
		 * another.
		 */
		private boolean tryToMove(int cell, int to) {
			int from = label[cell];
			label[cell] = to;
			if (components(from).size() == 1 && firstEnclosedBy(to, outsideReach(to)) < 0) {
				return true;
			}
			label[cell] = from;
			return false;
		}

		private List<Integer> boundaryCellsByProtrusion(int l, boolean grow) {
			List<Integer> candidates = new ArrayList<>();
			Map<Integer, Double> protrusion = new HashMap<>();
			for (int c : domain) {
				if (pinned[c] || (label[c] == l) == grow) {
					continue;
				}
				double towardsOtherSide = 0;
				double perimeter = 0;
				for (int j = 0; j < graph.neighbours[c].length; j++) {
					int n = graph.neighbours[c][j];
					perimeter += graph.sharedLengthM[c][j];
					if (inDomain[n] && (label[n] == l) == grow) {
						towardsOtherSide += graph.sharedLengthM[c][j];
					}
				}
				if (towardsOtherSide > 0) {
					candidates.add(c);
					protrusion.put(c, towardsOtherSide / perimeter);
				}
			}
			candidates.sort(Comparator.comparingDouble((Integer c) -> -protrusion.get(c)).thenComparing(c -> c));
			return candidates;
		}

		private int[] labels() {
			return Arrays.stream(domain).map(c -> label[c]).distinct().sorted().toArray();
		}

		/** Edge-connected pieces of label l, each listed from its lowest cell. */
		private List<List<Integer>> components(int l) {
			boolean[] seen = new boolean[graph.size()];
			List<List<Integer>> pieces = new ArrayList<>();
			for (int start : domain) {
				if (label[start] != l || seen[start]) {
					continue;
				}
				List<Integer> piece = new ArrayList<>();
				ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
				seen[start] = true;
				while (!queue.isEmpty()) {
					int c = queue.poll();
					piece.add(c);
					for (int n : graph.neighbours[c]) {
						if (inDomain[n] && label[n] == l && !seen[n]) {
							seen[n] = true;
							queue.add(n);
						}
					}
				}
				pieces.add(piece);
			}
			return pieces;
		}

		/**
		 * Keeps the largest piece; the others join the neighbour they share the longest
		 * boundary with.
		 */
		private boolean fixOneFragmentedLabel() {
			for (int l : labels()) {
				List<List<Integer>> pieces = components(l);
				if (pieces.size() < 2) {
					continue;
				}
				List<Integer> kept = pieces.stream().max(Comparator.comparingInt(List::size)).orElseThrow();
				for (List<Integer> piece : pieces) {
					if (piece != kept) {
						int newLabel = strongestNeighbour(piece, l);
						piece.forEach(c -> label[c] = newLabel);
					}
				}
				return true;
			}
			return false;
		}

		/**
		 * The label other than {@code excluded} sharing the longest boundary with the
		 * cells.
		 */
		private int strongestNeighbour(List<Integer> cells, int excluded) {
			Set<Integer> own = new HashSet<>(cells);
			TreeMap<Integer, Double> sharedByLabel = new TreeMap<>();
			for (int c : cells) {
				for (int j = 0; j < graph.neighbours[c].length; j++) {
					int n = graph.neighbours[c][j];
					if (inDomain[n] && !own.contains(n) && label[n] != excluded) {
						sharedByLabel.merge(label[n], graph.sharedLengthM[c][j], Double::sum);
					}
				}
			}
			int best = -1;
			double bestLength = 0;
			for (Map.Entry<Integer, Double> entry : sharedByLabel.entrySet()) {
				if (entry.getValue() > bestLength) {
					best = entry.getKey();
					bestLength = entry.getValue();
				}
			}
			if (best < 0) {
				throw new IllegalStateException("cells " + cells + " have no neighbour to join");
			}
			return best;
		}

		/**
		 * Cells not labelled l that can reach the domain's outside without crossing l.
		 */
		private boolean[] outsideReach(int l) {
			boolean[] reached = new boolean[graph.size()];
			ArrayDeque<Integer> queue = new ArrayDeque<>();
			for (int c : domain) {
				if (label[c] != l && touchesOutside[c]) {
					reached[c] = true;
					queue.add(c);
				}
			}
			while (!queue.isEmpty()) {
				int c = queue.poll();
				for (int n : graph.neighbours[c]) {
					if (inDomain[n] && label[n] != l && !reached[n]) {
						reached[n] = true;
						queue.add(n);
					}
				}
			}
			return reached;
		}

		private int firstEnclosedBy(int l, boolean[] reached) {
			for (int c : domain) {
				if (label[c] != l && !reached[c]) {
					return c;
				}
			}
			return -1;
		}

		private boolean fixOneEnclave() {
			for (int l : labels()) {
				boolean[] reached = outsideReach(l);
				int enclosed = firstEnclosedBy(l, reached);
				if (enclosed >= 0) {
					carveCorridor(l, enclosed, reached);
					return true;
				}
			}
			return false;
		}

		/**
		 * Gives an enclave a way out: the shortest run of l's cells from the enclave to
		 * cells that reach the outside changes to the enclave's label. Cutting a ring
		 * once leaves it one piece.
		 */
		private void carveCorridor(int l, int enclosedCell, boolean[] reached) {
			int[] previous = new int[graph.size()];
			Arrays.fill(previous, -2);
			ArrayDeque<Integer> queue = new ArrayDeque<>();
			for (int c : enclave(l, enclosedCell, reached)) {
				previous[c] = -1;
				queue.add(c);
			}
			while (!queue.isEmpty()) {
				int c = queue.poll();
				if (label[c] == l && opensToOutside(c, l, reached)) {
					for (int step = c; label[step] == l; step = previous[step]) {
						label[step] = label[enclosedCell];
					}
					return;
				}
				for (int n : graph.neighbours[c]) {
					if (inDomain[n] && label[n] == l && !pinned[n] && previous[n] == -2) {
						previous[n] = c;
						queue.add(n);
					}
				}
			}
			throw new IllegalStateException("no corridor out of the enclave at cell " + enclosedCell);
		}

		private List<Integer> enclave(int l, int start, boolean[] reached) {
			List<Integer> cells = new ArrayList<>();
			boolean[] seen = new boolean[graph.size()];
			ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
			seen[start] = true;
			while (!queue.isEmpty()) {
				int c = queue.poll();
				cells.add(c);
				for (int n : graph.neighbours[c]) {
					if (inDomain[n] && label[n] != l && !reached[n] && !seen[n]) {
						seen[n] = true;
						queue.add(n);
					}
				}
			}
			return cells;
		}

		private boolean opensToOutside(int c, int l, boolean[] reached) {
			if (touchesOutside[c]) {
				return true;
			}
			for (int n : graph.neighbours[c]) {
				if (inDomain[n] && label[n] != l && reached[n]) {
					return true;
				}
			}
			return false;
		}

	}

	/**
	 * Each cell goes to the township its site was drawn for; stray pieces and enclaves
	 * are then repaired and 上栗镇 brought back to exactly its 486 cells.
	 */
	private static int[] assignTownships(CellGraph graph, List<Site> sites, List<Township> townships) {
		int[] label = sites.stream().mapToInt(Site::township).toArray();
		boolean[] pinned = new boolean[sites.size()];
		for (int i = 0; i < sites.size(); i++) {
			pinned[i] = sites.get(i).isSeat();
		}
		int[] everyCell = new int[graph.size()];
		Arrays.setAll(everyCell, i -> i);
		Regions regions = new Regions(graph, everyCell, label, pinned);
		regions.makeSimple();
		regions.moveBoundaryCellsUntil(indexOfCountySeat(townships), DemoCountyNames.COUNTY_SEAT_TOWNSHIP_CELLS);
		for (int i = 0; i < sites.size(); i++) {
			if (sites.get(i).isSeat() && label[i] != sites.get(i).township()) {
				throw new IllegalStateException(
						"the seat of " + townships.get(sites.get(i).township()).name() + " ended up outside it");
			}
		}
		return label;
	}

	private static int[] cellsLabelled(int[] labelOfCell, int label) {
		return IntStream.range(0, labelOfCell.length).filter(c -> labelOfCell[c] == label).toArray();
	}

	/**
	 * The villages of one township as clusters of its cells: communities first (small,
	 * around the seat), then village committees. Each cluster aims at a number of groups
	 * — 4 to 8 for a community, the township's mean ±45 % for a village. Centres come
	 * from k-means over the cell sites (so more villages where groups are dense); then
	 * all clusters grow at once from their centre cell over shared edges, nearest cells
	 * first, each until it has its groups — so every village is one connected piece from
	 * the start.
	 */
	static final class VillageLayout {

		private static final int K_MEANS_ROUNDS = 40;

		final int[] cells;

		final int communityCount;

		final int clusterCount;

		final int[] clusterOfCell;

		private VillageLayout(int[] cells, int communityCount, int clusterCount, int[] clusterOfCell) {
			this.cells = cells;
			this.communityCount = communityCount;
			this.clusterCount = clusterCount;
			this.clusterOfCell = clusterOfCell;
		}

		static VillageLayout cluster(CellGraph graph, int[] cells, Coordinate seat, Township township,
				SplittableRandom random) {
			int communities = township.communities().size();
			int clusters = communities + township.villageCount();
			int[] target = targetGroupCounts(random, cells.length, communities, township.villageCount());
			Coordinate[] centre = new Coordinate[clusters];
			placeCommunityCentresAroundTheSeat(seat, communities, centre);
			placeVillageCentresFarthestFirst(graph, cells, seat, communities, centre);
			moveVillageCentresByKMeans(graph, cells, communities, centre);
			int[] centreCell = nearestDistinctCells(graph, cells, centre);
			int[] clusterOfCell = growFromCentres(graph, cells, centre, centreCell, target);

			boolean[] pinned = new boolean[graph.size()];
			for (int c : centreCell) {
				pinned[c] = true;
			}
			Regions regions = new Regions(graph, cells, clusterOfCell, pinned);
			regions.makeSimple();
			regions.balanceTowards(target);
			for (int k = 0; k < clusters; k++) {
				if (regions.count(k) == 0) {
					throw new IllegalStateException(township.name() + " lost village " + k);
				}
			}
			return new VillageLayout(cells, communities, clusters, clusterOfCell);
		}

		private static int[] targetGroupCounts(SplittableRandom random, int cellCount, int communities, int villages) {
			int[] target = new int[communities + villages];
			int left = cellCount;
			for (int k = 0; k < communities; k++) {
				target[k] = 4 + random.nextInt(5);
				left -= target[k];
			}
			double[] share = new double[villages];
			for (int v = 0; v < villages; v++) {
				share[v] = 0.55 + 0.9 * random.nextDouble();
			}
			int[] counts = largestRemainder(share, left);
			System.arraycopy(counts, 0, target, communities, villages);
			return target;
		}

		/** The first community sits on the seat, the others on a ring 700 m around it. */
		private static void placeCommunityCentresAroundTheSeat(Coordinate seat, int communities, Coordinate[] centre) {
			for (int k = 0; k < communities; k++) {
				double angle = 2 * StrictMath.PI * k / StrictMath.max(1, communities - 1);
				double radius = k == 0 ? 0 : 700;
				centre[k] = new Coordinate(seat.x + radius * StrictMath.cos(angle),
						seat.y + radius * StrictMath.sin(angle));
			}
		}

		/**
		 * Village centres start spread out: each on the cell farthest from the seat and
		 * all centres so far.
		 */
		private static void placeVillageCentresFarthestFirst(CellGraph graph, int[] cells, Coordinate seat,
				int communities, Coordinate[] centre) {
			double[] distance = Arrays.stream(cells).mapToDouble(c -> graph.sites[c].distance(seat)).toArray();
			for (int k = 0; k < centre.length; k++) {
				if (k >= communities) {
					int farthest = 0;
					for (int i = 1; i < cells.length; i++) {
						if (distance[i] > distance[farthest]) {
							farthest = i;
						}
					}
					centre[k] = graph.sites[cells[farthest]].copy();
				}
				for (int i = 0; i < cells.length; i++) {
					distance[i] = Math.min(distance[i], graph.sites[cells[i]].distance(centre[k]));
				}
			}
		}

		/** Lloyd's k-means steps for village committees; communities stay by the seat. */
		private static void moveVillageCentresByKMeans(CellGraph graph, int[] cells, int communities,
				Coordinate[] centre) {
			for (int round = 0; round < K_MEANS_ROUNDS; round++) {
				double[][] sum = new double[centre.length][3];
				for (int c : cells) {
					double[] s = sum[nearest(centre, graph.sites[c])];
					s[0] += graph.sites[c].x;
					s[1] += graph.sites[c].y;
					s[2]++;
				}
				for (int k = communities; k < centre.length; k++) {
					if (sum[k][2] > 0) {
						centre[k] = new Coordinate(sum[k][0] / sum[k][2], sum[k][1] / sum[k][2]);
					}
				}
			}
		}

		private static int nearest(Coordinate[] centres, Coordinate point) {
			int best = 0;
			for (int k = 1; k < centres.length; k++) {
				if (centres[k].distance(point) < centres[best].distance(point)) {
					best = k;
				}
			}
			return best;
		}

		private static int[] nearestDistinctCells(CellGraph graph, int[] cells, Coordinate[] centre) {
			Set<Integer> taken = new HashSet<>();
			int[] centreCell = new int[centre.length];
			for (int k = 0; k < centre.length; k++) {
				int best = -1;
				for (int c : cells) {
					if (!taken.contains(c) && (best < 0
							|| graph.sites[c].distance(centre[k]) < graph.sites[best].distance(centre[k]))) {
						best = c;
					}
				}
				taken.add(best);
				centreCell[k] = best;
			}
			return centreCell;
		}

		/**
		 * A cluster's bid for a cell: distance to its centre, scaled by the cluster's
		 * expected radius.
		 */
		private record Claim(double reach, int cluster, int cell) {
		}

		private static int[] growFromCentres(CellGraph graph, int[] cells, Coordinate[] centre, int[] centreCell,
				int[] target) {
			int[] clusterOfCell = new int[graph.size()];
			Arrays.fill(clusterOfCell, -1);
			boolean[] inDomain = new boolean[graph.size()];
			for (int c : cells) {
				inDomain[c] = true;
			}
			int[] count = new int[centre.length];
			PriorityQueue<Claim> claims = new PriorityQueue<>(Comparator.comparingDouble(Claim::reach)
				.thenComparingInt(Claim::cluster)
				.thenComparingInt(Claim::cell));
			for (int k = 0; k < centre.length; k++) {
				claims.add(new Claim(0, k, centreCell[k]));
			}
			while (!claims.isEmpty()) {
				Claim claim = claims.poll();
				int k = claim.cluster();
				if (clusterOfCell[claim.cell()] >= 0 || count[k] >= target[k]) {
					continue;
				}
				clusterOfCell[claim.cell()] = k;
				count[k]++;
				for (int n : graph.neighbours[claim.cell()]) {
					if (inDomain[n] && clusterOfCell[n] < 0) {
						claims.add(new Claim(graph.sites[n].distance(centre[k]) / StrictMath.sqrt(target[k]), k, n));
					}
				}
			}
			giveLeftoverCellsToTheLeastFilledNeighbour(graph, cells, clusterOfCell, count, target);
			return clusterOfCell;
		}

		/**
		 * Cells that every full cluster closed in on go to the neighbouring cluster
		 * furthest below its target.
		 */
		private static void giveLeftoverCellsToTheLeastFilledNeighbour(CellGraph graph, int[] cells,
				int[] clusterOfCell, int[] count, int[] target) {
			boolean leftover = true;
			while (leftover) {
				leftover = false;
				boolean progress = false;
				for (int c : cells) {
					if (clusterOfCell[c] >= 0) {
						continue;
					}
					int best = -1;
					for (int n : graph.neighbours[c]) {
						int k = clusterOfCell[n];
						if (k >= 0 && Arrays.binarySearch(cells, n) >= 0
								&& (best < 0 || (double) count[k] / target[k] < (double) count[best] / target[best])) {
							best = k;
						}
					}
					if (best < 0) {
						leftover = true;
					}
					else {
						clusterOfCell[c] = best;
						count[best]++;
						progress = true;
					}
				}
				if (leftover && !progress) {
					throw new IllegalStateException("cells unreachable from any village centre");
				}
			}
		}

	}

	/**
	 * A village or community: its 12-digit code, name and cells (grid cells in group
	 * order).
	 */
	record Village(String code, String name, int[] cells) {
	}

	/**
	 * Gives each cluster of a township its name and code. Communities get the community
	 * names; in 上栗镇 the three clusters meeting nearest to 泉之源 become 水源村, 达塘村 and 泉塘村,
	 * and the highest-lying cluster with at least twelve groups becomes 高山村; the other
	 * names go to the remaining clusters from the seat outwards.
	 */
	static final class VillageNaming {

		private final CellGraph graph;

		private final Landscape landscape;

		private final LocalPlane plane;

		private final Township township;

		private final Coordinate seat;

		private final VillageLayout layout;

		private final List<String> villageNames;

		private final String[] nameOfCluster;

		private Coordinate quanzhiyuan;

		VillageNaming(CellGraph graph, Landscape landscape, LocalPlane plane, Township township, Coordinate seat,
				VillageLayout layout, List<String> syntheticNames) {
			this.graph = graph;
			this.landscape = landscape;
			this.plane = plane;
			this.township = township;
			this.seat = seat;
			this.layout = layout;
			this.villageNames = new ArrayList<>(township.villages());
			this.villageNames.addAll(syntheticNames);
			this.nameOfCluster = new String[layout.clusterCount];
			for (int k = 0; k < layout.communityCount; k++) {
				nameOfCluster[k] = township.communities().get(k);
			}
			if (villageNames.containsAll(DemoCountyNames.QUANZHIYUAN_VILLAGES)) {
				nameTheClustersMeetingAtQuanzhiyuan();
			}
			if (villageNames.contains(DemoCountyNames.GAOSHAN_VILLAGE)) {
				nameTheHighestLargeClusterGaoshan();
			}
			nameTheRestFromTheSeatOutwards();
		}

		Coordinate quanzhiyuan() {
			return quanzhiyuan;
		}

		List<Village> villages() {
			List<Village> villages = new ArrayList<>();
			for (int k = 0; k < layout.clusterCount; k++) {
				String name = nameOfCluster[k];
				int number = k < layout.communityCount ? k + 1 : 200 + villageNames.indexOf(name);
				villages.add(new Village(township.code() + String.format("%03d", number), name, cellsInGroupOrder(k)));
			}
			return villages;
		}

		/** Groups are numbered from north to south, by the point each cell grew from. */
		private int[] cellsInGroupOrder(int cluster) {
			return Arrays.stream(layout.cells)
				.filter(c -> layout.clusterOfCell[c] == cluster)
				.boxed()
				.sorted(Comparator.comparingDouble((Integer c) -> -graph.sites[c].y)
					.thenComparingDouble(c -> graph.sites[c].x))
				.mapToInt(Integer::intValue)
				.toArray();
		}

		/**
		 * A vertex where exactly three cells meet, each of a different village committee
		 * of this township.
		 */
		private void nameTheClustersMeetingAtQuanzhiyuan() {
			Map<Coordinate, List<Integer>> cellsAtVertex = new HashMap<>();
			for (int c = 0; c < graph.size(); c++) {
				for (Coordinate v : graph.cells[c].getExteriorRing().getCoordinates()) {
					List<Integer> atV = cellsAtVertex.computeIfAbsent(v, key -> new ArrayList<>());
					if (!atV.contains(c)) {
						atV.add(c);
					}
				}
			}
			Coordinate wanted = new Coordinate(seat.x + DemoCountyNames.QUANZHIYUAN_EAST_KM * KM,
					seat.y + DemoCountyNames.QUANZHIYUAN_NORTH_KM * KM);
			Coordinate best = null;
			List<Integer> bestCells = null;
			for (int c : layout.cells) {
				for (Coordinate v : graph.cells[c].getExteriorRing().getCoordinates()) {
					List<Integer> atV = cellsAtVertex.get(v);
					if (isTripleVillagePoint(atV) && (best == null
							|| plane.toPlane(v).distance(wanted) < plane.toPlane(best).distance(wanted))) {
						best = v;
						bestCells = atV;
					}
				}
			}
			if (best == null) {
				throw new IllegalStateException("no three villages of " + township.name() + " meet at a point");
			}
			Coordinate point = plane.toPlane(best);
			List<Integer> counterClockwise = new ArrayList<>(bestCells);
			counterClockwise.sort(Comparator
				.comparingDouble(c -> StrictMath.atan2(graph.sites[c].y - point.y, graph.sites[c].x - point.x)));
			for (int i = 0; i < 3; i++) {
				nameOfCluster[layout.clusterOfCell[counterClockwise.get(i)]] = DemoCountyNames.QUANZHIYUAN_VILLAGES
					.get(i);
			}
			quanzhiyuan = best.copy();
		}

		private boolean isTripleVillagePoint(List<Integer> cellsAtVertex) {
			if (cellsAtVertex.size() != 3) {
				return false;
			}
			Set<Integer> clusters = new HashSet<>();
			for (int c : cellsAtVertex) {
				if (layout.clusterOfCell[c] < layout.communityCount) {
					return false;
				}
				clusters.add(layout.clusterOfCell[c]);
			}
			return clusters.size() == 3;
		}

		private void nameTheHighestLargeClusterGaoshan() {
			int best = -1;
			double bestHeight = -1;
			for (int k = layout.communityCount; k < layout.clusterCount; k++) {
				int[] cells = cellsInGroupOrder(k);
				double height = Arrays.stream(cells)
					.mapToDouble(c -> landscape.height(graph.sites[c].x, graph.sites[c].y))
					.average()
					.orElse(0);
				if (nameOfCluster[k] == null && cells.length >= DemoCountyNames.GAOSHAN_MIN_GROUPS
						&& height > bestHeight) {
					best = k;
					bestHeight = height;
				}
			}
			if (best < 0) {
				throw new IllegalStateException("no village of " + township.name() + " is large enough for 高山村");
			}
			nameOfCluster[best] = DemoCountyNames.GAOSHAN_VILLAGE;
		}

		private void nameTheRestFromTheSeatOutwards() {
			Set<String> used = new HashSet<>(Arrays.asList(nameOfCluster));
			Iterator<String> names = villageNames.stream().filter(name -> !used.contains(name)).iterator();
			IntStream.range(layout.communityCount, layout.clusterCount)
				.filter(k -> nameOfCluster[k] == null)
				.boxed()
				.sorted(Comparator.comparingDouble((Integer k) -> centroidOf(k).distance(seat)).thenComparing(k -> k))
				.forEach(k -> nameOfCluster[k] = names.next());
		}

		private Coordinate centroidOf(int cluster) {
			int[] cells = cellsInGroupOrder(cluster);
			return new Coordinate(Arrays.stream(cells).mapToDouble(c -> graph.sites[c].x).average().orElseThrow(),
					Arrays.stream(cells).mapToDouble(c -> graph.sites[c].y).average().orElseThrow());
		}

	}

	/**
	 * Hands out synthetic village names in list order, skipping any that repeats a real
	 * name.
	 */
	static final class SyntheticNames {

		private final Iterator<String> names;

		SyntheticNames(List<Township> townships) {
			Set<String> real = new HashSet<>();
			for (Township t : townships) {
				real.addAll(t.villages());
				real.add(t.name().substring(0, t.name().length() - 1) + "村");
			}
			Set<String> seen = new HashSet<>();
			List<String> usable = new ArrayList<>();
			for (String stem : DemoCountyNames.SYNTHETIC_VILLAGE_NAMES) {
				String name = stem + "村";
				if (stem.length() != 2 || !seen.add(name)) {
					throw new IllegalStateException("synthetic village name " + stem + " is not two new characters");
				}
				if (!real.contains(name)) {
					usable.add(name);
				}
			}
			this.names = usable.iterator();
		}

		List<String> take(int count) {
			List<String> taken = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				if (!names.hasNext()) {
					throw new IllegalStateException("not enough synthetic village names");
				}
				taken.add(names.next());
			}
			return taken;
		}

	}

	// ---------------------------------------------------------------------------------------------------------
	// The hierarchy, verified level by level

	private static List<AreaFeature> assembleHierarchy(CellGraph graph, List<Township> townships,
			List<Village> villages) {
		List<AreaFeature> gridAreas = new ArrayList<>();
		List<AreaFeature> villageAreas = new ArrayList<>();
		List<AreaFeature> townshipAreas = new ArrayList<>();
		for (Township township : townships) {
			List<Polygon> villagesOfTownship = new ArrayList<>();
			for (Village village : villages) {
				if (!village.code().startsWith(township.code())) {
					continue;
				}
				List<Polygon> cells = new ArrayList<>();
				for (int group = 1; group <= village.cells().length; group++) {
					Polygon cell = graph.cells[village.cells()[group - 1]];
					cells.add(cell);
					gridAreas.add(new AreaFeature(village.code() + String.format("%03d", group),
							chineseNumber(group) + "组", AreaLevel.GRID, village.code(), cell));
				}
				Polygon boundary = unionOfTiles(cells, village.name());
				villagesOfTownship.add(boundary);
				villageAreas
					.add(new AreaFeature(village.code(), village.name(), AreaLevel.VILLAGE, township.code(), boundary));
			}
			townshipAreas.add(new AreaFeature(township.code(), township.name(), AreaLevel.TOWNSHIP,
					DemoCountyNames.COUNTY_CODE, unionOfTiles(villagesOfTownship, township.name())));
		}
		Polygon county = unionOfTiles(townshipAreas.stream().map(AreaFeature::boundary).toList(),
				DemoCountyNames.COUNTY_NAME);

		List<AreaFeature> areas = new ArrayList<>();
		areas.add(new AreaFeature(DemoCountyNames.COUNTY_CODE, DemoCountyNames.COUNTY_NAME, AreaLevel.COUNTY, null,
				county));
		Comparator<AreaFeature> byCode = Comparator.comparing(AreaFeature::code);
		areas.addAll(townshipAreas.stream().sorted(byCode).toList());
		areas.addAll(villageAreas.stream().sorted(byCode).toList());
		areas.addAll(gridAreas.stream().sorted(byCode).toList());
		return areas;
	}

	/**
	 * The parent of a set of tiles: their exact union, after checking that they form a
	 * valid coverage (no overlaps, edges matched vertex for vertex), leave no gap and
	 * make one polygon without holes.
	 */
	static Polygon unionOfTiles(List<Polygon> tiles, String parentName) {
		Geometry[] coverage = tiles.toArray(Geometry[]::new);
		for (Geometry tile : coverage) {
			if (!tile.isValid()) {
				throw new IllegalStateException("a part of " + parentName + " is not a valid polygon");
			}
		}
		if (CoverageValidator.hasInvalidResult(CoverageValidator.validate(coverage))) {
			throw new IllegalStateException("the parts of " + parentName + " overlap or do not match");
		}
		if (!CoverageGapFinder.findGaps(coverage, GAP_WIDTH_DEGREES).isEmpty()) {
			throw new IllegalStateException("the parts of " + parentName + " leave gaps");
		}
		Geometry union = CoverageUnion.union(coverage);
		if (!(union instanceof Polygon polygon) || polygon.getNumInteriorRing() > 0 || !polygon.isValid()) {
			throw new IllegalStateException(parentName + " is not one polygon without holes");
		}
		return polygon;
	}

	/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 21 → 二十一 (up to 99). */
	static String chineseNumber(int n) {
		String[] digits = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
		if (n < 1 || n > 99) {
			throw new IllegalArgumentException("group number " + n);
		}
		if (n < 10) {
			return digits[n];
		}
		return (n < 20 ? "" : digits[n / 10]) + "十" + digits[n % 10];
	}

	// ---------------------------------------------------------------------------------------------------------
	// Output

	/** One Feature per line, so a change to one area is a one-line diff. */
	static void writeGeoJson(List<AreaFeature> areas, Path output) throws IOException {
		if (output.toAbsolutePath().getParent() != null) {
			Files.createDirectories(output.toAbsolutePath().getParent());
		}
		try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
			out.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
			for (int i = 0; i < areas.size(); i++) {
				out.write(feature(areas.get(i)));
				out.write(i + 1 < areas.size() ? ",\n" : "\n");
			}
			out.write("]}\n");
		}
	}

	private static String feature(AreaFeature area) {
		StringBuilder json = new StringBuilder(256);
		json.append("{\"type\":\"Feature\",\"properties\":{\"code\":")
			.append(quoted(area.code()))
			.append(",\"name\":")
			.append(quoted(area.name()))
			.append(",\"level\":")
			.append(quoted(area.level().name()))
			.append(",\"parentCode\":")
			.append(area.parentCode() == null ? "null" : quoted(area.parentCode()))
			.append("},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[");
		appendPolygon(json, rfc7946Oriented(area.boundary()));
		return json.append("]}}").toString();
	}

	/**
	 * Exterior ring counter-clockwise, holes clockwise (RFC 7946), each starting at its
	 * lowest vertex.
	 */
	static Polygon rfc7946Oriented(Polygon polygon) {
		Polygon normalized = (Polygon) polygon.norm();
		return (Polygon) normalized.reverse();
	}

	private static void appendPolygon(StringBuilder json, Polygon polygon) {
		json.append('[');
		appendRing(json, polygon.getExteriorRing());
		for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
			json.append(',');
			appendRing(json, polygon.getInteriorRingN(h));
		}
		json.append(']');
	}

	private static void appendRing(StringBuilder json, LinearRing ring) {
		json.append('[');
		Coordinate[] coordinates = ring.getCoordinates();
		for (int i = 0; i < coordinates.length; i++) {
			json.append(i == 0 ? "[" : ",[")
				.append(decimal(coordinates[i].x))
				.append(',')
				.append(decimal(coordinates[i].y))
				.append(']');
		}
		json.append(']');
	}

	/**
	 * Exactly seven decimals, so every coordinate prints the same way on every platform.
	 */
	static String decimal(double value) {
		return BigDecimal.valueOf(StrictMath.round(value * 1e7), 7).toPlainString();
	}

	private static String quoted(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char ch : text.toCharArray()) {
			if (ch == '"' || ch == '\\') {
				quoted.append('\\').append(ch);
			}
			else if (ch < 0x20) {
				quoted.append(String.format("\\u%04x", (int) ch));
			}
			else {
				quoted.append(ch);
			}
		}
		return quoted.append('"').toString();
	}

	/**
	 * Per township: geodesic area on WGS84, communities, village committees and grid
	 * cells; then the county.
	 */
	static String summaryTable(List<AreaFeature> areas) {
		StringBuilder table = new StringBuilder(
				"| code | township | area km² | communities | villages | grid cells |\n|---|---|---:|---:|---:|---:|\n");
		int communities = 0;
		int villages = 0;
		int cells = 0;
		for (AreaFeature township : areas) {
			if (township.level() != AreaLevel.TOWNSHIP) {
				continue;
			}
			int c = (int) areas.stream()
				.filter(a -> a.level() == AreaLevel.VILLAGE && township.code().equals(a.parentCode())
						&& a.code().charAt(9) == '0')
				.count();
			int v = (int) areas.stream()
				.filter(a -> a.level() == AreaLevel.VILLAGE && township.code().equals(a.parentCode())
						&& a.code().charAt(9) != '0')
				.count();
			int g = (int) areas.stream()
				.filter(a -> a.level() == AreaLevel.GRID && a.code().startsWith(township.code()))
				.count();
			table.append(String.format("| %s | %s | %.1f | %d | %d | %d |%n", township.code(), township.name(),
					geodesicAreaKm2(township.boundary()), c, v, g));
			communities += c;
			villages += v;
			cells += g;
		}
		AreaFeature county = areas.get(0);
		return table
			.append(String.format("| %s | **%s** | **%.1f** | **%d** | **%d** | **%d** |%n", county.code(),
					county.name(), geodesicAreaKm2(county.boundary()), communities, villages, cells))
			.toString();
	}

	/**
	 * Area on the WGS84 ellipsoid (Karney's algorithm, as PostGIS geography computes it).
	 */
	static double geodesicAreaKm2(Polygon polygon) {
		double area = geodesicRingAreaM2(polygon.getExteriorRing());
		for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
			area -= geodesicRingAreaM2(polygon.getInteriorRingN(h));
		}
		return area / 1e6;
	}

	private static double geodesicRingAreaM2(LinearRing ring) {
		PolygonArea area = new PolygonArea(Geodesic.WGS84, false);
		Coordinate[] coordinates = ring.getCoordinates();
		for (int i = 0; i + 1 < coordinates.length; i++) {
			area.AddPoint(coordinates[i].y, coordinates[i].x);
		}
		return Math.abs(area.Compute(false, true).area);
	}

	// ---------------------------------------------------------------------------------------------------------
	// Small numeric helpers

	private static int[] largestRemainder(double[] share, int total) {
		double sum = Arrays.stream(share).sum();
		int[] counts = new int[share.length];
		double[] remainder = new double[share.length];
		int given = 0;
		for (int i = 0; i < share.length; i++) {
			double exact = share[i] / sum * total;
			counts[i] = (int) StrictMath.floor(exact);
			remainder[i] = exact - counts[i];
			given += counts[i];
		}
		Integer[] byRemainder = new Integer[share.length];
		Arrays.setAll(byRemainder, i -> i);
		Arrays.sort(byRemainder, Comparator.comparingDouble((Integer i) -> -remainder[i]).thenComparing(i -> i));
		for (int i = 0; given < total; i++, given++) {
			counts[byRemainder[i]]++;
		}
		return counts;
	}

	private static double gaussian(double dx, double dy, double sigma) {
		return StrictMath.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
	}

	private static double smoothStep(double edge0, double edge1, double x) {
		double t = clamp((x - edge0) / (edge1 - edge0), 0, 1);
		return t * t * (3 - 2 * t);
	}

	private static double clamp(double x, double low, double high) {
		return Math.max(low, Math.min(high, x));
	}

	private static double square(double x) {
		return x * x;
	}

}
