package io.tiexin.petition;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.StatementCounter;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.geo.BBoxInput;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.people.Actor;
import io.tiexin.people.PersonDirectory;
import io.tiexin.petition.internal.PetitionRepository;
import io.tiexin.petition.internal.PetitionListRepository.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The petition lists as Relay clients page them (both directions, every order, cursors
 * that belong to their order, pageInfo as the Relay spec asks), and what a page costs the
 * database: every filter and order the API offers, EXPLAINed as the repository sends it,
 * reads about as many rows as the page holds (issue 19).
 * <p>
 * The fixture: 3,000 petitions stored straight in the table, a fifth in township
 * 360322203 (a village of it holding 300, a cell 150), the rest in 360322104; points far
 * outside the county (100°E 35°N) and no sensitive category, so no map, tile or nearby
 * search of other tests meets them; a third of the open ones overdue (for the overdue
 * lists; the escalation job runs in tests only when a test runs it), the others due in
 * the future; deleted when the class is done.
 */
@TiexinIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PetitionListsIT {

	static final String TOWNSHIP = AreaFixtures.claim(PetitionListsIT.class, "360322203");

	static final String BULK = AreaFixtures.claim(PetitionListsIT.class, "360322104");

	static final String OFFICER = "officer-" + TOWNSHIP;

	static final int FIXTURE = 3000;

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** 21 × 21 of the fixture's points, 0.001° apart. */
	static final Map<String, Object> BOX = Map.of("west", 100.0095, "south", 35.0095, "east", 100.0305, "north",
			35.0305);

	static final List<PetitionOrder> ORDERS = List.of(order("SUBMITTED_AT", "DESC"), order("SUBMITTED_AT", "ASC"),
			order("DUE_AT", "ASC"), order("DUE_AT", "DESC"), order("UPDATED_AT", "DESC"), order("UPDATED_AT", "ASC"));

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PetitionQueries queries;

	@Autowired
	PetitionRepository repository;

	@Autowired
	PersonDirectory people;

	@Autowired
	Flyway flyway;

	final String run = "PL" + (System.nanoTime() % 1_000_000) + "-";

	String village;

	String cell;

	@BeforeAll
	void storeTheFixture() {
		List<String> cells = this.jdbc.sql("SELECT code FROM area WHERE level = 'GRID' AND code LIKE ? ORDER BY code")
			.param(TOWNSHIP + "%")
			.query(String.class)
			.list();
		this.cell = cells.get(0);
		this.village = this.cell.substring(0, 12);
		String neighbour = cells.stream()
			.filter(c -> c.startsWith(this.village) && !c.equals(this.cell))
			.findFirst()
			.orElseThrow();
		List<String> elsewhere = cells.stream().filter(c -> !c.startsWith(this.village)).toList();
		List<String> bulk = this.jdbc.sql("SELECT code FROM area WHERE level = 'GRID' AND code LIKE ? ORDER BY code")
			.param(BULK + "%")
			.query(String.class)
			.list();
		int stored = this.jdbc
			.sql("""
					INSERT INTO petition (tracking_number, title, category_code, channel, urgency, status, level, point,
					    grid_code, area_code, match_method, submitter_id, assignee_id, submitted_at, due_at, closed_at,
					    updated_at)
					SELECT :run || g, '列表夹具', (CAST(:categories AS text[]))[1 + (g / 7) % 8], 'PATROL', 'NORMAL',
					    s.status, 'VILLAGE', ST_SetSRID(ST_MakePoint(100 + (g % 60) * 0.001, 35 + (g / 60) * 0.001), 4326),
					    c.code, c.code, 'CONTAINS', :submitter, CASE WHEN g % 20 = 10 THEN :officer END, s.at,
					    CASE WHEN g % 7 = 0 THEN NULL
					         WHEN s.status IN ('ACCEPTED', 'IN_PROGRESS') AND g % 3 = 0 THEN now() - (1 + g % 30) * interval '1 day'
					         WHEN s.status IN ('ACCEPTED', 'IN_PROGRESS') THEN now() + (1 + g % 30) * interval '1 day'
					         ELSE s.at + interval '5 days' END,
					    CASE WHEN s.status = 'CLOSED' THEN s.at + interval '2 days' END,
					    s.at + (g % 13) * interval '1 hour'
					FROM generate_series(1, :count) g
					CROSS JOIN LATERAL (SELECT
					    CASE (g / 20) % 20 WHEN 0 THEN 'ACCEPTED' WHEN 1 THEN 'IN_PROGRESS' WHEN 2 THEN 'RESOLVED'
					                       WHEN 3 THEN 'WITHDRAWN' ELSE 'CLOSED' END AS status,
					    -- pairs of petitions share their instant: ties are broken by id
					    date_trunc('second', now()) - (g / 2) * interval '3 hours' AS at) s
					CROSS JOIN LATERAL (SELECT CASE
					    WHEN g % 20 = 0 THEN :cell
					    WHEN g % 20 = 10 THEN :neighbour
					    WHEN g % 10 = 5 THEN (CAST(:elsewhere AS text[]))[1 + (g / 20) % cardinality(CAST(:elsewhere AS text[]))]
					    ELSE (CAST(:bulk AS text[]))[1 + g % cardinality(CAST(:bulk AS text[]))] END AS code) c""")
			.param("run", this.run)
			.param("categories",
					new String[] { "STREET_LIGHT", "WATER_SUPPLY", "SEWAGE", "ROADS", "ENVIRONMENT", "WAGES_EMPLOYMENT",
							"SAFETY_HAZARD", "OTHER" })
			.param("submitter", this.client.personId("admin"))
			.param("officer", this.client.personId(OFFICER))
			.param("count", FIXTURE)
			.param("cell", this.cell)
			.param("neighbour", neighbour)
			.param("elsewhere", elsewhere.toArray(String[]::new))
			.param("bulk", bulk.toArray(String[]::new))
			.update();
		assertThat(stored).isEqualTo(FIXTURE);
		// Statistics as the planner will have them: the service's role may not ANALYZE,
		// the owner may (autovacuum would, later).
		JdbcClient.create(this.flyway.getConfiguration().getDataSource()).sql("ANALYZE petition").update();
	}

	@AfterAll
	void removeTheFixture() {
		String fixture = "SELECT id FROM petition WHERE tracking_number LIKE :run || '%'";
		this.jdbc.sql("DELETE FROM petition_event WHERE petition_id IN (" + fixture + ")")
			.param("run", this.run)
			.update();
		this.jdbc.sql("DELETE FROM petition WHERE id IN (" + fixture + ")").param("run", this.run).update();
	}

	@Test
	void everyOrderReadForwardOrBackwardIsTheWholeListOnceWithRelaysPageInfo() {
		for (PetitionOrder order : ORDERS) {
			List<Long> expected = this.jdbc
				.sql("SELECT p.id FROM petition p WHERE p.area_code LIKE :village || '%' ORDER BY " + orderSql(order))
				.param("village", this.village)
				.query(Long.class)
				.list();
			assertThat(expected).hasSizeGreaterThanOrEqualTo(300);

			List<Long> forward = new ArrayList<>();
			String after = null;
			Page page;
			do {
				page = page(Map.of("areaCode", this.village), order, 70, after, null, null);
				assertThat(page.pageInfo().hasPreviousPage()).as("hasPreviousPage after %s", after)
					.isEqualTo(after != null);
				page.edges().forEach(edge -> forward.add(GraphQlClient.number(edge.node().id())));
				after = page.pageInfo().endCursor();
			}
			while (page.pageInfo().hasNextPage());
			assertThat(forward).as("forward, %s", order).isEqualTo(expected);

			List<Long> backward = new ArrayList<>();
			String before = null;
			do {
				page = page(Map.of("areaCode", this.village), order, null, null, 70, before);
				assertThat(page.pageInfo().hasNextPage()).as("hasNextPage before %s", before).isEqualTo(before != null);
				List<Long> ids = page.edges().stream().map(edge -> GraphQlClient.number(edge.node().id())).toList();
				backward.addAll(0, ids);
				before = page.pageInfo().startCursor();
			}
			while (page.pageInfo().hasPreviousPage());
			assertThat(backward).as("backward, %s", order).isEqualTo(expected);
		}
	}

	@Test
	void afterAndBeforeTogetherBoundOnePage() {
		Map<String, Object> filter = Map.of("areaCode", this.cell);
		PetitionOrder newest = ORDERS.get(0);
		Page all = page(filter, newest, 100, null, null, null);
		List<Edge> edges = all.edges();
		Page between = page(filter, newest, 100, edges.get(2).cursor(), null, edges.get(7).cursor());
		assertThat(between.edges()).extracting(edge -> edge.node().id())
			.containsExactlyElementsOf(edges.subList(3, 7).stream().map(edge -> edge.node().id()).toList());
		assertThat(between.pageInfo().hasPreviousPage()).isTrue();
		Page lastTwo = page(filter, newest, null, edges.get(2).cursor(), 2, edges.get(7).cursor());
		assertThat(lastTwo.edges()).extracting(edge -> edge.node().id())
			.containsExactly(edges.get(5).node().id(), edges.get(6).node().id());
		assertThat(lastTwo.pageInfo().hasPreviousPage()).isTrue();
		assertThat(lastTwo.pageInfo().hasNextPage()).isTrue();
	}

	@Test
	void aCursorBelongsToTheOrderItWasReadIn() {
		Map<String, Object> filter = Map.of("areaCode", this.cell);
		String cursor = page(filter, null, 5, null, null, null).pageInfo().endCursor();
		// the default order is newest first: its cursors are SUBMITTED_AT DESC's
		assertThat(page(filter, ORDERS.get(0), 5, cursor, null, null).edges()).hasSize(5);

		assertThat(refusal(filter, order("UPDATED_AT", "DESC"), 5, cursor, null, null)).isEqualTo("VALIDATION");
		assertThat(refusal(filter, order("SUBMITTED_AT", "ASC"), 5, cursor, null, null)).isEqualTo("VALIDATION");
		assertThat(refusal(filter, order("DUE_AT", "DESC"), null, null, 5, cursor)).isEqualTo("VALIDATION");
		assertThat(refusal(filter, null, 5, "bm90LWEtY3Vyc29y", null, null)).isEqualTo("VALIDATION");
		assertThat(refusal(filter, null, 5, "%%%", null, null)).isEqualTo("VALIDATION");
		assertThat(refusal(filter, null, 5, null, 5, null)).isEqualTo("VALIDATION");
		assertThat(refusal(filter, null, null, null, 0, null)).isEqualTo("VALIDATION");
		assertThat(refusal(filter, null, null, null, 101, null)).isEqualTo("VALIDATION");
	}

	@Test
	void myCasesPageBothWays() {
		Actor officer = this.people.findByUsername(OFFICER).orElseThrow().asActor();
		List<Long> expected = this.jdbc
			.sql("SELECT p.id FROM petition p WHERE :me IN (p.assignee_id, p.liaison_id, "
					+ "p.submitter_id) ORDER BY (CASE WHEN p.status IN " + PetitionStatus.OPEN_SQL
					+ " THEN 0 ELSE 1 END), coalesce(p.due_at, 'infinity'::timestamptz), p.id")
			.param("me", officer.personId())
			.query(Long.class)
			.list();
		assertThat(expected).hasSizeGreaterThanOrEqualTo(150);

		List<Long> forward = new ArrayList<>();
		String after = null;
		Page page;
		do {
			page = myCases(40, after, null, null);
			assertThat(page.pageInfo().hasPreviousPage()).isEqualTo(after != null);
			page.edges().forEach(edge -> forward.add(GraphQlClient.number(edge.node().id())));
			after = page.pageInfo().endCursor();
		}
		while (page.pageInfo().hasNextPage());
		assertThat(forward).isEqualTo(expected);

		List<Long> backward = new ArrayList<>();
		String before = null;
		do {
			page = myCases(null, null, 40, before);
			assertThat(page.pageInfo().hasNextPage()).isEqualTo(before != null);
			backward.addAll(0, page.edges().stream().map(edge -> GraphQlClient.number(edge.node().id())).toList());
			before = page.pageInfo().startCursor();
		}
		while (page.pageInfo().hasPreviousPage());
		assertThat(backward).isEqualTo(expected);
	}

	@Test
	void theTotalIsCountedOnlyWhenAskedFor() {
		Map<String, Object> filter = Map.of("areaCode", TOWNSHIP);
		long uncounted = statements("petition/petitionsUncounted", filter);
		long counted = statements("petition/petitionsCounted", filter);
		assertThat(counted).isEqualTo(uncounted + 1);
		long total = this.jdbc.sql("SELECT count(*) FROM petition WHERE area_code LIKE ? || '%'")
			.param(TOWNSHIP)
			.query(Long.class)
			.single();
		this.client.admin()
			.documentName("petition/petitionsCounted")
			.variable("filter", filter)
			.variable("first", 5)
			.execute()
			.path("petitions.totalCount")
			.entity(Long.class)
			.isEqualTo(total);
	}

	/**
	 * Totals by an area with statuses or categories come from the daily rollup when the
	 * area lies within what the viewer may see (the county administrator anywhere, the
	 * township's officer in the township), otherwise from the rows; either way each is
	 * the count of the rows the viewer may see.
	 */
	@Test
	void everyTotalIsTheCountOfTheRowsTheViewerMaySee() {
		long officer = this.client.personId(OFFICER);
		List<Map<String, Object>> filters = List.of(Map.of("areaCode", TOWNSHIP), Map.of("areaCode", this.village),
				Map.of("areaCode", this.cell, "status", List.of("CLOSED")),
				Map.of("areaCode", TOWNSHIP, "status", List.of("ACCEPTED", "IN_PROGRESS"), "categoryCode",
						List.of("ROADS", "SEWAGE")),
				Map.of("areaCode", BULK), Map.of("areaCode", BULK, "categoryCode", List.of("OTHER")),
				Map.of("areaCode", TOWNSHIP, "overdue", true));
		for (Map<String, Object> filter : filters) {
			for (String viewer : List.of("admin", OFFICER)) {
				String sql = "SELECT count(*) FROM petition WHERE area_code LIKE :area || '%'"
						+ (filter.containsKey("status") ? " AND status = ANY(:statuses)" : "")
						+ (filter.containsKey("categoryCode") ? " AND category_code = ANY(:categories)" : "")
						+ (filter.containsKey("overdue")
								? " AND status IN ('SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'IN_PROGRESS') AND due_at < now()"
								: "")
						+ (viewer.equals(OFFICER) ? " AND (area_code LIKE :township || '%' OR submitter_id = :officer"
								+ " OR assignee_id = :officer OR liaison_id = :officer)" : "");
				long rows = this.jdbc.sql(sql)
					.param("area", filter.get("areaCode"))
					.param("statuses", strings(filter.get("status")))
					.param("categories", strings(filter.get("categoryCode")))
					.param("township", TOWNSHIP)
					.param("officer", officer)
					.query(Long.class)
					.single();
				Long total = this.client.as(viewer)
					.documentName("petition/petitionsCounted")
					.variable("filter", filter)
					.variable("first", 1)
					.execute()
					.path("petitions.totalCount")
					.entity(Long.class)
					.get();
				assertThat(total).as("%s as %s", filter, viewer).isEqualTo(rows);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static String[] strings(Object list) {
		return (list != null) ? ((List<String>) list).toArray(String[]::new) : new String[0];
	}

	/**
	 * For every filter and order: the first page, the next one and the last one, each
	 * EXPLAINed (ANALYZE) as the repository sends it for the API's arguments and the
	 * viewer, and each checked against the API's own answer for the same viewer. The rows
	 * the scans of {@code petition} read stay within three times the rows fetched (a page
	 * and one more) per ordered scan that finds rows: one per value of a status or
	 * category list, one per area of a viewer's scope and one for the cases the viewer
	 * handles (the officer's 150), plus one for the page read in full when the list is a
	 * merge of scans; whatever the filter's share of the table. (The viewers' scans of
	 * cases they submitted or are liaison of find none here.)
	 */
	@Test
	void everyFilterAndOrderReadsAboutAsManyRowsAsThePageHolds() {
		OffsetDateTime newest = this.jdbc.sql("SELECT max(submitted_at) FROM petition WHERE tracking_number LIKE ?")
			.param(this.run + "%")
			.query(OffsetDateTime.class)
			.single();
		List<Case> cases = new ArrayList<>();
		cases.add(new Case("none", "admin", Map.of(), 1, ORDERS));
		cases.add(new Case("township", "admin", Map.of("areaCode", TOWNSHIP), 1, ORDERS));
		cases.add(new Case("village", "admin", Map.of("areaCode", this.village), 1, ORDERS));
		cases.add(new Case("cell", "admin", Map.of("areaCode", this.cell), 1, ORDERS));
		cases.add(new Case("one status", "admin", Map.of("status", List.of("ACCEPTED")), 1, ORDERS));
		cases.add(new Case("two statuses", "admin", Map.of("status", List.of("ACCEPTED", "RESOLVED")), 3, ORDERS));
		cases.add(new Case("one category", "admin", Map.of("categoryCode", List.of("ROADS")), 1, ORDERS));
		cases.add(new Case("two categories", "admin", Map.of("categoryCode", List.of("ROADS", "SEWAGE")), 3, ORDERS));
		cases.add(new Case("assignee", "admin", Map.of("assigneeId", Long.toString(this.client.personId(OFFICER))), 1,
				ORDERS));
		// Overdue cases are open ones due before now: the open cases' due index (V4)
		// holds them in due order. In another order they are read and sorted (see
		// docs/graphql-conventions.md).
		cases.add(new Case("overdue", "admin", Map.of("overdue", true), 1,
				ORDERS.stream().filter(order -> order.field() == PetitionOrderField.DUE_AT).toList()));
		// A period bounds the submission time only: in another order, see
		// docs/graphql-conventions.md.
		cases.add(new Case("period", "admin",
				Map.of("submittedFrom", newest.minusDays(200).toString(), "submittedTo",
						newest.minusDays(100).toString()),
				1, ORDERS.stream().filter(order -> order.field() == PetitionOrderField.SUBMITTED_AT).toList()));
		// A box of 21 × 21 of the fixture's points (a seventh of it), newest or oldest
		// first: the GiST index of (point, submitted_at) (V26_1). In the other orders
		// the box is read and sorted (see docs/graphql-conventions.md).
		List<PetitionOrder> bySubmission = ORDERS.stream()
			.filter(order -> order.field() == PetitionOrderField.SUBMITTED_AT)
			.toList();
		cases.add(new Case("bbox", "admin", Map.of("bbox", BOX), 1, bySubmission));
		cases.add(new Case("bbox, one status", "admin", Map.of("bbox", BOX, "status", List.of("CLOSED")), 1,
				bySubmission));
		// Viewers below the county: their areas' scans, then their own cases as
		// submitter, assignee (the officer handles 150 of the township's) and liaison.
		cases.add(new Case("an officer's township", OFFICER, Map.of(), 5, ORDERS));
		cases.add(new Case("a cadre's village", "cadre-" + this.village, Map.of(), 5, ORDERS));
		cases.add(new Case("a grid member's cell", "gm-" + this.cell, Map.of(), 5, ORDERS));
		cases.add(
				new Case("an officer's township, one status", OFFICER, Map.of("status", List.of("CLOSED")), 5, ORDERS));
		List<String> report = new ArrayList<>();
		List<String> over = new ArrayList<>();
		int size = 10;
		for (Case list : cases) {
			Actor viewer = this.people.findByUsername(list.viewer()).orElseThrow().asActor();
			GraphQlTester tester = this.client.as(list.viewer());
			long bound = 3L * (size + 1) * list.scans();
			for (PetitionOrder order : list.orders()) {
				Page first = page(tester, list.filter(), order, size, null, null, null);
				assertThat(first.edges()).as("%s, %s: a first page", list.name(), order).isNotEmpty();
				Page second = page(tester, list.filter(), order, size, first.pageInfo().endCursor(), null, null);
				Page last = page(tester, list.filter(), order, null, null, size, null);
				for (Object[] paging : List.of(new Object[] { "first", new Paging(size, null, null, null), first },
						new Object[] { "second", new Paging(size, first.pageInfo().endCursor(), null, null), second },
						new Object[] { "last", new Paging(null, null, size, null), last })) {
					Statement statement = this.queries.listStatement(filterOf(list.filter()), order, (Paging) paging[1],
							viewer);
					List<Long> sent = this.jdbc.sql(statement.sql())
						.params(statement.parameters())
						.query((rs, row) -> rs.getLong("id"))
						.list();
					List<Long> answered = ((Page) paging[2]).edges()
						.stream()
						.map(edge -> GraphQlClient.number(edge.node().id()))
						.toList();
					if (paging[0].equals("last")) {
						answered = new ArrayList<>(answered);
						Collections.reverse(answered);
					}
					assertThat(sent.subList(0, Math.min(size, sent.size())))
						.as("%s %s %s", list.name(), order, paging[0])
						.isEqualTo(answered);
					long read = rowsRead(this.jdbc.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + statement.sql())
						.params(statement.parameters())
						.query(String.class)
						.single());
					report.add("%s, %s %s, %s page: %d rows read".formatted(list.name(), order.field(),
							order.direction(), paging[0], read));
					if (read > bound) {
						over.add("%s, %s %s, %s page: %d rows read, more than %d".formatted(list.name(), order.field(),
								order.direction(), paging[0], read, bound));
					}
				}
			}
		}
		report.forEach(System.out::println);
		assertThat(over).as("pages that read more rows than their bound").isEmpty();
	}

	/**
	 * The pages of one list are every order's first and second and last of a filter as
	 * the viewer sees it, read in the given number of ordered scans.
	 */
	record Case(String name, String viewer, Map<String, Object> filter, int scans, List<PetitionOrder> orders) {
	}

	private static int listSize(Object list) {
		return (list instanceof List<?> values) ? values.size() : 0;
	}

	/** The filter as the controller binds it from the same variables. */
	private static PetitionFilter filterOf(Map<String, Object> filter) {
		@SuppressWarnings("unchecked")
		List<String> statuses = (List<String>) filter.get("status");
		@SuppressWarnings("unchecked")
		List<String> categories = (List<String>) filter.get("categoryCode");
		return new PetitionFilter((String) filter.get("areaCode"),
				(statuses != null) ? statuses.stream().map(PetitionStatus::valueOf).toList() : null, categories,
				time(filter.get("submittedFrom")), time(filter.get("submittedTo")), (Boolean) filter.get("overdue"),
				bbox(filter.get("bbox")), (String) filter.get("assigneeId"));
	}

	private static BBoxInput bbox(Object value) {
		if (!(value instanceof Map<?, ?> box)) {
			return null;
		}
		return new BBoxInput((Double) box.get("west"), (Double) box.get("south"), (Double) box.get("east"),
				(Double) box.get("north"));
	}

	private static OffsetDateTime time(Object value) {
		return (value != null) ? OffsetDateTime.parse((String) value) : null;
	}

	/**
	 * Rows the plan's scans of {@code petition} read: those they returned and those their
	 * filters removed, over every loop (EXPLAIN gives both per loop).
	 */
	@SuppressWarnings("unchecked")
	static long rowsRead(String explained) {
		List<Map<String, Object>> plans = JSON.readValue(explained, List.class);
		return rowsRead((Map<String, Object>) plans.get(0).get("Plan"));
	}

	@SuppressWarnings("unchecked")
	private static long rowsRead(Map<String, Object> node) {
		long read = 0;
		if ("petition".equals(node.get("Relation Name"))) {
			double perLoop = number(node.get("Actual Rows")) + number(node.get("Rows Removed by Filter"))
					+ number(node.get("Rows Removed by Index Recheck"));
			read += Math.round(perLoop * number(node.get("Actual Loops")));
		}
		for (Object child : (List<Object>) node.getOrDefault("Plans", List.of())) {
			read += rowsRead((Map<String, Object>) child);
		}
		return read;
	}

	private static double number(Object value) {
		return (value instanceof Number number) ? number.doubleValue() : 0;
	}

	private long statements(String document, Map<String, Object> filter) {
		GraphQlTester tester = this.client.admin();
		tester.documentName(document).variable("filter", filter).variable("first", 5).execute();
		long before = StatementCounter.countOnRequestThreads();
		tester.documentName(document).variable("filter", filter).variable("first", 5).execute();
		return StatementCounter.countOnRequestThreads() - before;
	}

	private Page page(Map<String, Object> filter, PetitionOrder order, Integer first, String after, Integer last,
			String before) {
		return page(this.client.admin(), filter, order, first, after, last, before);
	}

	private Page page(GraphQlTester tester, Map<String, Object> filter, PetitionOrder order, Integer first,
			String after, Integer last, String before) {
		return ordered(tester, filter, order, first, after, last, before).execute()
			.path("petitions")
			.entity(Page.class)
			.get();
	}

	private String refusal(Map<String, Object> filter, PetitionOrder order, Integer first, String after, Integer last,
			String before) {
		List<ResponseError> errors = ordered(this.client.admin(), filter, order, first, after, last, before).execute()
			.returnResponse()
			.getErrors();
		assertThat(errors).hasSize(1);
		return (String) errors.get(0).getExtensions().get("code");
	}

	private GraphQlTester.Request<?> ordered(GraphQlTester tester, Map<String, Object> filter, PetitionOrder order,
			Integer first, String after, Integer last, String before) {
		return tester.documentName("petition/petitionsOrdered")
			.variable("filter", filter)
			.variable("orderBy",
					(order != null) ? Map.of("field", order.field().name(), "direction", order.direction().name())
							: null)
			.variable("first", first)
			.variable("after", after)
			.variable("last", last)
			.variable("before", before);
	}

	private Page myCases(Integer first, String after, Integer last, String before) {
		return this.client.as(OFFICER)
			.documentName("petition/myCasesBothWays")
			.variable("first", first)
			.variable("after", after)
			.variable("last", last)
			.variable("before", before)
			.execute()
			.path("myCases")
			.entity(Page.class)
			.get();
	}

	private static String orderSql(PetitionOrder order) {
		String key = switch (order.field()) {
			case SUBMITTED_AT -> "p.submitted_at";
			case DUE_AT -> "coalesce(p.due_at, 'infinity'::timestamptz)";
			case UPDATED_AT -> "p.updated_at";
		};
		return key + " " + order.direction() + ", p.id " + order.direction();
	}

	private static PetitionOrder order(String field, String direction) {
		return new PetitionOrder(PetitionOrderField.valueOf(field), OrderDirection.valueOf(direction));
	}

	record Page(List<Edge> edges, PageInfo pageInfo) {
	}

	record Edge(String cursor, Node node) {
	}

	record Node(String id) {
	}

	record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

}
