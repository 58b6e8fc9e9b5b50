package io.tiexin.petition.internal;

import io.tiexin.petition.Petition;
import io.tiexin.petition.query.PetitionSearch;
import io.tiexin.petition.query.PetitionSearch.RollupCount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.tiexin.geo.PostgisGeometries;
import org.locationtech.jts.geom.Point;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The petition lists' statements: a page by keyset (one ordered scan, or a merge of
 * scans), its total, whether a list goes on past a cursor, a page by offset, and the
 * cases near a point, each written so that it reads about the rows it returns
 * (docs/graphql-conventions.md). Who may see what is the caller's search
 * ({@link PetitionSearch}); the petitions' rows are read as {@link PetitionRepository}
 * reads them.
 */
@Repository
public class PetitionListRepository {

	/**
	 * The planner setting {@link #nearby} runs its statement under, in its transaction.
	 */
	public static final String NEARBY_PLANNER = "SET LOCAL enable_bitmapscan = off";

	private static final String COLUMNS = PetitionRepository.COLUMNS;

	private static final RowMapper<Petition> PETITION = PetitionRepository.PETITION;

	private final JdbcClient jdbc;

	PetitionListRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A page of a filtered list, in the search's order (or its reverse), within its
	 * keyset cursors.
	 */
	public List<Petition> page(PetitionSearch search) {
		Statement page = pageStatement(search);
		return this.jdbc.sql(page.sql()).params(page.parameters()).query(PETITION).list();
	}

	/**
	 * The statement {@link #page} sends for the search, to be read as it is sent (the
	 * tests that EXPLAIN it). When the list is a merge of ordered scans
	 * ({@link PetitionSearch#branches()}), each scan stops after the page's number of
	 * rows, their ids and sort keys are merged (a row two scans found counts once), and
	 * only the page's rows are read in full.
	 */
	public Statement pageStatement(PetitionSearch search) {
		Map<String, Object> parameters = new LinkedHashMap<>(search.parameters());
		parameters.put("limit", search.limit());
		List<PetitionSearch.Branch> branches = search.branches();
		String distanceInTime = search.distanceInTime();
		if (distanceInTime != null) {
			return new Statement("SELECT " + COLUMNS + " FROM (SELECT p.* FROM petition p WHERE " + search.where()
					+ " ORDER BY " + distanceInTime + " FETCH FIRST (:limit) ROWS WITH TIES) p ORDER BY "
					+ search.orderBy() + " LIMIT :limit", parameters);
		}
		if (branches.isEmpty()) {
			return new Statement("SELECT " + COLUMNS + " FROM petition p WHERE " + search.where() + " ORDER BY "
					+ search.orderBy() + " LIMIT :limit", parameters);
		}
		if (branches.size() == 1) {
			return new Statement("SELECT " + COLUMNS + " FROM petition p WHERE " + scanned(search, branches.get(0))
					+ " LIMIT :limit", parameters);
		}
		String merged = branches.stream()
			.map(branch -> "(SELECT p.id, " + search.sortKeys() + " FROM petition p WHERE " + scanned(search, branch)
					+ " LIMIT :limit)")
			.collect(Collectors.joining(" UNION "));
		return new Statement("SELECT " + COLUMNS + " FROM (SELECT m.id FROM (" + merged + ") m ORDER BY "
				+ search.orderBySortKeys() + " LIMIT :limit) top JOIN petition p ON p.id = top.id ORDER BY "
				+ search.orderBy(null) + " LIMIT :limit", parameters);
	}

	/**
	 * One scan's conditions and order: led by its expression, as an area leads
	 * (PetitionSearch.filter), or narrowed by it as an equality.
	 */
	private static String scanned(PetitionSearch search, PetitionSearch.Branch branch) {
		if (!branch.leading()) {
			return branch.lead() + " = " + branch.value() + " AND " + search.where(branch) + " ORDER BY "
					+ search.orderBy(null);
		}
		return branch.lead() + " BETWEEN " + branch.value() + " AND " + branch.value() + " AND " + search.where(branch)
				+ " ORDER BY " + search.orderBy(branch.lead());
	}

	/** Whether any petition matches the search. */
	public boolean exists(PetitionSearch search) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM petition p WHERE " + search.where() + ")")
			.params(search.parameters())
			.query(Boolean.class)
			.single();
	}

	/** An SQL statement with its named parameters. */
	public record Statement(String sql, Map<String, Object> parameters) {
	}

	/** A page of a filtered list, in the search's order, from an offset. */
	public List<Petition> pageAt(PetitionSearch search, int offset) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM petition p WHERE " + search.where() + " ORDER BY " + search.orderBy()
					+ " LIMIT :limit OFFSET :offset")
			.params(search.parameters())
			.param("limit", search.limit())
			.param("offset", offset)
			.query(PETITION)
			.list();
	}

	public long count(PetitionSearch search) {
		Optional<RollupCount> byRollup = search.rollupCount();
		if (byRollup.isPresent()) {
			return countByRollup(byRollup.get());
		}
		return this.jdbc.sql("SELECT count(*) FROM petition p WHERE " + search.where())
			.params(search.parameters())
			.query(Long.class)
			.single();
	}

	/**
	 * The petitions the rollup counts at the area's level: one range of its key (every
	 * area code has at least the county's 6 digits, so grain 6 holds every petition).
	 */
	private long countByRollup(RollupCount count) {
		StringBuilder sql = new StringBuilder(
				"SELECT coalesce(sum(petitions), 0) FROM petition_rollup WHERE grain = :grain");
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("grain", (count.areaCode() != null) ? count.areaCode().length() : 6);
		if (count.areaCode() != null) {
			sql.append(" AND area_code = :area");
			parameters.put("area", count.areaCode());
		}
		if (count.statuses() != null) {
			sql.append(" AND status = ANY(:statuses)");
			parameters.put("statuses", count.statuses());
		}
		if (count.categories() != null) {
			sql.append(" AND category_code = ANY(:categories)");
			parameters.put("categories", count.categories());
		}
		return this.jdbc.sql(sql.toString()).params(parameters).query(Long.class).single();
	}

	/**
	 * The petitions nearest the point within the radius. A case whose exact point the
	 * caller may not see (a sensitive category, and the caller neither a party to it nor
	 * an officer of its area) is found, ordered and measured by its area's point instead,
	 * so neither whether it is in the answer, nor where, nor its distance depends on
	 * where it really is.
	 * <p>
	 * Reads about as many rows as it returns (issue 19); see {@link #nearbyStatement}.
	 * Runs without bitmap scans ({@link #NEARBY_PLANNER}, for this transaction): the KNN
	 * index scan ordered by distance stops after the candidates, where a bitmap scan of
	 * the radius reads every petition in it (a thousand or more within 500 m at 1,000,000
	 * petitions, read in parallel and sorted), and PostgreSQL prefers the bitmap whenever
	 * it expects the caller's filter (a grid member's cell) to pass few of the nearest.
	 * Nothing else in the statement wants a bitmap: its other scans are index lookups.
	 * @param callerId who asks: a party to a case sees its exact point
	 * @param officerOf the codes of the areas the caller is an officer of (empty when
	 * none): an officer sees the exact points of cases in them
	 * @param sensitiveCategories the codes of the categories whose points are withheld
	 */
	@Transactional(readOnly = true)
	public List<NearbyRow> nearby(Point center, double radiusMeters, PetitionSearch search, int limit, long callerId,
			List<String> officerOf, List<String> sensitiveCategories) {
		Statement statement = nearbyStatement(center, radiusMeters, search, limit, callerId, officerOf,
				sensitiveCategories);
		this.jdbc.sql(NEARBY_PLANNER).update();
		return this.jdbc.sql(statement.sql())
			.params(statement.parameters())
			.query((rs, row) -> new NearbyRow(rs.getLong("id"), rs.getDouble("distance")))
			.list();
	}

	/**
	 * The statement {@link #nearby} sends, to be run after {@link #NEARBY_PLANNER}.
	 * <p>
	 * The cases shown at their own point: the KNN operator walks the spheroid index
	 * nearest first within the radius ({@code ST_DWithin}'s box is the index condition)
	 * and the scan stops after the candidates that pass the caller's filters; distances
	 * are re-measured on the spheroid (KNN's are on the sphere) and the candidates
	 * re-sorted by them. The point is written out where it is used rather than taken from
	 * a CTE: from a CTE it reaches the index scan as a join parameter, and PostgreSQL
	 * then read every petition within the radius and sorted them.
	 * <p>
	 * The cases shown at their area's point: the areas whose label point (V25) is within
	 * the radius, nearest first, less those the caller is an officer of (who sees their
	 * cases exactly) and those outside the areas the search confines others' cases to
	 * ({@link PetitionSearch#othersCasesAreas()}); for each, its cases of each sensitive
	 * category by V26's {@code (area_code, category_code, id)}, lowest id first, merged
	 * and cut at the candidates: all of an area's hidden cases are at one distance, so
	 * the lowest ids are the ones the order (distance, then id) takes first. A plain
	 * {@code category_code IN (sensitive)} reads every sensitive case of the area and
	 * sorts them; one ordered scan per category reads no more than it keeps. Each is
	 * ordered by {@code (area_code, id)}, the same order within one area, which only an
	 * index led by the area gives: ordered by the id alone, PostgreSQL may walk the
	 * primary key from the oldest petition and filter (the test fixture's first plan:
	 * 3,000 rows per area and category to find six).
	 * <p>
	 * A case is hidden exactly when it is not shown exactly: being a party is written
	 * {@code IS TRUE}/{@code IS NOT TRUE}, since a case without an assignee or liaison
	 * makes the comparison null, which would drop it from both parts.
	 */
	public Statement nearbyStatement(Point center, double radiusMeters, PetitionSearch search, int limit, long callerId,
			List<String> officerOf, List<String> sensitiveCategories) {
		String here = "CAST(:here AS geography)";
		String party = "(p.submitter_id = :caller OR p.assignee_id = :caller OR p.liaison_id = :caller)";
		String exact = """
				(p.category_code NOT IN (SELECT code FROM category WHERE sensitive) OR %s IS TRUE
				 OR p.area_code LIKE ANY (CAST(:officerOf AS text[])))""".formatted(party);
		Map<String, Object> parameters = new LinkedHashMap<>(search.parameters());
		List<String> scans = new ArrayList<>();
		for (int i = 0; i < sensitiveCategories.size(); i++) {
			parameters.put("sensitive" + i, sensitiveCategories.get(i));
			scans.add("""
					(SELECT p.id, p.area_code FROM petition p
					 WHERE p.area_code = a.code AND p.category_code = :sensitive%d AND %s AND %s IS NOT TRUE
					 ORDER BY p.area_code, p.id LIMIT :candidates)""".formatted(i, search.where(), party));
		}
		List<String> areas = new ArrayList<>(List.of("ST_DWithin(label_point::geography, " + here + ", :radius)",
				"NOT code LIKE ANY (CAST(:officerOf AS text[]))"));
		if (search.othersCasesAreas() != null) {
			areas.add("code LIKE ANY (CAST(:othersCasesAreas AS text[]))");
			parameters.put("othersCasesAreas",
					search.othersCasesAreas().stream().map(code -> code + "%").toArray(String[]::new));
		}
		String hidden = scans.isEmpty() ? "SELECT NULL::bigint AS id, NULL::geometry AS shown WHERE false" : """
				SELECT h.id, a.shown FROM (
				    SELECT code, label_point AS shown, label_point::geography <-> %1$s AS knn FROM area
				    WHERE %2$s) a
				CROSS JOIN LATERAL (%3$s
				    ORDER BY area_code, id LIMIT :candidates) h
				ORDER BY a.knn, h.id
				LIMIT :candidates""".formatted(here, String.join(" AND ", areas), String.join(" UNION ALL ", scans));
		String sql = """
				WITH exact AS (
				    SELECT p.id, p.point AS shown FROM petition p
				    WHERE ST_DWithin(p.point::geography, %1$s, :radius) AND %2$s AND %3$s
				    ORDER BY p.point::geography <-> %1$s
				    LIMIT :candidates),
				hidden AS (%4$s),
				shown AS (SELECT * FROM exact UNION ALL SELECT * FROM hidden)
				SELECT s.id, ST_Distance(s.shown::geography, %1$s, true) AS distance
				FROM shown s ORDER BY distance, s.id LIMIT :limit""".formatted(here, search.where(), exact, hidden);
		parameters.put("here", PostgisGeometries.parameter(center));
		parameters.put("radius", radiusMeters);
		parameters.put("caller", callerId);
		parameters.put("officerOf", officerOf.stream().map(code -> code + "%").toArray(String[]::new));
		// Sphere and spheroid disagree by well under 1%: a few spare candidates keep
		// the order exact.
		parameters.put("candidates", limit * 2 + 10);
		parameters.put("limit", limit);
		return new Statement(sql, parameters);
	}

	public record NearbyRow(long id, double distanceMeters) {
	}

}
