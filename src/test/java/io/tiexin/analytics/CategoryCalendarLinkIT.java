package io.tiexin.analytics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The choice linked over the calendar covers each category too (issue 14): a cell's
 * DISPUTE count of a quarter minus its months' DISPUTE counts shown must not give a
 * withheld month back. One DISPUTE case in January and four in February and in March in
 * one cell of a fresh county (five of another category each month, so the months' totals
 * are shown), five DISPUTE and five others each month in the other cell; 2018, a year no
 * other test submits in. Before, January's 1 was withheld in January's stats but the
 * quarter's 9 minus February's 4 and March's 4 gave it back.
 */
@TiexinIntegrationTest
class CategoryCalendarLinkIT {

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

	@Test
	void aCategorysQuarterMinusItsMonthsShownGivesNoMonthBack() {
		FreshCounty county = this.fixtures.freshCounty();
		int[] disputes = { 1, 4, 4 };
		for (int month = 1; month <= 3; month++) {
			String day = "2018-%02d-15T10:00:00+08:00".formatted(month);
			submitAt(day, county.cell(0), "DISPUTE", disputes[month - 1]);
			submitAt(day, county.cell(0), "STREET_LIGHT", 5);
			submitAt(day, county.cell(1), "DISPUTE", 5);
			submitAt(day, county.cell(1), "STREET_LIGHT", 5);
		}
		int quarter = dispute(county.cell(0), node(2018, 1, 3));
		List<Integer> months = new ArrayList<>();
		for (int month = 1; month <= 3; month++) {
			months.add(dispute(county.cell(0), node(2018, month, 1)));
		}
		assertThat(months.get(0)).as("January's one DISPUTE case: withheld (reads 0)").isZero();
		// Every count here is positive: a month reading 0 is withheld.
		long withheld = months.stream().filter(count -> count == 0).count();
		long shown = months.stream().mapToLong(Integer::longValue).sum();
		if (quarter != 0) {
			assertThat(withheld).as("DISPUTE months withheld in the quarter shown").isGreaterThanOrEqualTo(2);
			assertThat(quarter - shown).as("the quarter's DISPUTE minus its months shown").isGreaterThanOrEqualTo(3);
		}
	}

	/**
	 * What a month's own choice withholds is linked over the calendar too: in one cell,
	 * January has four DISPUTE cases and nothing else, February one DISPUTE and five
	 * STREET_LIGHT, March four and five; the other cell five of each every month; 2017, a
	 * year no other test submits in. The link withholds the cell's February DISPUTE (1)
	 * and its January DISPUTE as the complement; January's own table then withholds its
	 * total (DISPUTE its only part). Before, nothing linked that total: the quarter's 19
	 * minus February's 6 and March's 9 gave January's 4 back.
	 */
	@Test
	void aTotalAMonthsOwnTableWithholdsIsNotGivenBackByItsQuarter() {
		FreshCounty county = this.fixtures.freshCounty();
		int[] disputes = { 4, 1, 4 };
		int[] others = { 0, 5, 5 };
		for (int month = 1; month <= 3; month++) {
			String day = "2017-%02d-15T10:00:00+08:00".formatted(month);
			submitAt(day, county.cell(0), "DISPUTE", disputes[month - 1]);
			submitAt(day, county.cell(0), "STREET_LIGHT", others[month - 1]);
			submitAt(day, county.cell(1), "DISPUTE", 5);
			submitAt(day, county.cell(1), "STREET_LIGHT", 5);
		}
		int quarter = total(county.cell(0), node(2017, 1, 3));
		List<Integer> months = new ArrayList<>();
		for (int month = 1; month <= 3; month++) {
			months.add(total(county.cell(0), node(2017, month, 1)));
		}
		assertThat(months.get(0)).as("January's total, its one category's 4 withheld: withheld (reads 0)").isZero();
		// Every total here is positive: a month reading 0 is withheld.
		long withheld = months.stream().filter(count -> count == 0).count();
		long shown = months.stream().mapToLong(Integer::longValue).sum();
		if (quarter != 0) {
			assertThat(withheld).as("months' totals withheld in the quarter shown").isGreaterThanOrEqualTo(2);
			assertThat(quarter - shown).as("the quarter's total minus its months' shown").isGreaterThanOrEqualTo(3);
		}
	}

	private int total(String code, Map<String, Object> period) {
		return this.client.planner()
			.documentName("analytics/statsTotalOfPeriod")
			.variable("code", code)
			.variable("period", period)
			.execute()
			.path("area.stats.total")
			.entity(Integer.class)
			.get();
	}

	private int dispute(String code, Map<String, Object> period) {
		List<Map<String, Object>> byCategory = this.client.planner()
			.documentName("analytics/areaStatsByCategory")
			.variable("code", code)
			.variable("period", period)
			.execute()
			.path("area.stats.byCategory")
			.entityList(MAP)
			.get();
		return byCategory.stream()
			.filter(count -> "DISPUTE".equals(((Map<?, ?>) count.get("category")).get("code")))
			.mapToInt(count -> ((Number) count.get("count")).intValue())
			.findFirst()
			.orElseThrow();
	}

	/** The calendar node of {@code months} months from the first of the month. */
	private static Map<String, Object> node(int year, int month, int months) {
		LocalDate start = LocalDate.of(year, month, 1);
		return Map.of("from", start + "T00:00:00+08:00", "to", start.plusMonths(months) + "T00:00:00+08:00");
	}

	private void submitAt(String instant, String cellCode, String category, int petitions) {
		this.clock.set(OffsetDateTime.parse(instant));
		String citizen = this.people.citizen(cellCode).username();
		for (int i = 0; i < petitions; i++) {
			this.client.submitIn(citizen, this.areas.find(cellCode).orElseThrow(), category);
		}
		this.clock.reset();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
