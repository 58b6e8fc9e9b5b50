package io.tiexin.analytics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TestClock;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.grid.AreaFixtures.FreshCounty;
import io.tiexin.people.PeopleFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts withheld from someone are published on the calendar tree only (all time,
 * calendar years, quarters, months, China Standard Time): counts of two arbitrary periods
 * could be subtracted from each other, a year and the same year less a day giving that
 * day. A planner (who gets counts withheld) and an anonymous caller are refused any other
 * period with {@code VALIDATION}; the fresh county's own administrator, who sees its
 * counts exact, keeps arbitrary periods. Each test works in a fresh county of its own and
 * in 2019, a year no other test submits in (the clock is set back to submit).
 */
@TiexinIntegrationTest
class CalendarPeriodIT {

	@Autowired
	GraphQlClient client;

	@Autowired
	AreaFixtures fixtures;

	@Autowired
	PeopleFixtures people;

	@Autowired
	AreaCatalog areas;

	@Autowired
	TestClock clock;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	/**
	 * The attack of an unbounded family of periods: the year 2019 of a cell (2 cases,
	 * withheld, or 7, shown) minus the same year less its last day gave the cases of 31
	 * December. On main both periods answered; now the second is refused, to the planner
	 * in stats, hotspots, clusters and trends, to an anonymous caller in mapLayer, and
	 * the refused request reads nothing (no data, one error).
	 */
	@Test
	void aYearLessADayIsRefusedToWhoeverGetsCountsWithheld() {
		FreshCounty county = this.fixtures.freshCounty();
		submitAt("2019-03-10T10:00:00+08:00", county.cell(0), 6);
		submitAt("2019-12-31T10:00:00+08:00", county.cell(0), 1);
		submitAt("2019-05-10T10:00:00+08:00", county.cell(1), 5);
		Map<String, Object> year = period("2019-01-01T00:00:00+08:00", "2020-01-01T00:00:00+08:00");
		Map<String, Object> yearLessADay = period("2019-01-01T00:00:00+08:00", "2019-12-31T00:00:00+08:00");

		// Nodes are answered (their counts withheld or not as the choice linked over the
		// calendar says: here December's one case makes the year a complement), in any
		// offset that denotes their instants.
		assertAnswered("planner", county.cell(0), year);
		assertAnswered("planner", county.cell(0), period("2018-12-31T16:00:00Z", "2019-12-31T16:00:00Z"));
		assertAnswered("planner", county.cell(0), period("2019-07-01T00:00:00+08:00", "2019-10-01T00:00:00+08:00"));
		assertAnswered("planner", county.cell(0), period("2019-12-01T00:00:00+08:00", "2020-01-01T00:00:00+08:00"));
		assertAnswered("planner", county.cell(0), null);

		assertRefused(this.client.planner()
			.documentName("analytics/statsTotalOfPeriod")
			.variable("code", county.cell(0))
			.variable("period", yearLessADay));
		assertRefused(this.client.planner()
			.documentName("analytics/statsTotalOfPeriod")
			.variable("code", county.cell(0))
			.variable("period", period("2019-01-01T00:00:00+08:00", "2019-07-01T00:00:00+08:00")));
		assertRefused(this.client.planner()
			.documentName("analytics/statsTotalOfPeriod")
			.variable("code", county.cell(0))
			.variable("period", Map.of("from", "2019-01-01T00:00:00+08:00")));
		assertRefused(this.client.planner()
			.documentName("analytics/hotspotsOfPeriod")
			.variable("code", county.village())
			.variable("period", yearLessADay));
		assertRefused(this.client.planner()
			.documentName("analytics/clustersOfPeriod")
			.variable("code", county.village())
			.variable("period", yearLessADay));
		assertRefused(this.client.planner()
			.documentName("analytics/trendCounts")
			.variable("code", county.cell(0))
			.variable("interval", "MONTH")
			.variable("period", yearLessADay));
		assertRefused(this.client.planner()
			.documentName("analytics/trendCounts")
			.variable("code", county.cell(0))
			.variable("interval", "DAY")
			.variable("period", year));
		assertRefused(this.client.planner()
			.documentName("analytics/emergingHotspotsOfInterval")
			.variable("code", county.village())
			.variable("interval", "WEEK"));
		assertRefused(this.client.anonymous()
			.documentName("map/mapLayerOfPeriod")
			.variable("level", "TOWNSHIP")
			.variable("bbox", bboxOf(county.code()))
			.variable("period", yearLessADay));

		List<Integer> months = this.client.planner()
			.documentName("analytics/trendCounts")
			.variable("code", county.cell(0))
			.variable("interval", "MONTH")
			.variable("period", year)
			.execute()
			.path("area.trend[*].count")
			.entityList(Integer.class)
			.get();
		assertThat(months).as("a trend by month over the year, for a planner").hasSize(12);
	}

	/**
	 * The attack of the issue: a cell's half year (21, shown) minus its months February
	 * to June (4 each, each shown in that month) gave its January (1, withheld in
	 * January's choice). On main the half year answered, and so did the first quarter (9)
	 * minus February and March. Now the half year is refused, and the choice linked over
	 * the calendar withholds a complement among the quarter's months (or the quarter): no
	 * node shown minus the nodes shown under it gives a withheld one back, for either
	 * cell, on the grid layer; the cell's own stats read the same choice.
	 */
	@Test
	void aHalfYearMinusItsMonthsGivesNoMonthBack() {
		FreshCounty county = this.fixtures.freshCounty();
		submitAt("2019-01-15T10:00:00+08:00", county.cell(0), 1);
		for (int month = 1; month <= 6; month++) {
			String day = "2019-%02d-15T10:00:00+08:00".formatted(month);
			if (month > 1) {
				submitAt(day, county.cell(0), 4);
			}
			submitAt(day, county.cell(1), 5);
		}
		assertRefused(this.client.planner()
			.documentName("analytics/statsTotalOfPeriod")
			.variable("code", county.cell(0))
			.variable("period", period("2019-01-01T00:00:00+08:00", "2019-07-01T00:00:00+08:00")));

		Map<String, Map<String, Number>> allTime = layer(county, null);
		Map<String, Map<String, Number>> year = layer(county, node(2019, 1, 12));
		List<Map<String, Map<String, Number>>> quarters = List.of(layer(county, node(2019, 1, 3)),
				layer(county, node(2019, 4, 3)), layer(county, node(2019, 7, 3)), layer(county, node(2019, 10, 3)));
		List<Map<String, Map<String, Number>>> months = new ArrayList<>();
		for (int month = 1; month <= 6; month++) {
			months.add(layer(county, node(2019, month, 1)));
		}
		assertThat(months.get(0).get(county.cell(0)).get("total")).as("the cell's January, 1: withheld").isNull();
		for (String cell : county.cells()) {
			for (String measure : List.of("total", "open")) {
				assertNoneGivenBack(cell, measure, allTime, List.of(year));
				assertNoneGivenBack(cell, measure, year, quarters);
				assertNoneGivenBack(cell, measure, quarters.get(0), months.subList(0, 3));
				assertNoneGivenBack(cell, measure, quarters.get(1), months.subList(3, 6));
			}
		}
		// The cell's own stats read the same choice: a month withheld on the layer reads
		// 0
		// there, marked.
		for (int month = 1; month <= 3; month++) {
			boolean withheld = months.get(month - 1).get(county.cell(0)).get("total") == null;
			GraphQlTester.Response stats = this.client.planner()
				.documentName("analytics/statsTotalOfPeriod")
				.variable("code", county.cell(0))
				.variable("period", node(2019, month, 1))
				.execute();
			if (withheld) {
				stats.path("area.stats.total").entity(Long.class).isEqualTo(0L);
				stats.path("area.stats.suppressed").entity(Boolean.class).isEqualTo(true);
			}
			else {
				stats.path("area.stats.total").entity(Long.class).isEqualTo(4L);
			}
		}
	}

	/**
	 * Whoever sees the area's cases gets its counts exact, of any period: the fresh
	 * county's administrator reads the year less a day, and a day's trend.
	 */
	@Test
	void staffWithExactCountsKeepArbitraryPeriods() {
		FreshCounty county = this.fixtures.freshCounty();
		submitAt("2019-03-10T10:00:00+08:00", county.cell(0), 6);
		submitAt("2019-12-31T10:00:00+08:00", county.cell(0), 1);
		String admin = this.people.countyAdmin(county.code()).username();
		Map<String, Object> yearLessADay = period("2019-01-01T00:00:00+08:00", "2019-12-31T00:00:00+08:00");
		assertThat(total(admin, county.cell(0), yearLessADay)).isEqualTo(6);
		assertThat(total(admin, county.cell(0), period("2019-12-31T00:00:00+08:00", "2020-01-01T00:00:00+08:00")))
			.as("the one case of 31 December, exact")
			.isEqualTo(1);
		List<Integer> days = this.client.as(admin)
			.documentName("analytics/trendCounts")
			.variable("code", county.cell(0))
			.variable("interval", "DAY")
			.variable("period", period("2019-12-30T00:00:00+08:00", "2020-01-01T00:00:00+08:00"))
			.execute()
			.path("area.trend[*].count")
			.entityList(Integer.class)
			.get();
		assertThat(days).containsExactly(0, 1);
		this.client.as(admin)
			.documentName("map/mapLayerOfPeriod")
			.variable("level", "GRID")
			.variable("bbox", insideOf(county.village()))
			.variable("period", yearLessADay)
			.execute()
			.path("mapLayer.features[*].properties.total")
			.entityList(Integer.class)
			.containsExactly(6, 0);
	}

	/**
	 * A count shown (the parent) minus the counts shown of the nodes it is made of gives
	 * no withheld one back: none withheld, or at least two adding up to 3 or more.
	 */
	private static void assertNoneGivenBack(String cell, String measure, Map<String, Map<String, Number>> parent,
			List<Map<String, Map<String, Number>>> parts) {
		Number whole = parent.get(cell).get(measure);
		long shown = 0;
		int withheld = 0;
		for (Map<String, Map<String, Number>> part : parts) {
			Number count = part.get(cell).get(measure);
			if (count == null) {
				withheld++;
			}
			else {
				shown += count.longValue();
			}
		}
		if (whole != null && withheld > 0) {
			assertThat(withheld).as("%s of %s: parts withheld", measure, cell).isGreaterThanOrEqualTo(2);
			assertThat(whole.longValue() - shown).as("%s of %s: the whole minus the parts shown", measure, cell)
				.isGreaterThanOrEqualTo(3);
		}
	}

	/** The grid layer of the fresh county's village for a planner: counts by cell. */
	@SuppressWarnings("unchecked")
	private Map<String, Map<String, Number>> layer(FreshCounty county, Map<String, Object> period) {
		List<Map<String, Object>> features = this.client.planner()
			.documentName("map/mapLayerOfPeriod")
			.variable("level", "GRID")
			.variable("bbox", insideOf(county.village()))
			.variable("period", period)
			.execute()
			.path("mapLayer.features[*].properties")
			.entityList(MAP)
			.get();
		Map<String, Map<String, Number>> byCell = new HashMap<>();
		for (Map<String, Object> properties : features) {
			Map<String, Number> counts = new HashMap<>();
			counts.put("total", (Number) properties.get("total"));
			counts.put("open", (Number) properties.get("open"));
			byCell.put((String) properties.get("code"), counts);
		}
		assertThat(byCell).containsKeys(county.cells().toArray(String[]::new));
		return byCell;
	}

	/** The calendar node of {@code months} months from the first of the month. */
	private static Map<String, Object> node(int year, int month, int months) {
		LocalDate start = LocalDate.of(year, month, 1);
		return period(start + "T00:00:00+08:00", start.plusMonths(months) + "T00:00:00+08:00");
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP = (Class) Map.class;

	private void submitAt(String instant, String cellCode, int petitions) {
		this.clock.set(OffsetDateTime.parse(instant));
		String citizen = this.people.citizen(cellCode).username();
		for (int i = 0; i < petitions; i++) {
			this.client.submitIn(citizen, this.areas.find(cellCode).orElseThrow(), "STREET_LIGHT");
		}
		this.clock.reset();
	}

	private long total(String username, String code, Map<String, Object> period) {
		return this.client.as(username)
			.documentName("analytics/statsTotalOfPeriod")
			.variable("code", code)
			.variable("period", period)
			.execute()
			.path("area.stats.total")
			.entity(Long.class)
			.get();
	}

	private void assertAnswered(String username, String code, Map<String, Object> period) {
		this.client.as(username)
			.documentName("analytics/statsTotalOfPeriod")
			.variable("code", code)
			.variable("period", period)
			.execute()
			.path("area.stats.total")
			.entity(Long.class)
			.satisfies(total -> assertThat(total).isGreaterThanOrEqualTo(0));
	}

	private static void assertRefused(GraphQlTester.Request<?> request) {
		GraphQlTester.Response response = request.execute();
		response.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "VALIDATION"))
				.satisfies(error -> assertThat(error.getMessage()).contains("公开统计只按整月、整季度或整年")));
	}

	static Map<String, Object> period(String from, String to) {
		Map<String, Object> period = new HashMap<>();
		period.put("from", from);
		period.put("to", to);
		return period;
	}

	/** A box inside the area, away from its edges (which neighbouring counties touch). */
	private Map<String, Object> insideOf(String code) {
		Envelope box = this.areas.find(code).orElseThrow().boundary().getEnvelopeInternal();
		double dx = box.getWidth() / 10;
		double dy = box.getHeight() / 10;
		return Map.of("west", box.getMinX() + dx, "south", box.getMinY() + dy, "east", box.getMaxX() - dx, "north",
				box.getMaxY() - dy);
	}

	private Map<String, Object> bboxOf(String code) {
		Envelope box = this.areas.find(code).orElseThrow().boundary().getEnvelopeInternal();
		return Map.of("west", box.getMinX(), "south", box.getMinY(), "east", box.getMaxX(), "north", box.getMaxY());
	}

}
