package io.tiexin.meeting.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.meeting.MeetingFigures;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.ServiceTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Meetings held and items raised per area and period, as the petition figures are read:
 * whole days (China Standard Time) from meeting_rollup, an equality per area and level;
 * the partial days at either end from the meetings and items themselves. One statement
 * for any number of areas.
 */
@Repository
class MeetingFigureQueries {

	private final JdbcClient jdbc;

	MeetingFigureQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Map<String, MeetingFigures> figuresOf(Collection<String> areaCodes, PeriodInput period) {
		Map<String, MeetingFigures> figures = new HashMap<>();
		if (areaCodes.isEmpty()) {
			return figures;
		}
		OffsetDateTime from = (period != null) ? period.from() : null;
		OffsetDateTime to = (period != null) ? period.to() : null;
		LocalDate dayFrom = (from != null) ? firstWholeDay(from) : null;
		LocalDate dayTo = (to != null) ? to.atZoneSameInstant(ServiceTime.ZONE).toLocalDate() : null;
		List<String> sources = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (dayFrom != null && dayTo != null && !dayFrom.isBefore(dayTo)) {
			// Within one day: all from the tables.
			sources.add(fringe("f"));
			params.put("fFrom", from);
			params.put("fTo", to);
		}
		else {
			sources.add("""
					SELECT r.area_code AS code, r.meetings, r.items, r.items_closed
					FROM meeting_rollup r JOIN areas a ON r.grain = length(a.code) AND r.area_code = a.code
					WHERE r.day >= CAST(:dayFrom AS date) AND r.day < CAST(:dayTo AS date)""");
			params.put("dayFrom", (dayFrom != null) ? dayFrom : LocalDate.of(1900, 1, 1));
			params.put("dayTo", (dayTo != null) ? dayTo : LocalDate.of(9999, 1, 1));
			if (from != null && from.isBefore(startOf(dayFrom))) {
				sources.add(fringe("h"));
				params.put("hFrom", from);
				params.put("hTo", startOf(dayFrom));
			}
			if (to != null && startOf(dayTo).isBefore(to)) {
				sources.add(fringe("t"));
				params.put("tFrom", startOf(dayTo));
				params.put("tTo", to);
			}
		}
		this.jdbc.sql("""
				WITH areas AS (SELECT DISTINCT code FROM unnest(CAST(:codes AS text[])) AS a(code)),
				counted AS (%s)
				SELECT code, sum(meetings) AS meetings, sum(items) AS items, sum(items_closed) AS items_closed
				FROM counted GROUP BY code""".formatted(String.join("\nUNION ALL\n", sources)))
			.param("codes", areaCodes.toArray(String[]::new))
			.params(params)
			.query((rs, row) -> figures.put(rs.getString("code"),
					new MeetingFigures(rs.getInt("meetings"), rs.getInt("items"), rs.getInt("items_closed"))))
			.list();
		return figures;
	}

	/** Meetings held and items raised in [:xFrom, :xTo), in the rollup's shape. */
	private static String fringe(String prefix) {
		return """
				SELECT a.code, 1 AS meetings, 0 AS items, 0 AS items_closed
				FROM meeting m JOIN areas a ON starts_with(m.area_code, a.code)
				WHERE m.status = 'HELD' AND m.held_at >= CAST(:%1$sFrom AS timestamptz) AND m.held_at < CAST(:%1$sTo AS timestamptz)
				UNION ALL
				SELECT a.code, 0, 1, CASE WHEN i.status IN ('ANSWERED_ON_SITE', 'CLOSED') THEN 1 ELSE 0 END
				FROM meeting_item i JOIN areas a ON starts_with(i.area_code, a.code)
				WHERE i.held_at >= CAST(:%1$sFrom AS timestamptz) AND i.held_at < CAST(:%1$sTo AS timestamptz)"""
			.formatted(prefix);
	}

	private static LocalDate firstWholeDay(OffsetDateTime from) {
		ZonedDateTime local = from.atZoneSameInstant(ServiceTime.ZONE);
		return local.toLocalTime().equals(LocalTime.MIDNIGHT) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
	}

	private static OffsetDateTime startOf(LocalDate day) {
		return day.atStartOfDay(ServiceTime.ZONE).toOffsetDateTime();
	}

}
