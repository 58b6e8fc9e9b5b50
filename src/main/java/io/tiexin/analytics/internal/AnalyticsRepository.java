package io.tiexin.analytics.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.tiexin.geo.PostgisGeometries;
import io.tiexin.grid.AreaCodeRange;
import io.tiexin.petition.HandlingLevel;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.ServiceTime;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every statement the analytics module reads with, as plain SQL. Areas are matched by
 * code: a petition lies in area X when X is its area code cut to X's length (codes extend
 * their parent's). The rollup holds every petition once per level, so rollup rows of an
 * area are an equality match.
 */
@Repository
class AnalyticsRepository {

	/** Rollup rows of the whole days of a period. */
	private static final String ROLLUP_ROWS = """
			SELECT r.area_code AS code, r.category_code, r.status, r.level, r.petitions, r.closed_with_due,
			       r.closed_on_time, r.rated, r.satisfied
			FROM petition_rollup r
			JOIN areas a ON r.grain = length(a.code) AND r.area_code = a.code
			WHERE (CAST(:dayFrom AS date) IS NULL OR r.day >= CAST(:dayFrom AS date))
			  AND (CAST(:dayTo AS date) IS NULL OR r.day < CAST(:dayTo AS date))
			  AND (CAST(:category AS text) IS NULL OR r.category_code = CAST(:category AS text))""";

	/**
	 * Petition rows of the partial days at the ends of a period, in the shape of rollup
	 * rows.
	 */
	private static final String FRINGE_ROWS = """
			SELECT a.code, p.category_code, p.status, p.level, 1 AS petitions,
			       CASE WHEN p.status = 'CLOSED' AND p.due_at IS NOT NULL THEN 1 ELSE 0 END AS closed_with_due,
			       CASE WHEN p.status = 'CLOSED' AND p.closed_at <= p.due_at THEN 1 ELSE 0 END AS closed_on_time,
			       CASE WHEN p.satisfaction IS NOT NULL THEN 1 ELSE 0 END AS rated,
			       CASE WHEN p.satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED') THEN 1 ELSE 0 END AS satisfied
			FROM petition p
			-- Cut to each level's code length on the petition side, so the join with the areas is an equality.
			JOIN (VALUES (6), (9), (12), (15)) AS g(grain) ON g.grain <= length(p.area_code)
			JOIN areas a ON a.code = left(p.area_code, g.grain)
			WHERE ((p.submitted_at >= CAST(:headFrom AS timestamptz) AND p.submitted_at < CAST(:headTo AS timestamptz))
			    OR (p.submitted_at >= CAST(:tailFrom AS timestamptz) AND p.submitted_at < CAST(:tailTo AS timestamptz)))
			  AND (CAST(:category AS text) IS NULL OR p.category_code = CAST(:category AS text))""";

	/**
	 * "p lies in area a" for the indexes that lead with area_code in the C collation.
	 * Used inside a LATERAL subquery per area, so that even the generic plan of a
	 * prepared statement is an index range scan per area (a plain join let it fall back
	 * to scanning the area's whole year).
	 */
	private static final String IN_AREA = AreaCodeRange.atOrBelow("p.area_code", "a.code");

	/**
	 * The whole hours a closed petition took, as petition_closed_hour_idx and
	 * petition_close_hours (V22_2) key it: the same text, or the index is not used.
	 */
	private static final String HOUR_TO_CLOSE = "floor(extract(epoch FROM p.closed_at - p.submitted_at) / 3600)::integer";

	/** Rows per round trip when points are streamed: a few hundred kilobytes each. */
	private static final int POINTS_PER_FETCH = 10_000;

	/**
	 * Always two concrete bounds (an open end is a far date), never "bound IS NULL OR
	 * ...": the driver prepares statements run often, and PostgreSQL's generic plan for
	 * the latter does not use the index range (a village's median went from 7 ms to 900
	 * ms after five runs).
	 */
	private static final String IN_PERIOD = """
			p.submitted_at >= CAST(:from AS timestamptz) AND p.submitted_at < CAST(:to AS timestamptz)
			AND (CAST(:category AS text) IS NULL OR p.category_code = CAST(:category AS text))""";

	private final JdbcClient jdbc;

	AnalyticsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What {@link #counts} and {@link #countsByStatusAndCategory} add up: the rollup's
	 * rows for the whole days, and the petitions of the partial days at either end. The
	 * second only when the period has partial days: a branch with empty bounds would
	 * still be planned, and a cached generic plan may then scan the petition table.
	 */
	private static List<String> countedSources(RollupPeriod period) {
		List<String> sources = new ArrayList<>();
		if (period.wholeDays()) {
			sources.add(ROLLUP_ROWS);
		}
		if (period.headFrom() != null || period.tailFrom() != null) {
			sources.add(FRINGE_ROWS);
		}
		return sources;
	}

	/**
	 * Petitions submitted in the period (of the category, when given) in each area, by
	 * category, status and handling level: whole days from the rollup, the partial days
	 * at either end from the petitions. One statement for any number of areas.
	 */
	List<RollupRow> counts(Collection<String> areaCodes, RollupPeriod period, String categoryCode) {
		List<String> sources = countedSources(period);
		if (areaCodes.isEmpty() || sources.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				WITH areas AS (SELECT DISTINCT code FROM unnest(CAST(:codes AS text[])) AS a(code)),
				counted AS (%s)
				SELECT code, category_code, status, level, sum(petitions) AS petitions,
				       sum(closed_with_due) AS closed_with_due, sum(closed_on_time) AS closed_on_time,
				       sum(rated) AS rated, sum(satisfied) AS satisfied
				FROM counted
				GROUP BY code, category_code, status, level
				HAVING sum(petitions) > 0""".formatted(String.join("\nUNION ALL\n", sources)))
			.param("codes", areaCodes.toArray(String[]::new))
			.params(period.sqlParameters())
			.param("category", categoryCode)
			.query((rs, row) -> new RollupRow(rs.getString("code"), rs.getString("category_code"),
					PetitionStatus.valueOf(rs.getString("status")), HandlingLevel.valueOf(rs.getString("level")),
					rs.getInt("petitions"), rs.getInt("closed_with_due"), rs.getInt("closed_on_time"),
					rs.getInt("rated"), rs.getInt("satisfied")))
			.list();
	}

	/**
	 * Petitions submitted in the period in each area by status, and again by category, as
	 * {@link #counts} reads them but without the handling level: what the choice of
	 * withheld counts ({@link ComplementChoice}) needs of every area of a county (a
	 * status or a category is a measure of its own there, and the statuses add up to the
	 * area's total and open counts). One statement, grouping sets rather than every
	 * status by every category, so at most (statuses + categories) rows an area; areas,
	 * statuses and categories with none are absent.
	 */
	List<BreakdownCount> countsByStatusAndCategory(Collection<String> areaCodes, RollupPeriod period) {
		List<String> sources = countedSources(period);
		if (areaCodes.isEmpty() || sources.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				WITH areas AS (SELECT DISTINCT code FROM unnest(CAST(:codes AS text[])) AS a(code)),
				counted AS (%s)
				SELECT code, status, category_code, GROUPING(status) AS of_category, sum(petitions) AS petitions
				FROM counted
				GROUP BY GROUPING SETS ((code, status), (code, category_code))
				HAVING sum(petitions) > 0""".formatted(String.join("\nUNION ALL\n", sources)))
			.param("codes", areaCodes.toArray(String[]::new))
			.params(period.sqlParameters())
			.param("category", null)
			.query((rs, row) -> {
				boolean ofCategory = rs.getInt("of_category") == 1;
				return new BreakdownCount(rs.getString("code"),
						ofCategory ? null : PetitionStatus.valueOf(rs.getString("status")),
						ofCategory ? rs.getString("category_code") : null, rs.getInt("petitions"));
			})
			.list();
	}

	/**
	 * Open petitions past their due time submitted in the period, per the code of the
	 * area each lies in (a cell, or a village or township when located no finer); the
	 * caller adds them up its hierarchy. One statement for every area.
	 */
	Map<String, Integer> overdueByPetitionArea(RollupPeriod period, OffsetDateTime now) {
		Map<String, Integer> overdue = new HashMap<>();
		this.jdbc.sql("""
				SELECT p.area_code AS code, count(*) AS overdue
				FROM petition p
				WHERE p.area_code IS NOT NULL AND p.status IN %s AND p.due_at < CAST(:now AS timestamptz)
				  AND %s
				GROUP BY p.area_code""".formatted(PetitionStatus.OPEN_SQL, IN_PERIOD))
			.param("now", now)
			.param("from", period.fromOrEarliest())
			.param("to", period.toOrLatest())
			.param("category", null)
			.query((ResultSet rs) -> {
				overdue.put(rs.getString("code"), rs.getInt("overdue"));
			});
		return overdue;
	}

	/**
	 * Petitions of every area per calendar month of submission (China Standard Time) and
	 * status, and per month and category, from the daily rollup: the counts the one
	 * published snapshot ({@link CalendarChoice}) is made of, every node's total, open
	 * count, statuses and categories added up from them. One statement; it reads the
	 * whole rollup (some 0.5 to 1 s at 1,000,000 petitions), so its caller keeps what it
	 * makes of it a while.
	 */
	/**
	 * {@link #countsPerMonthByStatusAndCategory} and
	 * {@link #overduePerMonthByPetitionArea} as of one moment: one repeatable-read
	 * transaction, so the published snapshot's counts all come from the same state. Its
	 * grouping sorts some 340,000 rows at 1,000,000 petitions, which PostgreSQL's default
	 * 4 MB of work memory spills to disk (86 MB; 2.5 to 4.4 s on the shared machine,
	 * against 1.7 s in memory): this one transaction gets 64 MB, once a refresh.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	MonthCounts monthCounts(OffsetDateTime now) {
		this.jdbc.sql("SET LOCAL work_mem = '64MB'").update();
		return new MonthCounts(countsPerMonthByStatusAndCategory(), overduePerMonthByPetitionArea(now));
	}

	record MonthCounts(List<MonthBreakdown> breakdowns, Map<String, Map<LocalDate, Integer>> overdueByPetitionArea) {
	}

	List<MonthBreakdown> countsPerMonthByStatusAndCategory() {
		return this.jdbc.sql("""
				SELECT r.code, r.month, r.status, r.category_code, GROUPING(r.status) AS of_category,
				       sum(r.petitions) AS petitions
				FROM (SELECT area_code AS code, date_trunc('month', day::timestamp)::date AS month, status,
				             category_code, petitions
				      FROM petition_rollup) r
				GROUP BY GROUPING SETS ((r.code, r.month, r.status), (r.code, r.month, r.category_code))
				HAVING sum(r.petitions) > 0""").query((rs, row) -> {
			boolean ofCategory = rs.getInt("of_category") == 1;
			return new MonthBreakdown(rs.getObject("month", LocalDate.class),
					new BreakdownCount(rs.getString("code"),
							ofCategory ? null : PetitionStatus.valueOf(rs.getString("status")),
							ofCategory ? rs.getString("category_code") : null, rs.getInt("petitions")));
		}).list();
	}

	/**
	 * Open petitions past their due time per the code of the area each lies in and per
	 * calendar month of submission (China Standard Time); the caller adds them up its
	 * hierarchy. One statement.
	 */
	Map<String, Map<LocalDate, Integer>> overduePerMonthByPetitionArea(OffsetDateTime now) {
		Map<String, Map<LocalDate, Integer>> overdue = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT p.area_code AS code,
					       date_trunc('month', p.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS month, count(*) AS overdue
					FROM petition p
					WHERE p.area_code IS NOT NULL AND p.status IN %s AND p.due_at < CAST(:now AS timestamptz)
					GROUP BY 1, 2"""
				.formatted(PetitionStatus.OPEN_SQL))
			.param("now", now)
			.query((ResultSet rs) -> {
				overdue.computeIfAbsent(rs.getString("code"), code -> new HashMap<>())
					.put(rs.getObject("month", LocalDate.class), rs.getInt("overdue"));
			});
		return overdue;
	}

	/**
	 * Petitions submitted in the period (of the category, when given) in each area, per
	 * calendar step of the interval (China Standard Time) and category; steps and
	 * categories with none are absent. Whole days from the rollup, the partial days at
	 * either end from the petitions; one statement for any number of areas. The period
	 * must have both ends.
	 */
	List<StepCount> countsPerStep(Collection<String> areaCodes, RollupPeriod period, String categoryCode,
			TrendInterval interval) {
		List<String> sources = new ArrayList<>();
		if (period.wholeDays()) {
			sources.add("""
					SELECT r.area_code AS code, r.day, r.category_code, r.petitions
					FROM petition_rollup r
					JOIN areas a ON r.grain = length(a.code) AND r.area_code = a.code
					WHERE r.day >= CAST(:dayFrom AS date) AND r.day < CAST(:dayTo AS date)
					  AND (CAST(:category AS text) IS NULL OR r.category_code = CAST(:category AS text))""");
		}
		if (period.headFrom() != null || period.tailFrom() != null) {
			sources
				.add("""
						SELECT a.code, (p.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS day, p.category_code, 1 AS petitions
						FROM petition p
						JOIN (VALUES (6), (9), (12), (15)) AS g(grain) ON g.grain <= length(p.area_code)
						JOIN areas a ON a.code = left(p.area_code, g.grain)
						WHERE ((p.submitted_at >= CAST(:headFrom AS timestamptz) AND p.submitted_at < CAST(:headTo AS timestamptz))
						    OR (p.submitted_at >= CAST(:tailFrom AS timestamptz) AND p.submitted_at < CAST(:tailTo AS timestamptz)))
						  AND (CAST(:category AS text) IS NULL OR p.category_code = CAST(:category AS text))""");
		}
		if (areaCodes.isEmpty() || sources.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				WITH areas AS (SELECT DISTINCT code FROM unnest(CAST(:codes AS text[])) AS a(code)),
				counted AS (%s)
				-- On a timestamp without time zone, so the session's time zone plays no part; weeks start on Monday.
				SELECT code, date_trunc(CAST(:field AS text), day::timestamp)::date AS step, category_code,
				       sum(petitions) AS petitions
				FROM counted
				GROUP BY 1, 2, 3
				HAVING sum(petitions) <> 0""".formatted(String.join("\nUNION ALL\n", sources)))
			.param("codes", areaCodes.toArray(String[]::new))
			.param("field", interval.sqlField())
			.params(period.sqlParameters())
			.param("category", categoryCode)
			.query((rs, row) -> new StepCount(rs.getString("code"), rs.getObject("step", LocalDate.class),
					rs.getString("category_code"), rs.getInt("petitions")))
			.list();
	}

	/**
	 * Petitions submitted in the period in each grid cell, of every category (grid hot
	 * spots): the whole months from petition_cell_month (V8), at most 12 rows a cell a
	 * year however many petitions, and what is left at either end as {@link #counts}
	 * answers it. Cells with none are absent.
	 */
	Map<String, Integer> cellCounts(Collection<String> cellCodes, RollupPeriod period) {
		Map<String, Integer> totals = new HashMap<>();
		OffsetDateTime monthFrom = (period.from() != null) ? firstWholeMonthFrom(period.from()) : null;
		OffsetDateTime monthTo = (period.to() != null) ? startOfMonthOf(period.to()) : null;
		if (monthFrom != null && monthTo != null && !monthFrom.isBefore(monthTo)) {
			counts(cellCodes, period, null).forEach(row -> totals.merge(row.areaCode(), row.petitions(), Integer::sum));
			return totals;
		}
		if (cellCodes.isEmpty()) {
			return totals;
		}
		// Two concrete bounds, as IN_PERIOD explains.
		this.jdbc.sql("""
				SELECT m.area_code, sum(m.petitions) AS petitions
				FROM petition_cell_month m
				WHERE m.area_code = ANY (CAST(:codes AS text[]))
				  AND m.month >= CAST(:monthFrom AS date) AND m.month < CAST(:monthTo AS date)
				GROUP BY m.area_code""")
			.param("codes", cellCodes.toArray(String[]::new))
			.param("monthFrom", (monthFrom != null) ? monthFrom.toLocalDate() : RollupPeriod.EARLIEST.toLocalDate())
			.param("monthTo", (monthTo != null) ? monthTo.toLocalDate() : RollupPeriod.LATEST.toLocalDate())
			.query((ResultSet rs) -> {
				totals.merge(rs.getString("area_code"), rs.getInt("petitions"), Integer::sum);
			});
		if (monthFrom != null && period.from().isBefore(monthFrom)) {
			counts(cellCodes, RollupPeriod.of(new PeriodInput(period.from(), monthFrom)), null)
				.forEach(row -> totals.merge(row.areaCode(), row.petitions(), Integer::sum));
		}
		if (monthTo != null && monthTo.isBefore(period.to())) {
			counts(cellCodes, RollupPeriod.of(new PeriodInput(monthTo, period.to())), null)
				.forEach(row -> totals.merge(row.areaCode(), row.petitions(), Integer::sum));
		}
		return totals;
	}

	/**
	 * Petitions submitted in the period in the area, per H3 cell of the resolution (5 to
	 * 12), of every category (H3 hot spots): the whole years, and the whole months before
	 * and after them, from petition_h3_count (V22_1), at most cells &times; years (and
	 * months) rows however many petitions; the points of what is left at either end are
	 * handed to {@code eachOtherPoint}, as {@link #forEachPoint} does, for the caller to
	 * place. Cells with none are absent.
	 */
	Map<Long, Integer> h3CellCounts(String areaCode, RollupPeriod period, int resolution,
			Consumer<Coordinate> eachOtherPoint) {
		Map<Long, Integer> totals = new HashMap<>();
		OffsetDateTime monthFrom = (period.from() != null) ? firstWholeMonthFrom(period.from()) : null;
		OffsetDateTime monthTo = (period.to() != null) ? startOfMonthOf(period.to()) : null;
		if (monthFrom != null && monthTo != null && !monthFrom.isBefore(monthTo)) {
			forEachPoint(areaCode, period, null, eachOtherPoint);
			return totals;
		}
		CalendarLayers layers = CalendarLayers.monthsAndYears((monthFrom != null) ? monthFrom.toLocalDate() : null,
				(monthTo != null) ? monthTo.toLocalDate() : null);
		this.jdbc
			.sql("""
					SELECT b.cell, sum(b.petitions) AS petitions
					FROM (%s) b
					GROUP BY b.cell
					HAVING sum(b.petitions) > 0"""
				.formatted(layers.unionOfRanges("m.cell, m.petitions", "petition_h3_count m", "m",
						"m.resolution = CAST(:resolution AS smallint) AND "
								+ AreaCodeRange.atOrBelow("m.area_code", "CAST(:area AS text)"),
						'Y', 'M')))
			.param("resolution", resolution)
			.param("area", areaCode)
			.params(layers.sqlParameters())
			.query((ResultSet rs) -> {
				totals.put(rs.getLong("cell"), rs.getInt("petitions"));
			});
		if (monthFrom != null && period.from().isBefore(monthFrom)) {
			forEachPoint(areaCode, RollupPeriod.of(new PeriodInput(period.from(), monthFrom)), null, eachOtherPoint);
		}
		if (monthTo != null && monthTo.isBefore(period.to())) {
			forEachPoint(areaCode, RollupPeriod.of(new PeriodInput(monthTo, period.to())), null, eachOtherPoint);
		}
		return totals;
	}

	/**
	 * The first midnight starting a month (China Standard Time) at or after the instant.
	 */
	private static OffsetDateTime firstWholeMonthFrom(OffsetDateTime time) {
		OffsetDateTime start = startOfMonthOf(time);
		return start.isEqual(time) ? start : start.atZoneSameInstant(ServiceTime.ZONE).plusMonths(1).toOffsetDateTime();
	}

	/** The midnight starting the month (China Standard Time) the instant lies in. */
	private static OffsetDateTime startOfMonthOf(OffsetDateTime time) {
		ZonedDateTime local = time.atZoneSameInstant(ServiceTime.ZONE);
		LocalDate first = local.toLocalDate().withDayOfMonth(1);
		return first.atStartOfDay(ServiceTime.ZONE).toOffsetDateTime();
	}

	/**
	 * Open petitions past their time limit at {@code now}, per area; areas with none are
	 * absent.
	 */
	Map<String, Integer> overdue(Collection<String> areaCodes, RollupPeriod period, String categoryCode,
			OffsetDateTime now) {
		Map<String, Integer> overdue = new HashMap<>();
		if (areaCodes.isEmpty()) {
			return overdue;
		}
		this.jdbc.sql("""
				SELECT a.code, o.overdue
				FROM unnest(CAST(:codes AS text[])) AS a(code)
				CROSS JOIN LATERAL (
				    SELECT count(*) AS overdue FROM petition p
				    WHERE %s
				      AND p.status IN %s AND p.due_at < CAST(:now AS timestamptz)
				      AND %s) o
				WHERE o.overdue > 0""".formatted(IN_AREA, PetitionStatus.OPEN_SQL, IN_PERIOD))
			.param("codes", areaCodes.stream().distinct().toArray(String[]::new))
			.param("now", now)
			.param("from", period.fromOrEarliest())
			.param("to", period.toOrLatest())
			.param("category", categoryCode)
			.query((ResultSet rs) -> {
				overdue.put(rs.getString("code"), rs.getInt("overdue"));
			});
		return overdue;
	}

	/**
	 * The exact median of (closed_at - submitted_at) in hours over the closed petitions
	 * of each area and period, as {@code percentile_cont(0.5)} computes it; areas with
	 * none are absent. One statement for any number of areas, in three steps (V22_2): the
	 * closed petitions per whole hour to close, from the histogram petition_close_hours
	 * for the period's whole months and the whole days before and after them, and from
	 * the petitions for its partial days; the one or two hours holding the median's
	 * ranks; and, read in order through petition_closed_hour_idx, only the petitions of
	 * those hours, from which the two values at those ranks are interpolated. The rows
	 * read are the histogram's (at most months &times; hours, and days &times; hours at
	 * the ends) and one hour's petitions, however many closed petitions the area has.
	 */
	Map<String, Double> medianHoursToClose(Collection<String> areaCodes, RollupPeriod period) {
		Map<String, Double> medians = new HashMap<>();
		List<String> sources = new ArrayList<>();
		CalendarLayers layers = CalendarLayers.daysAndMonths(period.dayFrom(), period.dayTo());
		if (period.wholeDays()) {
			sources.add(layers.unionOfRanges("h.area_code AS code, h.hour, h.closed",
					"petition_close_hours h JOIN areas a ON h.grain = length(a.code) AND h.area_code = a.code", "h",
					"true", 'M', 'D'));
		}
		if (period.headFrom() != null || period.tailFrom() != null) {
			sources
				.add("""
						SELECT a.code, %s AS hour, 1 AS closed
						FROM areas a
						JOIN petition p ON %s
						WHERE p.status = 'CLOSED' AND p.closed_at IS NOT NULL
						  AND ((p.submitted_at >= CAST(:headFrom AS timestamptz) AND p.submitted_at < CAST(:headTo AS timestamptz))
						    OR (p.submitted_at >= CAST(:tailFrom AS timestamptz) AND p.submitted_at < CAST(:tailTo AS timestamptz)))"""
					.formatted(HOUR_TO_CLOSE, IN_AREA));
		}
		if (areaCodes.isEmpty() || sources.isEmpty()) {
			return medians;
		}
		Map<String, Object> parameters = new HashMap<>(period.sqlParameters());
		parameters.putAll(layers.sqlParameters());
		this.jdbc
			.sql("""
					WITH areas AS (SELECT DISTINCT code FROM unnest(CAST(:codes AS text[])) AS a(code)),
					counted AS (%s),
					hours AS (
					    SELECT code, hour, sum(closed) AS closed FROM counted GROUP BY code, hour HAVING sum(closed) > 0),
					ranked AS (
					    SELECT code, hour, closed,
					           sum(closed) OVER (PARTITION BY code ORDER BY hour) - closed AS before,
					           sum(closed) OVER (PARTITION BY code) AS total
					    FROM hours),
					-- percentile_cont(0.5) interpolates between the values at ranks floor and ceil of (n - 1) / 2 (from 0).
					wanted AS (
					    SELECT r.code, r.hour, r.before, r.total, k.rank
					    FROM ranked r
					    CROSS JOIN LATERAL (VALUES (floor((r.total - 1) / 2.0)), (ceil((r.total - 1) / 2.0))) AS k(rank)
					    WHERE k.rank >= r.before AND k.rank < r.before + r.closed),
					picked AS (
					    SELECT w.code, w.total, v.hours
					    FROM wanted w
					    CROSS JOIN LATERAL (
					        SELECT CAST(extract(epoch FROM p.closed_at - p.submitted_at) / 3600 AS double precision) AS hours
					        FROM (SELECT w.code) a
					        JOIN petition p ON %s
					        WHERE %s = w.hour AND p.status = 'CLOSED' AND p.closed_at IS NOT NULL
					          AND p.submitted_at >= CAST(:from AS timestamptz) AND p.submitted_at < CAST(:to AS timestamptz)
					        ORDER BY 1
					        OFFSET w.rank - w.before LIMIT 1) v)
					SELECT code, min(hours) + (max(hours) - min(hours)) * ((min(total) - 1) / 2.0 - floor((min(total) - 1) / 2.0))
					           AS median_hours
					FROM picked
					GROUP BY code"""
				.formatted(String.join("\nUNION ALL\n", sources), IN_AREA, HOUR_TO_CLOSE))
			.param("codes", areaCodes.stream().distinct().toArray(String[]::new))
			.params(parameters)
			.param("from", period.fromOrEarliest())
			.param("to", period.toOrLatest())
			.query((ResultSet rs) -> {
				medians.put(rs.getString("code"), rs.getDouble("median_hours"));
			});
		return medians;
	}

	/**
	 * Hands the WGS84 point of every petition submitted in the period in the area to
	 * {@code each}, as the rows arrive: inside a transaction PostgreSQL's driver reads
	 * them through a cursor, {@value #POINTS_PER_FETCH} at a time, so memory stays flat
	 * however many points there are (a list of a city's year of points would not fit the
	 * service's heap).
	 */
	void forEachPoint(String areaCode, RollupPeriod period, String categoryCode, Consumer<Coordinate> each) {
		this.jdbc.sql("""
				SELECT ST_X(p.point) AS lon, ST_Y(p.point) AS lat
				FROM (SELECT CAST(:area AS text) AS code) a
				JOIN petition p ON %s
				WHERE %s""".formatted(IN_AREA, IN_PERIOD))
			.withFetchSize(POINTS_PER_FETCH)
			.param("area", areaCode)
			.param("from", period.fromOrEarliest())
			.param("to", period.toOrLatest())
			.param("category", categoryCode)
			.query((RowCallbackHandler) rs -> each.accept(new Coordinate(rs.getDouble("lon"), rs.getDouble("lat"))));
	}

	/**
	 * The grid, in metres, that cluster hulls and centroids are drawn from: the stored
	 * points (exact for everyone's home, a dispute's place) are snapped to it, and the
	 * hull of the snapped points is widened by as much, so no vertex or centroid is a
	 * stored point and each tells a point only to within this distance.
	 */
	static final double CLUSTER_SNAP_METERS = 100;

	/**
	 * DBSCAN over the petition points of the area and period, in the metric projection
	 * {@code metricSrid}. Membership is computed on the exact points; the hull and
	 * centroid come from points generalised to {@link #CLUSTER_SNAP_METERS}. Points enter
	 * ST_ClusterDBSCAN in id order, which fixes which cluster a border point reachable
	 * from two clusters joins; clusters come largest first, then by lowest petition id,
	 * and are numbered 1, 2, ... in that order.
	 */
	List<Cluster> clusters(String areaCode, RollupPeriod period, String categoryCode, double epsMeters, int minPoints,
			int metricSrid) {
		List<Cluster> clusters = new ArrayList<>();
		this.jdbc
			.sql("""
					WITH members AS (
					    SELECT p.id, p.point,
					           ST_ClusterDBSCAN(ST_Transform(p.point, CAST(:srid AS integer)), CAST(:eps AS float8), CAST(:minPoints AS integer))
					               OVER (ORDER BY p.id) AS cluster
					    FROM (SELECT CAST(:area AS text) AS code) a
					    JOIN petition p ON %s
					    WHERE %s)
					SELECT count(*) AS size, min(id) AS first_id, array_agg(id ORDER BY id) AS ids,
					       ST_Transform(ST_Buffer(ST_ConvexHull(ST_Collect(snapped)), CAST(:snap AS float8), 2), 4326) AS hull,
					       ST_Transform(ST_Centroid(ST_Collect(snapped)), 4326) AS centroid
					FROM (SELECT id, cluster, ST_SnapToGrid(ST_Transform(point, CAST(:srid AS integer)), CAST(:snap AS float8)) AS snapped
					      FROM members) generalised
					WHERE cluster IS NOT NULL
					GROUP BY cluster
					ORDER BY size DESC, first_id"""
				.formatted(IN_AREA, IN_PERIOD))
			.param("srid", metricSrid)
			.param("eps", epsMeters)
			.param("minPoints", minPoints)
			.param("snap", CLUSTER_SNAP_METERS)
			.param("area", areaCode)
			.param("from", period.fromOrEarliest())
			.param("to", period.toOrLatest())
			.param("category", categoryCode)
			.query((ResultSet rs) -> {
				Geometry hull = PostgisGeometries.read(rs, "hull", Geometry.class);
				Point centroid = PostgisGeometries.read(rs, "centroid", Point.class);
				clusters.add(
						new Cluster(clusters.size() + 1, rs.getInt("size"), hull, centroid, longs(rs.getArray("ids"))));
			});
		return clusters;
	}

	private static List<Long> longs(Array array) throws SQLException {
		List<Long> values = new ArrayList<>();
		for (Object value : (Object[]) array.getArray()) {
			values.add(((Number) value).longValue());
		}
		return values;
	}

	/**
	 * Petitions of an area of one status or one category in one calendar month (its first
	 * day).
	 */
	record MonthBreakdown(LocalDate month, BreakdownCount count) {
	}

	/** Petitions of one area, calendar step (its first day) and category. */
	record StepCount(String areaCode, LocalDate step, String categoryCode, int petitions) {
	}

	/**
	 * Petitions of an area of one status (category {@code null}) or of one category
	 * (status {@code null}).
	 */
	record BreakdownCount(String areaCode, PetitionStatus status, String categoryCode, int petitions) {
	}

	/** Rollup measures of one (area, category, status, handling level). */
	record RollupRow(String areaCode, String categoryCode, PetitionStatus status, HandlingLevel level, int petitions,
			int closedWithDue, int closedOnTime, int rated, int satisfied) {
	}

}
