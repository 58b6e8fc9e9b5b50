package io.tiexin.analytics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.tiexin.GraphQlClient;
import io.tiexin.StatementCounter;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.demo.DemoHistoryLoader;
import io.tiexin.demo.DemoHistoryGenerator.Plan;
import io.tiexin.grid.AreaFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trends and emerging hot spots over HTTP against PostGIS, on 东源乡 in 2022 (a township
 * claimed for this class alone, {@link AreaFixtures#claim}, in a year no other test
 * writes to): a generated year of steady background, plus one grid cell near the
 * township's centre that is a hot spot from the start and grows: 40 + 3m more petitions
 * in month m.
 */
@TiexinIntegrationTest
class TrendsIT {

	static final String TOWNSHIP = AreaFixtures.claim(TrendsIT.class, "360322202");

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	/** The cell made to grow; set once for the shared database. */
	private static String grown;

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DemoHistoryLoader loader;

	@BeforeEach
	void loadHistoryOnce() {
		synchronized (TrendsIT.class) {
			if (grown == null) {
				this.loader.load(new Plan(TOWNSHIP, 3800, LocalDate.of(2022, 1, 1), 365,
						OffsetDateTime.parse("2023-01-01T00:00:00+08:00"), 2022, 0));
				grown = this.jdbc.sql("""
						SELECT c.code FROM area c, area t
						WHERE t.code = :township AND c.level = 'GRID' AND starts_with(c.code, :township)
						ORDER BY ST_Distance(ST_PointOnSurface(c.boundary), ST_Centroid(t.boundary)), c.code LIMIT 1""")
					.param("township", TOWNSHIP)
					.query(String.class)
					.single();
				// Month m of 2022 gets 40 + 3m more petitions in the grown cell, spread
				// over its days.
				this.jdbc
					.sql("""
							INSERT INTO petition (tracking_number, title, category_code, channel, urgency, status, level, point,
							    grid_code, area_code, match_method, submitter_id, submitted_at)
							SELECT 'T22-' || m || '-' || k, '道路坑洼', 'ROADS', 'MINI_PROGRAM', 'NORMAL', 'SUBMITTED', 'VILLAGE',
							       ST_PointOnSurface(a.boundary), a.code, a.code, 'CONTAINS',
							       (SELECT min(id) FROM person WHERE 'CITIZEN' = ANY (roles)),
							       make_timestamptz(2022, m, 1 + k % 28, 10, 0, 0, 'Asia/Shanghai')
							FROM area a, generate_series(1, 12) AS m, generate_series(1, 40 + 3 * m) AS k
							WHERE a.code = :cell""")
					.param("cell", grown)
					.update();
			}
		}
	}

	@Test
	void weeklyCountsEqualAGroupByOverThePetitionsWithEveryWeekPresent() {
		String from = "2022-03-09T12:00:00+08:00";
		String to = "2022-05-20T08:00:00+08:00";
		List<Map<String, Object>> buckets = countyStaff().documentName("analytics/weeklyTrend")
			.variable("code", TOWNSHIP)
			.variable("period", Map.of("from", from, "to", to))
			.execute()
			.path("area.trend")
			.entityList(MAP)
			.get();

		Map<String, Long> expected = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT date_trunc('week', p.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS week, p.category_code, count(*) AS n
					FROM petition p
					WHERE starts_with(p.area_code, :township) AND p.submitted_at >= CAST(:from AS timestamptz)
					  AND p.submitted_at < CAST(:to AS timestamptz)
					GROUP BY 1, 2""")
			.param("township", TOWNSHIP)
			.param("from", from)
			.param("to", to)
			.query((rs, row) -> expected.put(rs.getString("week") + "/" + rs.getString("category_code"),
					rs.getLong("n")))
			.list();

		// Wednesday 9 March to Friday 20 May: the weeks of 7 March .. 16 May, the ends
		// cut to the period.
		assertThat(buckets).hasSize(11);
		assertThat(time(buckets.get(0), "start")).isEqualTo("2022-03-09T12:00+08:00");
		assertThat(time(buckets.get(1), "start")).isEqualTo("2022-03-14T00:00+08:00");
		assertThat(time(buckets.get(10), "end")).isEqualTo("2022-05-20T08:00+08:00");
		long total = 0;
		for (Map<String, Object> bucket : buckets) {
			String week = LocalDate.parse(((String) bucket.get("start")).substring(0, 10))
				.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
				.toString();
			long sum = 0;
			for (Map<?, ?> category : categories(bucket)) {
				String code = (String) ((Map<?, ?>) category.get("category")).get("code");
				long count = ((Number) category.get("count")).longValue();
				assertThat(count).as(week + "/" + code).isEqualTo(expected.getOrDefault(week + "/" + code, 0L));
				sum += count;
			}
			assertThat(((Number) bucket.get("count")).longValue()).isEqualTo(sum);
			total += sum;
		}
		assertThat(total).isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum()).isPositive();
	}

	@Test
	void monthlyCountsOfACategoryEqualAGroupByAndEmptyDaysAreZero() {
		List<Map<String, Object>> months = countyStaff().documentName("analytics/monthlyTrendOfCategory")
			.variable("code", TOWNSHIP)
			.variable("period", Map.of("from", "2022-01-01T00:00:00+08:00", "to", "2023-01-01T00:00:00+08:00"))
			.variable("categoryCode", "ROADS")
			.execute()
			.path("area.trend")
			.entityList(MAP)
			.get();
		Map<String, Long> expected = this.jdbc.sql("""
				SELECT to_char(p.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, count(*) AS n
				FROM petition p
				WHERE starts_with(p.area_code, :township) AND p.category_code = 'ROADS'
				  AND p.submitted_at >= '2022-01-01T00:00:00+08:00' AND p.submitted_at < '2023-01-01T00:00:00+08:00'
				GROUP BY 1""")
			.param("township", TOWNSHIP)
			.query((rs, row) -> Map.entry(rs.getString("month"), rs.getLong("n")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

		assertThat(months).hasSize(12);
		for (Map<String, Object> month : months) {
			String key = ((String) month.get("start")).substring(0, 7);
			assertThat(((Number) month.get("count")).longValue()).as(key).isEqualTo(expected.get(key));
			assertThat(categories(month)).hasSize(1);
		}

		// The fortnight around new year 2022: the last days of 2021 had no petitions in
		// 东源乡.
		List<Map<String, Object>> days = countyStaff().documentName("analytics/dailyTrend")
			.variable("code", TOWNSHIP)
			.variable("period", Map.of("from", "2021-12-25T00:00:00+08:00", "to", "2022-01-08T00:00:00+08:00"))
			.execute()
			.path("area.trend")
			.entityList(MAP)
			.get();
		assertThat(days).hasSize(14);
		assertThat(days.subList(0, 7)).allSatisfy(day -> assertThat(day.get("count")).isEqualTo(0));
		assertThat(days.subList(7, 14).stream().mapToInt(day -> ((Number) day.get("count")).intValue()).sum())
			.isPositive();
	}

	@Test
	void trendsOfEveryVillageOfATownshipCostOneStatement() {
		GraphQlTester staff = countyStaff();
		Supplier<GraphQlTester.Request<?>> withoutTrend = () -> staff.documentName("analytics/childAreas")
			.variable("code", TOWNSHIP);
		Supplier<GraphQlTester.Request<?>> withTrend = () -> staff.documentName("analytics/childAreaTrends")
			.variable("code", TOWNSHIP)
			.variable("period", Map.of("from", "2022-01-01T00:00:00+08:00", "to", "2023-01-01T00:00:00+08:00"));
		withTrend.get().execute();

		long before = StatementCounter.count();
		withoutTrend.get().execute();
		long plain = StatementCounter.count() - before;
		before = StatementCounter.count();
		List<Map<String, Object>> villages = withTrend.get().execute().path("area.children").entityList(MAP).get();
		long withTrendCost = StatementCounter.count() - before;

		assertThat(withTrendCost - plain).isEqualTo(1);
		long sum = villages.stream()
			.flatMap(village -> ((List<?>) village.get("trend")).stream())
			.mapToLong(month -> ((Number) ((Map<?, ?>) month).get("count")).longValue())
			.sum();
		assertThat(sum).isEqualTo(this.jdbc.sql("SELECT count(*) FROM petition WHERE starts_with(area_code, '"
				+ TOWNSHIP
				+ "') AND submitted_at >= '2022-01-01T00:00:00+08:00' AND submitted_at < '2023-01-01T00:00:00+08:00'")
			.query(Long.class)
			.single());
	}

	@Test
	void aGrowingCellIsAnEmergingHotSpotAndTheSteadyBackgroundIsNot() {
		Map<String, Object> result = countyStaff().documentName("analytics/emergingHotspots")
			.variable("areaCode", TOWNSHIP)
			.variable("periods", 12)
			.variable("endingAt", "2023-01-01T00:00:00+08:00")
			.execute()
			.path("emergingHotspots")
			.entity(MAP)
			.get();

		List<Map<String, Object>> steps = list(result, "steps");
		assertThat(steps).hasSize(12);
		assertThat(time(steps.get(0), "start")).isEqualTo("2022-01-01T00:00+08:00");
		assertThat(time(steps.get(11), "end")).isEqualTo("2023-01-01T00:00+08:00");
		List<Map<String, Object>> cells = list(result, "cells");
		Map<String, Map<String, Object>> byCode = new HashMap<>();
		cells.forEach(cell -> byCode.put((String) ((Map<?, ?>) cell.get("area")).get("code"), cell));

		Map<String, Object> cell = byCode.get(grown);
		// Hot in every month, and more so each month.
		assertThat(cell.get("pattern")).as("%s", cell).isEqualTo("INTENSIFYING_HOT_SPOT");
		assertThat(((Number) cell.get("trendZScore")).doubleValue()).isGreaterThan(2);
		assertThat(((Number) cell.get("trendPValue")).doubleValue()).isLessThan(0.05);
		assertThat(((Number) cell.get("latestBin")).intValue()).isEqualTo(3);
		List<Integer> counts = ints(cell, "counts");
		assertThat(counts.get(11) - counts.get(0)).isGreaterThanOrEqualTo(25);

		// Cells whose neighbourhood does not hold the grown cell see a steady background
		// only.
		Set<String> nearGrown = new HashSet<>(this.jdbc
			.sql("""
					SELECT c.code FROM area c, area g
					WHERE g.code = :grown AND c.level = 'GRID' AND starts_with(c.code, :township) AND ST_Intersects(c.boundary, g.boundary)""")
			.param("grown", grown)
			.param("township", TOWNSHIP)
			.query(String.class)
			.list());
		// A few single false discoveries are the price of a 10 % false discovery rate
		// over 1,884 bins;
		// a trend over several steps is not.
		List<Map<String, Object>> elsewhere = cells.stream()
			.filter(c -> !nearGrown.contains(((Map<?, ?>) c.get("area")).get("code")))
			.toList();
		assertThat(elsewhere)
			.noneMatch(c -> Set.of("CONSECUTIVE_HOT_SPOT", "INTENSIFYING_HOT_SPOT").contains(c.get("pattern")));
		assertThat(elsewhere).filteredOn(c -> "NEW_HOT_SPOT".equals(c.get("pattern")))
			.hasSizeLessThanOrEqualTo(2)
			.allSatisfy(c -> assertThat(ints(c, "bins")).containsOnly(0, 1));
		assertThat(elsewhere.stream().filter(c -> "NO_PATTERN".equals(c.get("pattern"))).count())
			.isGreaterThan(elsewhere.size() * 9L / 10);

		// With ArcGIS's time neighbourhood of one step too.
		String withTimeNeighbours = countyStaff().documentName("analytics/emergingHotspotCellsWithTimeNeighbours")
			.variable("areaCode", TOWNSHIP)
			.variable("neighbourhoodTimeSteps", 1)
			.variable("endingAt", "2023-01-01T00:00:00+08:00")
			.variable("patterns", List.of("INTENSIFYING_HOT_SPOT", "NEW_HOT_SPOT", "CONSECUTIVE_HOT_SPOT"))
			.execute()
			.path("emergingHotspots.cells[*].area.code")
			.entityList(String.class)
			.get()
			.toString();
		assertThat(withTimeNeighbours).contains(grown);

		int counted = list(result, "patterns").stream().mapToInt(p -> ((Number) p.get("count")).intValue()).sum();
		assertThat(counted).isEqualTo(cells.size());
		assertThat(list(result, "patterns")).hasSize(17);
	}

	@Test
	void cellsCanBeFilteredByPattern() {
		List<Map<String, Object>> cells = countyStaff().documentName("analytics/emergingHotspotPatternsOfCells")
			.variable("areaCode", TOWNSHIP)
			.variable("endingAt", "2023-01-01T00:00:00+08:00")
			.variable("patterns", List.of("NO_PATTERN"))
			.execute()
			.path("emergingHotspots.cells")
			.entityList(MAP)
			.get();

		assertThat(cells).isNotEmpty().allSatisfy(cell -> assertThat(cell.get("pattern")).isEqualTo("NO_PATTERN"));
	}

	@Test
	void citizensMayNotReadTrendsAndBadArgumentsAreRefused() {
		GraphQlTester citizen = this.client.citizen();
		for (GraphQlTester.Request<?> query : List.of(
				citizen.documentName("analytics/trendCounts").variable("code", TOWNSHIP),
				citizen.documentName("analytics/emergingHotspotPatternsOfCells").variable("areaCode", TOWNSHIP))) {
			query.execute().errors().expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code"))).verify();
		}
		for (Call call : List.of(
				new Call("analytics/trendCounts",
						Map.of("code", TOWNSHIP, "interval", "DAY", "period",
								Map.of("from", "2020-01-01T00:00:00+08:00", "to", "2023-01-01T00:00:00+08:00"))),
				new Call("analytics/trendCounts", Map.of("code", TOWNSHIP, "categoryCode", "NOPE")),
				new Call("analytics/emergingHotspotPatternCounts", Map.of("areaCode", TOWNSHIP, "periods", 2)),
				new Call("analytics/emergingHotspotPatternCounts",
						Map.of("areaCode", TOWNSHIP, "neighbourhoodTimeSteps", 12)))) {
			countyStaff().documentName(call.document())
				.variables(call.variables())
				.execute()
				.errors()
				.expect(error -> "VALIDATION".equals(error.getExtensions().get("code"))
						&& error.getMessage().contains("("))
				.verify();
		}
	}

	/** A document of graphql-test/ and its variables. */
	record Call(String document, Map<String, Object> variables) {
	}

	/** With time to spare: the suite shares two cores with other builds. */
	/**
	 * The county administrator: these tests compare exact counts, which planners see only
	 * from 3 up (k-anonymity, covered by AccessMatrixIT).
	 */
	private GraphQlTester countyStaff() {
		return this.client.as("county-officer");
	}

	/**
	 * A DateTime field, as java.time writes it (so that "12:00:00.000" reads "12:00").
	 */
	private static String time(Map<String, Object> map, String key) {
		return OffsetDateTime.parse((String) map.get(key)).toString();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
		return (List<Map<String, Object>>) map.get(key);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<?, ?>> categories(Map<String, Object> bucket) {
		return (List<Map<?, ?>>) bucket.get("byCategory");
	}

	@SuppressWarnings("unchecked")
	private static List<Integer> ints(Map<String, Object> map, String key) {
		return (List<Integer>) map.get(key);
	}

}
