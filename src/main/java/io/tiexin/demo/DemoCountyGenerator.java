package io.tiexin.demo;

import static io.tiexin.demo.DemoCountyGeoJson.decimal;
import static io.tiexin.demo.DemoCountyGeoJson.writeGeoJson;
import static io.tiexin.demo.GridCells.sampleSites;
import static io.tiexin.demo.GridCells.snapNearlyEqualVertices;
import static io.tiexin.demo.GridCells.toRoundedLonLat;
import static io.tiexin.demo.GridCells.voronoiCellsClippedTo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import io.tiexin.demo.CountyTerrain.Landscape;
import io.tiexin.demo.CountyTerrain.LocalPlane;
import io.tiexin.demo.CountyTerrain.Pixels;
import io.tiexin.demo.CountyTerrain.StarOutline;
import io.tiexin.demo.CountyTerrain.TownshipPartition;
import io.tiexin.demo.DemoCountyNames.Township;
import io.tiexin.demo.GridCells.CellGraph;
import io.tiexin.demo.GridCells.Site;
import io.tiexin.demo.VillageNaming.SyntheticNames;
import io.tiexin.demo.VillageNaming.Village;
import io.tiexin.grid.AreaLevel;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.locationtech.jts.coverage.CoverageGapFinder;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

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

	static final double KM = 1000;

	static final int OUTLINE_VERTICES = 1440;

	/** Raster on which township boundaries are fitted to their target areas. */
	static final double PIXEL_SIZE_M = 200;

	/**
	 * Vertices closer than this are one vertex: clipping computes a shared crossing point
	 * once per cell.
	 */
	static final double SNAP_TOLERANCE_M = 0.05;

	static final PrecisionModel SEVEN_DECIMALS = new PrecisionModel(1e7);

	/**
	 * About 1 m: a coverage gap narrower than this would be a rounding artefact rather
	 * than a design.
	 */
	static final double GAP_WIDTH_DEGREES = 1e-5;

	static final GeometryFactory PLANE = new GeometryFactory();

	static final GeometryFactory LON_LAT = new GeometryFactory(new PrecisionModel(), 4326);

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

	static int indexOfCountySeat(List<Township> townships) {
		for (int t = 0; t < townships.size(); t++) {
			if (townships.get(t).code().equals(DemoCountyNames.COUNTY_SEAT_TOWNSHIP)) {
				return t;
			}
		}
		throw new IllegalStateException("no township " + DemoCountyNames.COUNTY_SEAT_TOWNSHIP);
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

	static int[] largestRemainder(double[] share, int total) {
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

	static double gaussian(double dx, double dy, double sigma) {
		return StrictMath.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
	}

	static double smoothStep(double edge0, double edge1, double x) {
		double t = clamp((x - edge0) / (edge1 - edge0), 0, 1);
		return t * t * (3 - 2 * t);
	}

	static double clamp(double x, double low, double high) {
		return Math.max(low, Math.min(high, x));
	}

	static double square(double x) {
		return x * x;
	}

}
