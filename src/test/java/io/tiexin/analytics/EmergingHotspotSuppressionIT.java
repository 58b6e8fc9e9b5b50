package io.tiexin.analytics;

import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Complementary suppression of {@code emergingHotspots}' per-step counts (issue 14), on a
 * village claimed for this class, January to June 2019 (a half year no other test writes
 * to). Cell A has 1 petition in January and 4 in each later month; cell B 5 in January
 * and 5 in February; the village's other cells none. A's January 1 is withheld; were it
 * alone, the village's January (its trend) minus the cells shown would give it back, and
 * so would A's half year (its stats) minus A's months shown.
 */
@TiexinIntegrationTest
class EmergingHotspotSuppressionIT {

	static final String VILLAGE = AreaFixtures.claim(EmergingHotspotSuppressionIT.class, "360322105205");

	static final String FROM = "2019-01-01T00:00:00+08:00";

	static final String TO = "2019-07-01T00:00:00+08:00";

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static boolean loaded;

	@Autowired
	GraphQlClient client;

	@Autowired
	AreaCatalog areas;

	@Autowired
	JdbcClient jdbc;

	Area a;

	Area b;

	@BeforeEach
	void loadHalfYearOnce() {
		List<Area> cells = this.areas.children(VILLAGE);
		this.a = cells.get(0);
		this.b = cells.get(1);
		synchronized (EmergingHotspotSuppressionIT.class) {
			if (!loaded) {
				insert(this.a, 1, 1);
				for (int month = 2; month <= 6; month++) {
					insert(this.a, month, 4);
				}
				insert(this.b, 1, 5);
				insert(this.b, 2, 5);
				loaded = true;
			}
		}
	}

	@Test
	void noWithheldStepComesBackFromTheVillagesStepOrTheCellsHalfYear() {
		Map<String, List<Integer>> counts = counts(this.client.planner());
		assertThat(counts.get(this.a.code())).as("A's January (1), as a planner reads it").startsWith(0);

		// The village's January, from its trend, minus every cell's January shown.
		long villageJanuary = this.client.planner()
			.documentName("analytics/trendCounts")
			.variable("code", VILLAGE)
			.variable("interval", "MONTH")
			.variable("period", Map.of("from", FROM, "to", TO))
			.execute()
			.path("area.trend[0].count")
			.entity(Long.class)
			.get();
		// Only two cells have cases in January, so no three can be withheld among them:
		// the village's January 6 is withheld (a grid member of B would subtract their
		// 5).
		assertThat(villageJanuary).as("the village's January, withheld").isZero();
		long januaryShown = counts.values().stream().mapToLong(steps -> steps.get(0)).sum();
		assertThat(villageJanuary - januaryShown).as("the village's January minus the cells shown").isNotEqualTo(1);

		// A's half year is no node of the calendar: refused to a planner
		// (CalendarPeriodIT).
		// Its quarters, from its stats, minus A's months shown in each give no month
		// back.
		assertThat(GraphQlClient.errorCode(this.client.planner()
			.documentName("analytics/areaStats")
			.variable("code", this.a.code())
			.variable("period", Map.of("from", FROM, "to", TO)))).isEqualTo("VALIDATION");
		List<Integer> aMonths = counts.get(this.a.code());
		for (int quarter = 0; quarter < 2; quarter++) {
			long total = this.client.planner()
				.documentName("analytics/areaStats")
				.variable("code", this.a.code())
				.variable("period",
						Map.of("from", "2019-%02d-01T00:00:00+08:00".formatted(1 + 3 * quarter), "to",
								"2019-%02d-01T00:00:00+08:00".formatted(4 + 3 * quarter)))
				.execute()
				.path("area.stats.total")
				.entity(Long.class)
				.get();
			long shown = aMonths.subList(3 * quarter, 3 * quarter + 3).stream().mapToLong(Integer::longValue).sum();
			assertThat(total == 0 || total == shown || total - shown >= 3)
				.as("A's quarter %d (%d) minus its months shown (%d)", quarter + 1, total, shown)
				.isTrue();
		}

		// and B's row, whose January was withheld for A's sake, has a second one
		assertThat(counts.get(this.b.code())).containsExactly(0, 0, 0, 0, 0, 0);
	}

	@Test
	void whoMaySeeTheCasesGetsEveryCount() {
		Map<String, List<Integer>> counts = counts(this.client.admin());
		assertThat(counts.get(this.a.code())).containsExactly(1, 4, 4, 4, 4, 4);
		assertThat(counts.get(this.b.code())).containsExactly(5, 5, 0, 0, 0, 0);
	}

	/**
	 * Gi* is linear in the counts, so z-scores computed from the exact counts can be
	 * solved back to a withheld one. A planner's z-scores, bins and patterns are computed
	 * from the counts as published (each withheld one standing in as one fixed value):
	 * with A's January 2 instead of 1 (withheld either way) they are the same, whether
	 * January is analysed or read as a neighbour only; the administrator's, from the
	 * exact counts, change.
	 */
	@Test
	void aPlannersZScoresAreTheSameWhateverAWithheldCountIs() {
		// January analysed (six months), then read as a neighbour only (five, one back)
		for (int back : new int[] { 0, 1 }) {
			Map<String, Object> before = zScores(this.client.planner(), back);
			Map<String, Object> exactBefore = zScores(this.client.admin(), back);
			this.jdbc.sql("""
					INSERT INTO petition (tracking_number, title, category_code, channel, urgency, status, level, point,
					    grid_code, area_code, match_method, submitter_id, submitted_at)
					SELECT 'Z' || right(a.code, 6), '路灯不亮', 'STREET_LIGHT', 'MINI_PROGRAM', 'NORMAL', 'SUBMITTED',
					       'VILLAGE', ST_PointOnSurface(a.boundary), a.code, a.code, 'CONTAINS',
					       (SELECT min(id) FROM person WHERE 'CITIZEN' = ANY (roles)),
					       make_timestamptz(2019, 1, 20, 10, 0, 0, 'Asia/Shanghai')
					FROM area a WHERE a.code = :cell""").param("cell", this.a.code()).update();
			try {
				assertThat(counts(this.client.admin()).get(this.a.code())).as("A's January, now 2").startsWith(2);
				assertThat(zScores(this.client.planner(), back)).as("a planner's statistics, %d steps back", back)
					.isEqualTo(before);
				assertThat(zScores(this.client.admin(), back)).as("the administrator's, from the exact counts")
					.isNotEqualTo(exactBefore);
			}
			finally {
				this.jdbc.sql("DELETE FROM petition WHERE tracking_number = 'Z' || right(:cell, 6)")
					.param("cell", this.a.code())
					.update();
			}
		}
	}

	private Map<String, Object> zScores(GraphQlTester viewer, int neighbourhoodTimeSteps) {
		return viewer.documentName("analytics/emergingHotspotZScores")
			.variable("areaCode", VILLAGE)
			.variable("periods", 6 - neighbourhoodTimeSteps)
			.variable("endingAt", TO)
			.variable("neighbourhoodTimeSteps", neighbourhoodTimeSteps)
			.execute()
			.path("emergingHotspots")
			.entity(MAP)
			.get();
	}

	private Map<String, List<Integer>> counts(GraphQlTester viewer) {
		List<Map<String, Object>> cells = viewer.documentName("analytics/emergingHotspots")
			.variable("areaCode", VILLAGE)
			.variable("periods", 6)
			.variable("endingAt", TO)
			.execute()
			.path("emergingHotspots.cells")
			.entityList(MAP)
			.get();
		assertThat(cells).hasSize(this.areas.children(VILLAGE).size());
		return cells.stream()
			.collect(java.util.stream.Collectors.toMap(cell -> (String) ((Map<?, ?>) cell.get("area")).get("code"),
					cell -> ((List<?>) cell.get("counts")).stream().map(n -> ((Number) n).intValue()).toList()));
	}

	private void insert(Area cell, int month, int petitions) {
		this.jdbc.sql("""
				INSERT INTO petition (tracking_number, title, category_code, channel, urgency, status, level, point,
				    grid_code, area_code, match_method, submitter_id, submitted_at)
				SELECT 'E' || right(:cell, 6) || :month || '-' || k, '路灯不亮', 'STREET_LIGHT', 'MINI_PROGRAM', 'NORMAL',
				       'SUBMITTED', 'VILLAGE', ST_PointOnSurface(a.boundary), a.code, a.code, 'CONTAINS',
				       (SELECT min(id) FROM person WHERE 'CITIZEN' = ANY (roles)),
				       make_timestamptz(2019, :month, 1 + k, 10, 0, 0, 'Asia/Shanghai')
				FROM area a, generate_series(1, :petitions) AS k
				WHERE a.code = :cell""")
			.param("cell", cell.code())
			.param("month", month)
			.param("petitions", petitions)
			.update();
	}

}
