package io.tiexin.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;

import io.tiexin.TiexinIntegrationTest;
import io.tiexin.demo.DemoHistoryLoader;
import io.tiexin.demo.DemoHistoryGenerator.Plan;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not part of the suite (the name does not end in IT): loads the demo's year (27,000
 * petitions over the county, as the demo profile does) and prints the time of trends and
 * emerging hot spots over HTTP, median of seven after two warm-up runs. Run it with
 * {@code scripts/test -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=TrendsBenchmark}
 * and read the lines starting with TRENDS.
 */
@TiexinIntegrationTest
class TrendsBenchmark {

	@Autowired
	DemoHistoryLoader loader;

	@Autowired
	DevTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Test
	void measure() {
		this.loader.load(new Plan("360322", 27_000, LocalDate.of(2025, 1, 1), 365,
				OffsetDateTime.parse("2026-01-01T00:00:00+08:00"), 360322, 8));
		this.jdbc.sql("VACUUM ANALYZE petition_rollup").update();
		HttpGraphQlTester planner = this.tokens.as("planner")
			.mutate()
			.webTestClient(client -> client.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(256 << 20))
				.responseTimeout(Duration.ofMinutes(5)))
			.build();
		String year = "{from: \"2025-01-01T00:00:00+08:00\", to: \"2026-01-01T00:00:00+08:00\"}";
		String end = "endingAt: \"2026-01-01T00:00:00+08:00\"";
		time(planner, "trend county, 12 months",
				"{ area(code: \"360322\") { trend(period: " + year + ") { count byCategory { count } } } }");
		time(planner, "trend county, 365 days", "{ area(code: \"360322\") { trend(interval: DAY, period: " + year
				+ ") { count byCategory { count } } } }");
		time(planner, "trend 173 villages, 53 weeks",
				"{ area(code: \"360322\") { children { children { trend(interval: WEEK, period: " + year
						+ ") { count } } } } }");
		time(planner, "emergingHotspots county 2,339 cells x 12 months", "{ emergingHotspots(areaCode: \"360322\", "
				+ end + ") { patterns { pattern count } cells { pattern trendZScore latestBin } } }");
		time(planner, "emergingHotspots county, with geometry + series", "{ emergingHotspots(areaCode: \"360322\", "
				+ end + ") { cells { area { code } geometry pattern counts zScores bins } } }");
		time(planner, "emergingHotspots county 52 weeks",
				"{ emergingHotspots(areaCode: \"360322\", interval: WEEK, periods: 52, " + end
						+ ") { patterns { pattern count } } }");
		for (int k = 0; k <= 1; k++) {
			System.out.println("TRENDS patterns county 12 months, neighbourhoodTimeSteps " + k + ": "
					+ planner
						.document("{ emergingHotspots(areaCode: \"360322\", neighbourhoodTimeSteps: " + k + ", " + end
								+ ") { patterns { pattern count } } }")
						.execute()
						.path("emergingHotspots.patterns")
						.entityList(Object.class)
						.get());
		}
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
		System.out.printf("TRENDS %-50s median %5d ms  min %5d ms  max %5d ms%n", label, millis[millis.length / 2],
				millis[0], millis[millis.length - 1]);
	}

}
