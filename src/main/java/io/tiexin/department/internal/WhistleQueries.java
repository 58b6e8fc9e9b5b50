package io.tiexin.department.internal;

import io.tiexin.shared.postgres.TransactionManagers;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tiexin.department.Whistle;
import io.tiexin.department.WhistleResponseStatus;
import io.tiexin.people.Actor;
import io.tiexin.people.Role;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.PageSize;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.TiexinException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads whistles for the person asking, and the departments' statistics. Searching is
 * plain SQL (one statement for the page, one for the count); the page's whistles then
 * load with their summons in one more.
 */
@Service
@Transactional(transactionManager = TransactionManagers.JPA, readOnly = true)
class WhistleQueries {

	/** Who may list whistles: staff of an area, and department staff. */
	static final Set<Role> READERS = EnumSet.of(Role.GRID_MEMBER, Role.LIAISON, Role.VILLAGE_CADRE,
			Role.TOWNSHIP_OFFICER, Role.COUNTY_ADMIN, Role.DEPARTMENT_STAFF);

	private static final int MAX_PAGE = 100;

	private static final String CURSOR_PREFIX = "whistle:";

	private final JdbcClient jdbc;

	private final WhistleRepository whistles;

	WhistleQueries(JdbcClient jdbc, WhistleRepository whistles) {
		this.jdbc = jdbc;
		this.whistles = whistles;
	}

	record Page(List<Whistle> whistles, boolean hasNextPage, boolean afterCursor, long totalCount) {

		String cursorOf(Whistle whistle) {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((CURSOR_PREFIX + whistle.id()).getBytes(StandardCharsets.UTF_8));
		}
	}

	Page list(String areaCode, String departmentCode, List<WhistleResponseStatus> statuses, Integer first, String after,
			Actor actor) {
		if (actor.roles().stream().noneMatch(READERS::contains)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"只有工作人员和职能部门可以查看吹哨记录 (only staff and department staff may list whistles)");
		}
		int size = PageSize.of(first, 20, MAX_PAGE, "first");
		Long afterId = (after != null) ? parseCursor(after) : null;
		boolean byResponse = departmentCode != null || (statuses != null && !statuses.isEmpty());
		String where = """
				 FROM whistle w
				WHERE (CAST(:area AS text) IS NULL OR starts_with(w.area_code, :area))
				  AND (:countyWide
				       OR EXISTS (SELECT 1 FROM unnest(CAST(:scopes AS text[])) s(code) WHERE starts_with(w.area_code, s.code))
				       OR EXISTS (SELECT 1 FROM whistle_response mine
				                  JOIN department_staff ds ON ds.department_code = mine.department_code
				                  WHERE mine.whistle_id = w.id AND ds.person_id = :me))
				  AND (NOT :byResponse OR EXISTS (
				       SELECT 1 FROM whistle_response r
				       WHERE r.whistle_id = w.id
				         AND (CAST(:department AS text) IS NULL OR r.department_code = :department)
				         AND (CAST(:statuses AS text[]) IS NULL OR r.status = ANY (CAST(:statuses AS text[])))))""";
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("area", areaCode);
		params.put("countyWide", actor.coversCounty());
		params.put("scopes", actor.scopeAreaCodes().toArray(String[]::new));
		params.put("me", actor.personId());
		params.put("byResponse", byResponse);
		params.put("department", departmentCode);
		params.put("statuses", (statuses == null || statuses.isEmpty()) ? null
				: statuses.stream().map(Enum::name).toArray(String[]::new));
		long total = this.jdbc.sql("SELECT count(*)" + where).params(params).query(Long.class).single();
		params.put("after", afterId);
		params.put("limit", size + 1);
		List<Long> ids = this.jdbc
			.sql("SELECT w.id" + where
					+ " AND (CAST(:after AS bigint) IS NULL OR w.id < :after) ORDER BY w.id DESC LIMIT :limit")
			.params(params)
			.query(Long.class)
			.list();
		List<Whistle> page = load(ids.subList(0, Math.min(size, ids.size())));
		page = page.stream().sorted(Comparator.comparingLong(Whistle::id).reversed()).toList();
		return new Page(page, ids.size() > size, after != null, total);
	}

	/** Whistles on these petitions, oldest first, in one statement. */
	Map<Long, List<Whistle>> onPetitions(Collection<Long> petitionIds) {
		Map<Long, List<Whistle>> byPetition = new LinkedHashMap<>();
		if (petitionIds.isEmpty()) {
			return byPetition;
		}
		this.whistles.findByPetitions(petitionIds)
			.stream()
			.map(WhistleEntity::view)
			.forEach(whistle -> byPetition.computeIfAbsent(whistle.petitionId(), id -> new ArrayList<>()).add(whistle));
		return byPetition;
	}

	record DepartmentStatsRow(String departmentCode, int summons, int reported, int reportedOnTime,
			Double medianMinutesToReport, int done, int overdue) {
	}

	List<DepartmentStatsRow> stats(PeriodInput period, OffsetDateTime now) {
		return this.jdbc.sql("""
				SELECT d.code,
				       count(r.id) AS summons,
				       count(r.reported_at) AS reported,
				       count(*) FILTER (WHERE r.reported_at <= r.report_due_at) AS on_time,
				       percentile_cont(0.5) WITHIN GROUP (
				           ORDER BY extract(epoch FROM r.reported_at - r.blown_at) / 60) AS median_minutes,
				       count(*) FILTER (WHERE r.status = 'DONE') AS done,
				       count(*) FILTER (WHERE r.status = 'SUMMONED' AND r.report_due_at < :now) AS overdue
				FROM department d
				LEFT JOIN (SELECT r.*, w.blown_at
				           FROM whistle_response r JOIN whistle w ON w.id = r.whistle_id
				           WHERE (CAST(:from AS timestamptz) IS NULL OR w.blown_at >= :from)
				             AND (CAST(:to AS timestamptz) IS NULL OR w.blown_at < :to)) r
				       ON r.department_code = d.code
				GROUP BY d.code, d.sort_order
				ORDER BY d.sort_order, d.code""")
			.param("now", now)
			.param("from", (period != null) ? period.from() : null)
			.param("to", (period != null) ? period.to() : null)
			.query((rs, row) -> new DepartmentStatsRow(rs.getString("code"), rs.getInt("summons"),
					rs.getInt("reported"), rs.getInt("on_time"), rs.getObject("median_minutes", Double.class),
					rs.getInt("done"), rs.getInt("overdue")))
			.list();
	}

	private List<Whistle> load(List<Long> ids) {
		return ids.isEmpty() ? List.of()
				: this.whistles.findWithResponses(ids).stream().map(WhistleEntity::view).toList();
	}

	private static long parseCursor(String cursor) {
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (decoded.startsWith(CURSOR_PREFIX)) {
				return Long.parseLong(decoded.substring(CURSOR_PREFIX.length()));
			}
		}
		catch (IllegalArgumentException ex) {
			// Reported below, as any other malformed cursor.
		}
		throw new TiexinException(ErrorCode.VALIDATION, "分页游标无效 (invalid cursor): " + cursor);
	}

}
