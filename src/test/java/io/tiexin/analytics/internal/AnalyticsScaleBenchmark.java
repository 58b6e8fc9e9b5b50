package io.tiexin.analytics.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;

import io.tiexin.TiexinIntegrationTest;
import io.tiexin.demo.DemoHistoryGenerator.Plan;
import io.tiexin.demo.DemoHistoryLoader;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not part of the suite (the name does not end in IT): loads 1,000,000 petitions (four
 * generated years of 250,000 over the county, about three minutes) and prints the time of
 * the analytics queries over HTTP, median of seven after two warm-up runs, and of the
 * three statements behind {@code stats}. Run it with
 * {@code scripts/test -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=AnalyticsScaleBenchmark}
 * and read the lines starting with SCALE.
 */
@TiexinIntegrationTest
class AnalyticsScaleBenchmark {

	@Autowired
	DemoHistoryLoader loader;

	@Autowired
	DevTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AnalyticsRepository repository;

	@Test
	void measure() {
		long started = System.nanoTime();
		for (int batch = 0; batch < 4; batch++) {
			this.loader.load(new Plan("360322", 250_000, LocalDate.of(2025, 1, 1), 365,
					OffsetDateTime.parse("2026-01-01T00:00:00+08:00"), 1000 + batch, 8));
		}
		System.out.printf("SCALE load 1,000,000 petitions: %d ms%n", (System.nanoTime() - started) / 1_000_000);
		started = System.nanoTime();
		this.jdbc.sql("VACUUM ANALYZE petition").update();
		this.jdbc.sql("VACUUM ANALYZE petition_rollup").update();
		System.out.printf("SCALE vacuum analyze: %d ms%n", (System.nanoTime() - started) / 1_000_000);
		System.out.println("SCALE petitions "
				+ this.jdbc.sql("SELECT count(*) FROM petition").query(Long.class).single() + ", rollup rows "
				+ this.jdbc.sql("SELECT count(*) FROM petition_rollup").query(Long.class).single() + " by grain "
				+ this.jdbc.sql(
						"SELECT string_agg(grain || ':' || n, ' ') FROM (SELECT grain, count(*) n FROM petition_rollup GROUP BY grain ORDER BY grain) g")
					.query(String.class)
					.single());
		RollupPeriod yearPeriod = RollupPeriod.of(new io.tiexin.shared.PeriodInput(
				OffsetDateTime.parse("2025-01-01T00:00:00+08:00"), OffsetDateTime.parse("2026-01-01T00:00:00+08:00")));
		for (String code : java.util.List.of("360322", "360322101", "360322101217")) {
			for (int run = 0; run < 4; run++) {
				long t0 = System.nanoTime();
				this.repository.counts(java.util.List.of(code), yearPeriod, null);
				long t1 = System.nanoTime();
				this.repository.overdue(java.util.List.of(code), yearPeriod, null, OffsetDateTime.now());
				long t2 = System.nanoTime();
				this.repository.medianHoursToClose(java.util.List.of(code), yearPeriod);
				long t3 = System.nanoTime();
				System.out.printf("SCALE parts %s counts %d ms overdue %d ms median %d ms%n", code,
						(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
			}
		}
		HttpGraphQlTester planner = this.tokens.as("planner")
			.mutate()
			.webTestClient(client -> client.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(256 << 20))
				.responseTimeout(java.time.Duration.ofMinutes(5)))
			.build();
		String year = "{from: \"2025-01-01T00:00:00+08:00\", to: \"2026-01-01T00:00:00+08:00\"}";
		String partial = "{from: \"2025-01-01T09:30:00+08:00\", to: \"2025-12-31T18:00:00+08:00\"}";
		time(planner, "stats county, whole-day year", "{ area(code: \"360322\") { stats(period: " + year
				+ ") { total open closed overdue closureRate onTimeRate medianHoursToClose satisfactionRate resolvedInVillageRate byStatus { count } byCategory { count } } } }");
		time(planner, "stats county, year with partial days",
				"{ area(code: \"360322\") { stats(period: " + partial + ") { total medianHoursToClose } } }");
		time(planner, "stats county, counts only (no median)", "{ area(code: \"360322\") { stats(period: " + year
				+ ") { total open closed overdue closureRate satisfactionRate } } }");
		time(planner, "stats 1 village",
				"{ area(code: \"360322101217\") { stats(period: " + year + ") { total medianHoursToClose } } }");
		time(planner, "stats all 10 townships",
				"{ area(code: \"360322\") { children { stats(period: " + year + ") { total medianHoursToClose } } } }");
		time(planner, "hotspots GRID county (2,339 cells)",
				"{ hotspots(areaCode: \"360322\", period: " + year + ") { hot cold cells { count zScore bin } } }");
		time(planner, "hotspots GRID county with geometry", "{ hotspots(areaCode: \"360322\", period: " + year
				+ ") { hot cold cells { geometry count zScore bin } } }");
		time(planner, "hotspots HEXAGON 250 m county", "{ hotspots(areaCode: \"360322\", period: " + year
				+ ", unit: HEXAGON, cellSizeMeters: 250) { hot cold cells { count zScore bin } } }");
		time(planner, "mapLayer GRID", "{ mapLayer(level: GRID, period: " + year + ") }");
		time(planner, "clusters township 360322101", "{ clusters(areaCode: \"360322101\", period: " + year
				+ ", epsMeters: 30, minPoints: 20) { id size } }");
	}

	// A benchmark, not a test: its documents stay written here, next to the labels of the
	// timings they produce (docs/testing.md lets benchmarks keep their text).
	private static void time(HttpGraphQlTester tester, String label, String query) {
		long[] millis = new long[7];
		for (int run = -2; run < millis.length; run++) {
			long started = System.nanoTime();
			tester.document(query).execute().errors().verify();
			if (run >= 0) {
				millis[run] = (System.nanoTime() - started) / 1_000_000;
			}
		}
		Arrays.sort(millis);
		System.out.printf("SCALE %-45s median %5d ms  min %5d ms  max %5d ms%n", label, millis[millis.length / 2],
				millis[0], millis[millis.length - 1]);
	}

}
