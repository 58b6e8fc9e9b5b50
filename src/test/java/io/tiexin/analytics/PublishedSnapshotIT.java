package io.tiexin.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tiexin.GraphQlClient;
import io.tiexin.StatementCounter;
import io.tiexin.TestClock;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.grid.AreaFixtures.FreshCounty;
import io.tiexin.people.PeopleFixtures;
import io.tiexin.shared.ServiceTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Published statistics are one snapshot (issue 14): for whoever gets counts withheld,
 * {@code mapLayer}, the public grid tile and {@code Area.stats} read the counts of a node
 * and their choice from one snapshot made at one moment and kept
 * {@code tiexin.privacy.published-max-age}; were the counts live while the choice lagged,
 * a month's new petition could be read as the quarter minus the other months shown. Here
 * the snapshot is kept two minutes (the rest of the suite makes it per request): an
 * anonymous caller's layer and a planner's stats agree, and stay as they were after a new
 * petition until the snapshot is made again, while the county administrator sees it at
 * once; so do a planner's hot spot cells, counted as of the snapshot; a public tile after
 * the first sends no statement for the choice.
 */
@TiexinIntegrationTest
@TestPropertySource(properties = "tiexin.privacy.published-max-age=PT2M")
class PublishedSnapshotIT {

	@Autowired
	GraphQlClient client;

	@Autowired
	AreaFixtures fixtures;

	@Autowired
	AreaCatalog areas;

	@Autowired
	TestClock clock;

	@Autowired
	PeopleFixtures people;

	@Autowired
	WebTestClient http;

	/**
	 * The latest moment the clock showed in a test of this class: the snapshot's cache
	 * ages by the service's clock, so a snapshot made then is not past its age before it.
	 */
	private static Instant latest = Instant.EPOCH;

	@AfterEach
	void resetClock() {
		latest = max(latest, this.clock.instant());
		this.clock.reset();
	}

	/**
	 * Moves the clock past five times the age of any snapshot made before, by a test of
	 * this class or another: the next request makes it again, with the cases so far.
	 */
	private void expireEverySnapshotBefore() {
		this.clock.set(max(latest, this.clock.instant()).plus(Duration.ofMinutes(11)).atOffset(ZoneOffset.UTC));
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	@Test
	void publicCountsStayOneSnapshotUntilItIsMadeAgainWhileStaffSeeThemLive() {
		// three cells: hot spots want three
		FreshCounty county = this.fixtures.freshCounty(3);
		Area west = this.areas.find(county.cell(0)).orElseThrow();
		Area east = this.areas.find(county.cell(1)).orElseThrow();
		for (int i = 0; i < 5; i++) {
			this.client.submitIn("citizen", west, "STREET_LIGHT");
			this.client.submitIn("citizen", east, "STREET_LIGHT");
		}
		String admin = this.people.countyAdmin(county.code()).username();
		Map<String, Object> year = thisYear();
		expireEverySnapshotBefore();

		Map<String, Object> layer = countyOnLayer(county, year);
		Map<String, Object> stats = stats(this.client.planner(), county.code(), year);
		assertThat(layer.get("total")).as("the anonymous layer's total").isEqualTo(10);
		assertThat(stats.get("total")).as("the planner's stats, as the layer").isEqualTo(layer.get("total"));
		assertThat(stats.get("open")).isEqualTo(layer.get("open"));
		assertThat(stats.get("overdue")).isEqualTo(layer.get("overdue"));
		List<Integer> trend = monthlyTrend(county.code(), year);
		assertThat(trend.stream().mapToInt(Integer::intValue).sum()).as("the planner's trend by month, as the stats")
			.isEqualTo(stats.get("total"));
		byte[] tile = publicTile(west);
		List<Map<String, Object>> hotspotCells = hotspotCells(county.code(), year);
		assertThat(hotspotCells.stream().mapToInt(cell -> (Integer) cell.get("count")).sum())
			.as("the planner's hot spot cells, as the stats")
			.isEqualTo(stats.get("total"));

		this.client.submitIn("citizen", west, "STREET_LIGHT");

		assertThat(stats(this.client.as(admin), county.code(), year).get("total"))
			.as("the county administrator's stats, live")
			.isEqualTo(11);
		assertThat(countyOnLayer(county, year)).as("the anonymous layer until the snapshot is made again")
			.isEqualTo(layer);
		assertThat(stats(this.client.planner(), county.code(), year))
			.as("the planner's stats (counts, statuses, categories) until the snapshot is made again")
			.isEqualTo(stats);
		assertThat(monthlyTrend(county.code(), year)).as("the planner's trend until the snapshot is made again")
			.isEqualTo(trend);
		assertThat(publicTile(west)).as("the public tile until the snapshot is made again").isEqualTo(tile);
		// Counted live, the cells gave the stats shown plus the petition since.
		assertThat(hotspotCells(county.code(), year))
			.as("the planner's hot spot cells until the snapshot is made again")
			.isEqualTo(hotspotCells);

		// Past its age (five times it: expired, so the next request makes it again)
		this.clock.advance(Duration.ofMinutes(11));
		Map<String, Object> fresh = countyOnLayer(county, year);
		assertThat(fresh.get("total")).as("the anonymous layer, made again").isEqualTo(11);
		assertThat(stats(this.client.planner(), county.code(), year).get("total")).as("the planner's stats, made again")
			.isEqualTo(11);
		assertThat(monthlyTrend(county.code(), year).stream().mapToInt(Integer::intValue).sum())
			.as("the planner's trend, made again")
			.isEqualTo(11);
		assertThat(publicTile(west)).as("the public tile, made again").isNotEqualTo(tile);
		assertThat(hotspotCells(county.code(), year).stream().mapToInt(cell -> (Integer) cell.get("count")).sum())
			.as("the planner's hot spot cells, made again")
			.isEqualTo(11);
	}

	/**
	 * Emerging hot spots' cell counts, for a planner, are counted as of the snapshot and
	 * withheld by its months' choice, as the cells' trends are: counted live, the current
	 * month of a cell gave the trend shown plus the petitions since.
	 */
	@Test
	void emergingHotSpotCountsStayOneSnapshotUntilItIsMadeAgain() {
		FreshCounty county = this.fixtures.freshCounty(3);
		for (String code : county.cells()) {
			Area cell = this.areas.find(code).orElseThrow();
			for (int i = 0; i < 5; i++) {
				this.client.submitIn("citizen", cell, "STREET_LIGHT");
			}
		}
		Area west = this.areas.find(county.cell(0)).orElseThrow();
		expireEverySnapshotBefore();

		Map<String, List<Integer>> cells = emergingCounts(county.code());
		int thisMonth = LocalDate.now(ServiceTime.ZONE).getMonthValue() - 1;
		assertThat(cells.get(west.code())).as("the west cell's steps, this month last").endsWith(5);
		assertThat(cells.values().stream().mapToInt(counts -> counts.get(counts.size() - 1)).sum())
			.as("this month's cells, as the county's monthly trend")
			.isEqualTo(monthlyTrend(county.code(), thisYear()).get(thisMonth));

		this.client.submitIn("citizen", west, "STREET_LIGHT");

		assertThat(emergingCounts(county.code()))
			.as("the planner's emerging hot spot counts until the snapshot is made again")
			.isEqualTo(cells);
		assertThat(monthlyTrend(county.code(), thisYear()).get(thisMonth)).as("the county's monthly trend, as they")
			.isEqualTo(15);

		this.clock.advance(Duration.ofMinutes(11));
		assertThat(emergingCounts(county.code()).get(west.code())).as("the west cell's steps, made again").endsWith(6);
	}

	@Test
	void aPublicTileAfterTheFirstSendsNoStatementForTheChoice() {
		FreshCounty county = this.fixtures.freshCounty();
		Area west = this.areas.find(county.cell(0)).orElseThrow();
		for (int i = 0; i < 5; i++) {
			this.client.submitIn("citizen", west, "STREET_LIGHT");
		}
		publicTile(west);
		long before = StatementCounter.countOnRequestThreads();
		publicTile(west);
		assertThat(StatementCounter.countOnRequestThreads() - before).as("statements of a public tile: its own only")
			.isEqualTo(1);

		countyOnLayer(county, thisYear());
		before = StatementCounter.countOnRequestThreads();
		countyOnLayer(county, thisYear());
		assertThat(StatementCounter.countOnRequestThreads() - before).as("statements of an anonymous mapLayer")
			.isZero();
	}

	private Map<String, Object> countyOnLayer(FreshCounty county, Map<String, Object> period) {
		Envelope box = this.areas.find(county.code()).orElseThrow().boundary().getEnvelopeInternal();
		List<Map<String, Object>> features = this.client.anonymous()
			.documentName("map/mapLayerOfPeriod")
			.variable("level", "COUNTY")
			.variable("bbox",
					Map.of("west", box.getMinX(), "south", box.getMinY(), "east", box.getMaxX(), "north",
							box.getMaxY()))
			.variable("period", period)
			.execute()
			.path("mapLayer.features[*].properties")
			.entityList(MAP)
			.get();
		return features.stream().filter(p -> county.code().equals(p.get("code"))).findFirst().orElseThrow();
	}

	private static Map<String, Object> stats(GraphQlTester tester, String code, Map<String, Object> period) {
		return tester.documentName("analytics/publishedCounts")
			.variable("code", code)
			.variable("period", period)
			.execute()
			.path("area.stats")
			.entity(MAP)
			.get();
	}

	/**
	 * A planner's hot spot cells of the county by 200 m hexagons (a fresh county has too
	 * few grid cells for an analysis of them).
	 */
	private List<Map<String, Object>> hotspotCells(String code, Map<String, Object> period) {
		return this.client.planner()
			.documentName("analytics/hexagonHotspots")
			.variable("areaCode", code)
			.variable("period", period)
			.variable("cellSizeMeters", 200.0)
			.execute()
			.path("hotspots.cells")
			.entityList(MAP)
			.get();
	}

	/**
	 * A planner's emerging hot spot counts of the last four months (this one last), by
	 * cell.
	 */
	private Map<String, List<Integer>> emergingCounts(String code) {
		String endingAt = LocalDate.now(ServiceTime.ZONE).withDayOfMonth(1).plusMonths(1) + "T00:00:00+08:00";
		List<Map<String, Object>> cells = this.client.planner()
			.documentName("analytics/emergingHotspotCounts")
			.variable("areaCode", code)
			.variable("periods", 4)
			.variable("endingAt", endingAt)
			.execute()
			.path("emergingHotspots.cells")
			.entityList(MAP)
			.get();
		Map<String, List<Integer>> counts = new TreeMap<>();
		cells.forEach(cell -> counts.put((String) ((Map<?, ?>) cell.get("area")).get("code"),
				((List<?>) cell.get("counts")).stream().map(n -> ((Number) n).intValue()).toList()));
		return counts;
	}

	private List<Integer> monthlyTrend(String code, Map<String, Object> period) {
		return this.client.planner()
			.documentName("analytics/trendCounts")
			.variable("code", code)
			.variable("interval", "MONTH")
			.variable("period", period)
			.execute()
			.path("area.trend[*].count")
			.entityList(Integer.class)
			.get();
	}

	/** The public grid tile at z14 holding the cell's interior point. */
	private byte[] publicTile(Area cell) {
		Point point = cell.boundary().getInteriorPoint();
		int z = 14;
		double n = 1 << z;
		int x = (int) Math.floor((point.getX() + 180) / 360 * n);
		double lat = Math.toRadians(point.getY());
		int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n);
		return this.http.get()
			.uri("/tiles/grid/{z}/{x}/{y}.mvt", z, x, y)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
	}

	/** The current calendar year, a node of the calendar tree. */
	private static Map<String, Object> thisYear() {
		LocalDate start = LocalDate.now(ServiceTime.ZONE).withDayOfYear(1);
		return Map.of("from", start + "T00:00:00+08:00", "to", start.plusYears(1) + "T00:00:00+08:00");
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
