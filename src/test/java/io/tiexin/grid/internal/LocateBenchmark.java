package io.tiexin.grid.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.tiexin.geo.Geometries;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaLevel;
import io.tiexin.grid.GridIndex;
import io.tiexin.grid.Location;
import io.tiexin.grid.MatchMethod;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKBWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@code locate} on the demo county's grid cells, in memory ({@link GridIndex}) against
 * the PostGIS path it replaces (one indexed {@code ST_Covers} query per point over JDBC,
 * to a PostGIS from Testcontainers on this machine). One thread each, the same random
 * points for both. Run: see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class LocateBenchmark {

	private static final int POINTS = 1 << 16;

	/**
	 * Where the points lie: {@code inCounty}, as petitions do, or anywhere in the
	 * county's bounding box, about a third of them outside every cell.
	 */
	@Param({ "inCounty", "countyExtent" })
	public String points;

	private GridIndex index;

	private Point[] sample;

	private int next;

	private PostgreSQLContainer postgis;

	private Connection connection;

	private PreparedStatement coveringCell;

	@Setup
	public void setUp() throws Exception {
		List<Area> cells = demoCountyCells();
		this.index = GridIndex.of(cells, 200);
		Envelope extent = new Envelope();
		cells.forEach(cell -> extent.expandToInclude(cell.boundary().getEnvelopeInternal()));
		SplittableRandom random = new SplittableRandom(42);
		this.sample = new Point[POINTS];
		for (int i = 0; i < POINTS; i++) {
			Point point;
			do {
				point = Geometries.point(extent.getMinX() + random.nextDouble() * extent.getWidth(),
						extent.getMinY() + random.nextDouble() * extent.getHeight());
			}
			while ("inCounty".equals(this.points) && this.index.locate(point).method() != MatchMethod.CONTAINS);
			this.sample[i] = point;
		}
		startPostgis(cells);
	}

	@TearDown
	public void tearDown() throws SQLException {
		this.connection.close();
		this.postgis.stop();
	}

	@Benchmark
	public Location inMemoryGridIndex() {
		return this.index.locate(nextPoint());
	}

	@Benchmark
	public String postgisStCovers() throws SQLException {
		Point point = nextPoint();
		this.coveringCell.setDouble(1, point.getX());
		this.coveringCell.setDouble(2, point.getY());
		try (ResultSet rows = this.coveringCell.executeQuery()) {
			return rows.next() ? rows.getString(1) : null;
		}
	}

	private Point nextPoint() {
		this.next = (this.next + 1) & (POINTS - 1);
		return this.sample[this.next];
	}

	private static List<Area> demoCountyCells() throws Exception {
		byte[] file = Files.readAllBytes(Path.of("gis-data/shangli-360322-areas.geojson"));
		return new AreaFileValidator(1.0, code -> null, code -> List.of()).validate("benchmark", file)
			.areas()
			.stream()
			.filter(area -> area.level() == AreaLevel.GRID)
			.map(area -> new Area(area.code(), area.name(), area.level(), area.parentCode(), area.boundary(), 0))
			.toList();
	}

	private void startPostgis(List<Area> cells) throws SQLException {
		String image = System.getenv().getOrDefault("TIEXIN_POSTGIS_IMAGE", "postgis/postgis:17-3.5");
		this.postgis = new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
		this.postgis.start();
		this.connection = DriverManager.getConnection(this.postgis.getJdbcUrl(), this.postgis.getUsername(),
				this.postgis.getPassword());
		try (Statement ddl = this.connection.createStatement()) {
			ddl.execute("CREATE EXTENSION IF NOT EXISTS postgis");
			ddl.execute("CREATE TABLE cell (code text PRIMARY KEY, boundary geometry(MultiPolygon, 4326) NOT NULL)");
		}
		try (PreparedStatement insert = this.connection
			.prepareStatement("INSERT INTO cell VALUES (?, ST_GeomFromWKB(?, 4326))")) {
			WKBWriter wkb = new WKBWriter();
			for (Area cell : cells) {
				insert.setString(1, cell.code());
				insert.setBytes(2, wkb.write(cell.boundary()));
				insert.addBatch();
			}
			insert.executeBatch();
		}
		try (Statement ddl = this.connection.createStatement()) {
			ddl.execute("CREATE INDEX ON cell USING gist (boundary)");
			ddl.execute("ANALYZE cell");
		}
		// The same rule as the index: covering cells, lowest code first.
		this.coveringCell = this.connection.prepareStatement("""
				SELECT code FROM cell WHERE ST_Covers(boundary, ST_SetSRID(ST_MakePoint(?, ?), 4326))
				ORDER BY code LIMIT 1""");
	}

}
