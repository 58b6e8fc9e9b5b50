package io.tiexin.analytics.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.demo.DemoHistoryGenerator.Plan;
import io.tiexin.demo.DemoHistoryLoader;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.shared.PeriodInput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-binned forms analytics reads at scale give the answers they replace: H3 cells
 * computed in SQL (V22) are H3Core's, H3 hot spots from petition_h3_count (V22_1) are
 * those from every point placed in Java, and the median time to close from
 * petition_close_hours (V22_2) is {@code percentile_cont(0.5)} over the petitions, also
 * after the triggers have followed updates and deletes. On a generated history of 鸡冠山乡
 * from March to June 2021.
 */
@TiexinIntegrationTest
class PrebinnedAnalyticsIT {

	static final String TOWNSHIP = AreaFixtures.claim(PrebinnedAnalyticsIT.class, "360322200");

	static final String COUNTY = "360322";

	/** Whole months of the history. */
	static final PeriodInput APRIL_MAY = new PeriodInput(OffsetDateTime.parse("2021-04-01T00:00:00+08:00"),
			OffsetDateTime.parse("2021-06-01T00:00:00+08:00"));

	/** Partial months and partial days at both ends. */
	static final PeriodInput RAGGED = new PeriodInput(OffsetDateTime.parse("2021-03-10T13:30:00+08:00"),
			OffsetDateTime.parse("2021-05-20T08:15:00+08:00"));

	/** A whole year (2021) with whole and partial months around it. */
	static final PeriodInput ACROSS_YEARS = new PeriodInput(OffsetDateTime.parse("2020-11-15T10:00:00+08:00"),
			OffsetDateTime.parse("2022-02-10T00:00:00+08:00"));

	/** Within one month, partial days at both ends. */
	static final PeriodInput WITHIN_APRIL = new PeriodInput(OffsetDateTime.parse("2021-04-03T06:00:00+08:00"),
			OffsetDateTime.parse("2021-04-21T18:00:00+08:00"));

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static boolean loaded;

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DemoHistoryLoader loader;

	@Autowired
	HotspotAnalysis analysis;

	@BeforeEach
	void loadHistoryOnce() {
		synchronized (PrebinnedAnalyticsIT.class) {
			if (!loaded) {
				this.loader.load(new Plan(TOWNSHIP, 1500, LocalDate.of(2021, 3, 1), 120,
						OffsetDateTime.parse("2021-07-01T00:00:00+08:00"), 19, 2));
				loaded = true;
			}
		}
	}

	@Test
	void h3CellsComputedInSqlAreH3CoresAtEveryResolution() throws IOException {
		H3Core h3 = H3Core.newInstance();
		Random random = new Random(19);
		List<double[]> points = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			// Uniform on the sphere, so every face and base cell is likely visited.
			points.add(new double[] { Math.toDegrees(Math.asin(2 * random.nextDouble() - 1)),
					360 * random.nextDouble() - 180 });
		}
		// Around the twelve pentagons, where H3 rotates digits differently.
		for (long pentagon : h3.getPentagons(0)) {
			LatLng centre = h3.cellToLatLng(pentagon);
			for (int i = 0; i < 100; i++) {
				points.add(new double[] { centre.lat + 4 * (random.nextDouble() - 0.5),
						centre.lng + 4 * (random.nextDouble() - 0.5) });
			}
		}
		for (int i = 0; i < 1000; i++) {
			points.add(new double[] { 27.5 + 0.3 * random.nextDouble(), 113.7 + 0.3 * random.nextDouble() });
		}
		List<Long[]> computed = this.jdbc.sql("""
				SELECT h3_cells_5_to_12(p.lat, p.lng) AS cells
				FROM unnest(CAST(:lats AS float8[]), CAST(:lngs AS float8[])) WITH ORDINALITY AS p(lat, lng, n)
				ORDER BY p.n""")
			.param("lats", points.stream().mapToDouble(p -> p[0]).boxed().toArray(Double[]::new))
			.param("lngs", points.stream().mapToDouble(p -> p[1]).boxed().toArray(Double[]::new))
			.query((rs, row) -> (Long[]) rs.getArray("cells").getArray())
			.list();

		assertThat(computed).hasSameSizeAs(points);
		for (int i = 0; i < points.size(); i++) {
			double[] point = points.get(i);
			for (int resolution = 5; resolution <= 12; resolution++) {
				assertThat(computed.get(i)[resolution - 5])
					.as("cell of %s, %s at resolution %d", point[0], point[1], resolution)
					.isEqualTo(h3.latLngToCell(point[0], point[1], resolution));
			}
		}
	}

	@Test
	void binnedH3HotspotsEqualThoseFromEveryPoint() {
		assertBinnedEqualPointStreamed();

		// Moves, re-dates and deletes: the triggers keep the bins.
		this.jdbc.sql("""
				UPDATE petition SET point = ST_Translate(point, 0.004, -0.003)
				WHERE id IN (SELECT id FROM petition WHERE starts_with(area_code, :township) ORDER BY id LIMIT 40)""")
			.param("township", TOWNSHIP)
			.update();
		this.jdbc
			.sql("""
					UPDATE petition SET submitted_at = submitted_at + interval '17 days'
					WHERE id IN (SELECT id FROM petition WHERE starts_with(area_code, :township) ORDER BY id DESC LIMIT 40)""")
			.param("township", TOWNSHIP)
			.update();
		this.jdbc.sql("""
				UPDATE petition SET status = 'CLOSED', closed_at = submitted_at + interval '3 days'
				WHERE id IN (SELECT id FROM petition WHERE starts_with(area_code, :township) AND status <> 'CLOSED'
				             ORDER BY id LIMIT 20)""").param("township", TOWNSHIP).update();
		// The history's petitions have no visits, meeting items or whistles: only events
		// refer to them.
		List<Long> deleted = this.jdbc
			.sql("SELECT id FROM petition WHERE starts_with(area_code, :township) ORDER BY id LIMIT 60 OFFSET 100")
			.param("township", TOWNSHIP)
			.query(Long.class)
			.list();
		this.jdbc.sql("DELETE FROM petition_event WHERE petition_id = ANY (CAST(:ids AS bigint[]))")
			.param("ids", deleted.toArray(Long[]::new))
			.update();
		this.jdbc.sql("DELETE FROM petition WHERE id = ANY (CAST(:ids AS bigint[]))")
			.param("ids", deleted.toArray(Long[]::new))
			.update();

		assertBinnedEqualPointStreamed();
		assertThat(binDifferences()).isZero();
	}

	@Test
	void theMedianTimeToCloseIsPercentileContOverThePetitions() {
		assertMediansArePercentileCont();

		this.jdbc.sql("""
				UPDATE petition SET status = 'CLOSED', closed_at = submitted_at + interval '41 hours 13 minutes'
				WHERE id IN (SELECT id FROM petition WHERE starts_with(area_code, :township) AND status <> 'CLOSED'
				             ORDER BY id LIMIT 30)""").param("township", TOWNSHIP).update();
		// Reopened, and a closing time corrected.
		this.jdbc.sql("""
				UPDATE petition SET status = 'IN_PROGRESS', closed_at = NULL, satisfaction = NULL
				WHERE id IN (SELECT id FROM petition WHERE starts_with(area_code, :township) AND status = 'CLOSED'
				             ORDER BY id DESC LIMIT 25)""").param("township", TOWNSHIP).update();
		this.jdbc.sql("""
				UPDATE petition SET closed_at = closed_at + interval '5 hours 7 minutes'
				WHERE id IN (SELECT id FROM petition WHERE starts_with(area_code, :township) AND status = 'CLOSED'
				             ORDER BY id LIMIT 25)""").param("township", TOWNSHIP).update();

		assertMediansArePercentileCont();
		assertThat(histogramDifferences()).isZero();
	}

	private void assertBinnedEqualPointStreamed() {
		String village = firstChild(TOWNSHIP);
		record Case(String area, PeriodInput period, int resolution) {
		}
		List<Case> cases = List.of(new Case(TOWNSHIP, null, 9), new Case(TOWNSHIP, APRIL_MAY, 9),
				new Case(TOWNSHIP, RAGGED, 10), new Case(TOWNSHIP, WITHIN_APRIL, 8), new Case(COUNTY, null, 7),
				new Case(COUNTY, RAGGED, 6), new Case(COUNTY, ACROSS_YEARS, 9), new Case(village, null, 12),
				new Case(village, APRIL_MAY, 11));
		for (Case c : cases) {
			HotspotResult binned = this.analysis.hotspots(c.area(), c.period(), null, HotspotUnit.H3, null, null,
					c.resolution(), true);
			HotspotResult streamed = this.analysis.h3HotspotsFromPoints(c.area(), c.period(), null, c.resolution(),
					null, true);
			assertThat(binned.cells()).as("%s", c).isNotEmpty();
			assertThat(binned).as("%s", c).isEqualTo(streamed);
		}
	}

	private void assertMediansArePercentileCont() {
		String village = firstChild(TOWNSHIP);
		String cell = firstChild(village);
		List<PeriodInput> periods = new ArrayList<>(List.of(APRIL_MAY, RAGGED, WITHIN_APRIL, ACROSS_YEARS,
				new PeriodInput(OffsetDateTime.parse("2021-04-03T06:00:00+08:00"),
						OffsetDateTime.parse("2021-04-03T18:00:00+08:00"))));
		periods.add(null);
		for (String area : List.of(COUNTY, TOWNSHIP, village, cell)) {
			for (PeriodInput period : periods) {
				Map<String, Object> variables = new HashMap<>();
				variables.put("code", area);
				if (period != null) {
					variables.put("period", Map.of("from", period.from().toString(), "to", period.to().toString()));
				}
				// The county administrator sees the cases, so no small count is withheld.
				Map<String, Object> stats = this.client.admin()
					.documentName("analytics/areaStats")
					.variables(variables)
					.execute()
					.path("area.stats")
					.entity(MAP)
					.get();
				Number median = (Number) stats.get("medianHoursToClose");
				Double expected = this.jdbc
					.sql("""
							SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - submitted_at) / 3600)
							FROM petition p
							WHERE starts_with(p.area_code, :area) AND p.status = 'CLOSED' AND p.closed_at IS NOT NULL
							  AND (CAST(:from AS timestamptz) IS NULL OR p.submitted_at >= CAST(:from AS timestamptz))
							  AND (CAST(:to AS timestamptz) IS NULL OR p.submitted_at < CAST(:to AS timestamptz))""")
					.param("area", area)
					.param("from", (period != null) ? period.from() : null)
					.param("to", (period != null) ? period.to() : null)
					.query((rs, row) -> (Double) rs.getObject(1))
					.list()
					// One row, null when nothing was closed (single() refuses a null).
					.get(0);
				assertThat((median != null) ? median.doubleValue() : null).as("median of %s over %s", area, period)
					.isEqualTo(expected);
			}
		}
	}

	private String firstChild(String code) {
		return this.jdbc.sql("SELECT min(code) FROM area WHERE parent_code = :code")
			.param("code", code)
			.query(String.class)
			.single();
	}

	/** Rows on which petition_h3_count and a GROUP BY over the petitions disagree. */
	private long binDifferences() {
		return this.jdbc
			.sql("""
					WITH expected AS (
					    SELECT 4 + h.n AS resolution, s.span, p.area_code,
					           date_trunc(s.field, p.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS start, h.cell,
					           count(*) AS petitions
					    FROM petition p
					    CROSS JOIN LATERAL unnest(h3_cells_5_to_12(ST_Y(p.point), ST_X(p.point))) WITH ORDINALITY AS h(cell, n)
					    CROSS JOIN (VALUES ('M', 'month'), ('Y', 'year')) AS s(span, field)
					    WHERE starts_with(p.area_code, :township)
					    GROUP BY 1, 2, 3, 4, 5),
					actual AS (SELECT resolution, span, area_code, start, cell, petitions FROM petition_h3_count
					           WHERE starts_with(area_code, :township) AND petitions <> 0)
					SELECT count(*) FROM (
					    (SELECT * FROM expected EXCEPT SELECT * FROM actual)
					    UNION ALL (SELECT * FROM actual EXCEPT SELECT * FROM expected)) d""")
			.param("township", TOWNSHIP)
			.query(Long.class)
			.single();
	}

	/** Rows on which petition_close_hours and a GROUP BY over the petitions disagree. */
	private long histogramDifferences() {
		return this.jdbc
			.sql("""
					WITH expected AS (
					    SELECT g.grain, left(p.area_code, g.grain) AS area_code, s.span,
					           date_trunc(s.field, p.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS start,
					           floor(extract(epoch FROM p.closed_at - p.submitted_at) / 3600)::integer AS hour, count(*) AS closed
					    FROM petition p JOIN (VALUES (6), (9), (12), (15)) AS g(grain) ON g.grain <= length(p.area_code)
					    CROSS JOIN (VALUES ('D', 'day'), ('M', 'month')) AS s(span, field)
					    WHERE p.status = 'CLOSED' AND p.closed_at IS NOT NULL
					    GROUP BY 1, 2, 3, 4, 5),
					actual AS (SELECT grain, area_code, span, start, hour, closed FROM petition_close_hours WHERE closed <> 0)
					SELECT count(*) FROM (
					    (SELECT * FROM expected EXCEPT SELECT * FROM actual)
					    UNION ALL (SELECT * FROM actual EXCEPT SELECT * FROM expected)) d""")
			.query(Long.class)
			.single();
	}

}
