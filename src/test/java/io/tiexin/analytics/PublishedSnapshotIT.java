package io.tiexin.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void publicCountsStayOneSnapshotUntilItIsMadeAgainWhileStaffSeeThemLive() {
		FreshCounty county = this.fixtures.freshCounty();
		Area west = this.areas.find(county.cell(0)).orElseThrow();
		Area east = this.areas.find(county.cell(1)).orElseThrow();
		for (int i = 0; i < 5; i++) {
			this.client.submitIn("citizen", west, "STREET_LIGHT");
			this.client.submitIn("citizen", east, "STREET_LIGHT");
		}
		String admin = this.people.countyAdmin(county.code()).username();
		Map<String, Object> year = thisYear();
		// A snapshot made before (by the other test) is past its age and expired: the
		// next request makes it, with these cases.
		this.clock.advance(Duration.ofMinutes(11));

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
