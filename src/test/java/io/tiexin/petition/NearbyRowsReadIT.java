package io.tiexin.petition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.geo.PointInput;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.grid.AreaFixtures.FreshCounty;
import io.tiexin.people.Actor;
import io.tiexin.people.PeopleFixtures;
import io.tiexin.people.PersonDirectory;
import io.tiexin.petition.internal.PetitionListRepository;
import io.tiexin.petition.internal.PetitionListRepository.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What a nearby search costs the database (issue 19): the statement
 * {@code nearbyPetitions} sends, EXPLAINed (ANALYZE) as the repository runs it, reads
 * about as many rows of {@code petition} as it keeps as candidates, however many
 * petitions lie within the radius and however many of them are shown at their area's
 * point; and it answers what the API answers.
 * <p>
 * The fixture: a fresh county (2 km square, two cells side by side) holding 4,000
 * petitions on a grid about 25 × 44 m apart, stored straight in the table, about 700 of
 * them within 500 m of the middle of the west cell; every fifth of a sensitive category
 * (shown at the cell's label point to who handles neither the case nor the area), a third
 * without an assignee; and ten petitions far away in each cell of the demo county, for
 * the planner's statistics. Deleted when the class is done.
 */
@TiexinIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NearbyRowsReadIT {

	static final int FIXTURE = 4000;

	static final double SIDE = 0.02;

	static final int RADIUS = 500;

	static final int FIRST = 20;

	/**
	 * The candidates the statement keeps from each part (PetitionListRepository#nearby).
	 */
	static final int CANDIDATES = FIRST * 2 + 10;

	/**
	 * Three times the candidates for the cases shown at their own point (a grid member's
	 * filter passes few of those outside the cell), and the candidates once per sensitive
	 * category (DISPUTE, ELDERLY_DISABLED) for those shown at their cell's point: one
	 * scan per category, each stopping at the candidates.
	 */
	static final int BOUND = 3 * CANDIDATES + 2 * CANDIDATES;

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaFixtures areas;

	@Autowired
	PeopleFixtures peopleFixtures;

	@Autowired
	PersonDirectory people;

	@Autowired
	PetitionQueries queries;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	Flyway flyway;

	final String run = "NR" + (System.nanoTime() % 1_000_000) + "-";

	FreshCounty county;

	String gridMember;

	double west;

	double south;

	@BeforeAll
	void storeTheFixture() {
		this.county = this.areas.freshCounty();
		this.gridMember = this.peopleFixtures.gridMember(this.county.cell(0)).username();
		long citizen = this.peopleFixtures.citizen(this.county.cell(0)).id();
		long handler = this.peopleFixtures.officer(this.county.township()).id();
		Map<String, Object> corner = this.jdbc
			.sql("SELECT ST_XMin(boundary) AS west, ST_YMin(boundary) AS south FROM area WHERE code = ?")
			.param(this.county.code())
			.query()
			.singleRow();
		this.west = ((Number) corner.get("west")).doubleValue();
		this.south = ((Number) corner.get("south")).doubleValue();
		int stored = this.jdbc.sql("""
				INSERT INTO petition (tracking_number, title, category_code, channel, urgency, status, level, point,
				    grid_code, area_code, match_method, submitter_id, assignee_id, liaison_id, submitted_at, due_at,
				    updated_at)
				SELECT :run || g, '附近夹具',
				    CASE WHEN g % 10 = 0 THEN 'DISPUTE' WHEN g % 10 = 5 THEN 'ELDERLY_DISABLED'
				         ELSE (CAST(:categories AS text[]))[1 + (g / 10) % 4] END,
				    'PATROL', 'NORMAL', 'ACCEPTED', 'VILLAGE', pt.point, c.code, c.code, 'CONTAINS', :citizen,
				    CASE WHEN g % 3 <> 0 THEN :handler END, CASE WHEN g % 2 = 0 THEN :handler END,
				    now() - g * interval '1 hour', now() + interval '5 days', now() - g * interval '1 hour'
				FROM generate_series(0, :count - 1) g
				CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(:west + (0.5 + g % 80) * :side / 80,
				    :south + (0.5 + g / 80) * :side / 50), 4326) AS point) pt
				CROSS JOIN LATERAL (SELECT CASE WHEN g % 80 < 40 THEN :west_cell ELSE :east_cell END AS code) c""")
			.param("run", this.run)
			.param("categories", new String[] { "ROADS", "SEWAGE", "STREET_LIGHT", "OTHER" })
			.param("citizen", citizen)
			.param("handler", handler)
			.param("count", FIXTURE)
			.param("west", this.west)
			.param("south", this.south)
			.param("side", SIDE)
			.param("west_cell", this.county.cell(0))
			.param("east_cell", this.county.cell(1))
			.update();
		assertThat(stored).isEqualTo(FIXTURE);
		// The rest of a county around it, as the planner's statistics would have it: ten
		// petitions in each of the demo county's cells (without them the table held two
		// areas, and PostgreSQL walked the primary key to find an area's cases, as it
		// rightly would in a table of two areas). Their points are far from everything
		// (102°E 33°N), so no spatial search meets them; deleted with the fixture.
		int background = this.jdbc.sql("""
				INSERT INTO petition (tracking_number, title, category_code, channel, urgency, status, level, point,
				    grid_code, area_code, match_method, submitter_id, submitted_at, updated_at)
				SELECT :run || 'b' || (c.n * 10 + g), '附近夹具', (CAST(:categories AS text[]))[1 + g % 6], 'PATROL',
				    'NORMAL', 'CLOSED', 'VILLAGE', ST_SetSRID(ST_MakePoint(102 + g * 0.001, 33), 4326), c.code, c.code,
				    'CONTAINS', :citizen, now() - g * interval '1 day', now() - g * interval '1 day'
				FROM (SELECT code, row_number() OVER (ORDER BY code) AS n FROM area
				      WHERE level = 'GRID' AND code LIKE '360322%') c
				CROSS JOIN generate_series(0, 9) g""")
			.param("run", this.run)
			.param("categories",
					new String[] { "ROADS", "SEWAGE", "STREET_LIGHT", "OTHER", "DISPUTE", "ELDERLY_DISABLED" })
			.param("citizen", citizen)
			.update();
		assertThat(background).isGreaterThan(1000);
		// Statistics as the planner will have them: the service's role may not ANALYZE,
		// the owner may (autovacuum would, later).
		JdbcClient.create(this.flyway.getConfiguration().getDataSource()).sql("ANALYZE petition").update();
	}

	@AfterAll
	void removeTheFixture() {
		this.jdbc.sql("DELETE FROM petition WHERE tracking_number LIKE :run || '%'").param("run", this.run).update();
	}

	/**
	 * For the demo county's administrator (the fresh county is not theirs to officer: its
	 * sensitive cases are shown at their cell's point) and the west cell's grid member
	 * (who sees the cell's cases, its sensitive ones at the cell's point), the rows the
	 * scans of {@code petition} read, index entries of bitmap scans included, stay within
	 * {@link #BOUND}, five times the candidates: about 700 petitions lie within the
	 * radius and 400 sensitive ones in the cell.
	 */
	@Test
	void aNearbySearchReadsAboutAsManyRowsAsItsCandidates() {
		Map<String, Object> near = Map.of("lon", this.west + SIDE / 4, "lat", this.south + SIDE / 2);
		List<String> over = new ArrayList<>();
		for (String viewer : List.of("admin", this.gridMember)) {
			List<Long> answered = nearby(viewer, near).stream()
				.map(petition -> GraphQlClient.number(petition.petition().id()))
				.toList();
			assertThat(answered).as("%s: a full page", viewer).hasSize(FIRST);
			Actor actor = this.people.findByUsername(viewer).orElseThrow().asActor();
			Statement statement = this.queries.nearbyStatement(
					new PointInput(this.west + SIDE / 4, this.south + SIDE / 2, null), RADIUS, null, FIRST, actor);
			List<Long> sent = asTheRepositoryRunsIt(() -> this.jdbc.sql(statement.sql())
				.params(statement.parameters())
				.query((rs, row) -> rs.getLong("id"))
				.list());
			assertThat(sent).as("%s: the statement's answer is the API's", viewer).isEqualTo(answered);
			String explained = asTheRepositoryRunsIt(
					() -> this.jdbc.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + statement.sql())
						.params(statement.parameters())
						.query(String.class)
						.single());
			long read = PetitionListsIT.rowsRead(explained) + indexEntriesOfBitmaps(explained);
			System.out.printf("nearby, %s: %d rows read for %d candidates, bound %d%n", viewer, read, CANDIDATES,
					BOUND);
			if (read > BOUND) {
				over.add("%s: %d rows read, more than %d".formatted(viewer, read, BOUND));
				asTheRepositoryRunsIt(() -> this.jdbc.sql("EXPLAIN (ANALYZE, COSTS OFF) " + statement.sql())
					.params(statement.parameters())
					.query(String.class)
					.list()).forEach(System.out::println);
			}
		}
		this.jdbc.sql(
				"SELECT indexdef || ' ' || (SELECT n_distinct FROM pg_stats WHERE tablename = 'petition' AND attname = 'area_code') FROM pg_indexes WHERE tablename = 'petition'")
			.query(String.class)
			.list()
			.forEach(System.out::println);
		assertThat(over).as("nearby searches that read more rows than their bound").isEmpty();
	}

	/**
	 * The grid member sees the cell's sensitive cases at the cell's label point, those
	 * without an assignee too (before round five, a null assignee left them out of both
	 * parts of the search), and the others at their own points.
	 */
	@Test
	void sensitiveCasesAreShownAtTheirCellsPointAssignedOrNot() {
		Map<String, Object> near = Map.of("lon", this.west + SIDE / 4, "lat", this.south + SIDE / 2);
		double labelDistance = this.jdbc.sql("""
				SELECT ST_Distance(label_point::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, true)
				FROM area WHERE code = ?""")
			.params(near.get("lon"), near.get("lat"), this.county.cell(0))
			.query(Double.class)
			.single();
		List<NearbyPetition> nearby = nearby(this.gridMember, near);
		List<Long> ids = nearby.stream().map(petition -> GraphQlClient.number(petition.petition().id())).toList();
		Map<Long, Map<String, Object>> stored = new HashMap<>();
		this.jdbc.sql("SELECT id, category_code, assignee_id FROM petition WHERE id IN (:ids)")
			.param("ids", ids)
			.query()
			.listOfRows()
			.forEach(row -> stored.put(((Number) row.get("id")).longValue(), row));
		Set<String> sensitive = Set.of("DISPUTE", "ELDERLY_DISABLED");
		boolean unassignedHidden = false;
		for (NearbyPetition petition : nearby) {
			Map<String, Object> row = stored.get(GraphQlClient.number(petition.petition().id()));
			if (sensitive.contains((String) row.get("category_code"))) {
				assertThat(petition.distanceMeters()).isCloseTo(labelDistance, within(0.001));
				unassignedHidden |= row.get("assignee_id") == null;
			}
		}
		assertThat(unassignedHidden).as("an unassigned sensitive case among those shown at the cell's point").isTrue();
	}

	/**
	 * The index entries the bitmap scans of {@code petition}'s indexes read, which
	 * {@link PetitionListsIT#rowsRead} leaves out: a bitmap of a partial index can read
	 * thousands of entries to intersect with another's and fetch no row at all.
	 */
	@SuppressWarnings("unchecked")
	private long indexEntriesOfBitmaps(String explained) {
		Set<String> indexes = Set.copyOf(this.jdbc.sql("SELECT indexname FROM pg_indexes WHERE tablename = 'petition'")
			.query(String.class)
			.list());
		List<Map<String, Object>> plans = PetitionListsIT.JSON.readValue(explained, List.class);
		return indexEntries((Map<String, Object>) plans.get(0).get("Plan"), indexes);
	}

	@SuppressWarnings("unchecked")
	private static long indexEntries(Map<String, Object> node, Set<String> indexes) {
		long read = 0;
		if ("Bitmap Index Scan".equals(node.get("Node Type")) && indexes.contains(node.get("Index Name"))) {
			read += Math.round(((Number) node.get("Actual Rows")).doubleValue()
					* ((Number) node.get("Actual Loops")).doubleValue());
		}
		for (Object child : (List<Object>) node.getOrDefault("Plans", List.of())) {
			read += indexEntries((Map<String, Object>) child, indexes);
		}
		return read;
	}

	private List<NearbyPetition> nearby(String viewer, Map<String, Object> near) {
		return this.client.as(viewer)
			.documentName("petition/nearbyPetitions")
			.variable("near", near)
			.variable("radiusMeters", RADIUS)
			.variable("first", FIRST)
			.execute()
			.path("nearbyPetitions")
			.entityList(NearbyPetition.class)
			.get();
	}

	/** In a transaction of its own with the repository's planner setting. */
	private <T> T asTheRepositoryRunsIt(Supplier<T> query) {
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		transaction.setReadOnly(true);
		return transaction.execute(status -> {
			this.jdbc.sql(PetitionListRepository.NEARBY_PLANNER).update();
			return query.get();
		});
	}

	record NearbyPetition(Double distanceMeters, PetitionId petition) {
	}

	record PetitionId(String id) {
	}

}
