package io.tiexin.department;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tiexin.GraphQlClient;
import io.tiexin.TestClock;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.dispatch.EscalationRuns;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.petition.PetitionFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whistle (村组吹哨、部门报到) through GraphQL, signed in as the demo county's people and
 * departments, on a clock the tests move; the escalation job runs from two threads at
 * once, as two replicas would. In 长平乡 (360322201), village 360322201205.
 */
@TiexinIntegrationTest
class DepartmentIT {

	static final String CELL = "360322201205003";

	static final String MEMBER = "gm-" + CELL;

	static final String CADRE = "cadre-360322201205";

	static final String OFFICER = "officer-360322201";

	static final String TRANSPORT = "dept-transport-1";

	static final String WATER = "dept-water-resources-1";

	static final String HOUSING = "dept-housing-1";

	/** A whistle's fields ({@code graphql-test/department/whistleFields}). */
	static final String WHISTLE = "department/whistleFields";

	/**
	 * A department's response's fields ({@code graphql-test/department/responseFields}).
	 */
	static final String RESPONSE = "department/responseFields";

	@Autowired
	GraphQlClient client;

	@Autowired
	AreaCatalog areas;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void twoDepartmentsSummonedOneReportsOnTimeTheOtherLateIsSupervisedExactlyOnceByTwoReplicas() throws Exception {
		// Tuesday 14 April 2026, 09:00: 2 working hours run to 11:00.
		this.clock.set(OffsetDateTime.parse("2026-04-14T09:00:00+08:00"));
		Map<String, Object> petition = submit("ROADS", "NORMAL");
		Object petitionId = petition.get("id");

		Map<String, Object> whistle = blow(CADRE, petitionId, List.of("TRANSPORT", "WATER_RESOURCES"), "塌方压断水管,村里处理不了");
		Object whistleId = whistle.get("id");
		assertThat(whistle).containsEntry("reason", "塌方压断水管,村里处理不了")
			.containsEntry("blownBy", Map.of("username", CADRE));
		assertThat(responses(whistle)).extracting(r -> (Object) ((Map<?, ?>) r.get("department")).get("code"))
			.containsExactly("TRANSPORT", "WATER_RESOURCES");
		assertThat(responses(whistle)).allSatisfy(r -> {
			assertThat(r).containsEntry("status", "SUMMONED").containsEntry("supervised", false);
			assertThat(OffsetDateTime.parse((String) r.get("reportDueAt"))).isEqualTo("2026-04-14T11:00+08:00");
		});
		// The case stays with its assignee.
		assertThat(casePetition(petitionId)).containsEntry("assignee", Map.of("username", OFFICER));

		this.clock.set(OffsetDateTime.parse("2026-04-14T10:00:00+08:00"));
		Map<String, Object> onTime = respond(TRANSPORT, "reportWhistle", whistleId, "TRANSPORT", "已到现场");
		assertThat(onTime).containsEntry("status", "REPORTED").containsEntry("overdue", false);

		this.clock.set(OffsetDateTime.parse("2026-04-14T11:01:00+08:00"));
		runTwiceAtOnce();
		runTwiceAtOnce();
		assertThat(events(petitionId, "WHISTLE_SUPERVISED")).isOne();
		Map<String, Object> supervised = responses(whistle(CADRE, whistleId)).get(1);
		assertThat(supervised).containsEntry("status", "SUMMONED")
			.containsEntry("supervised", true)
			.containsEntry("overdue", true);
		assertThat(responses(whistle(CADRE, whistleId)).get(0)).containsEntry("supervised", false);

		this.clock.set(OffsetDateTime.parse("2026-04-14T11:05:00+08:00"));
		Map<String, Object> late = respond(WATER, "reportWhistle", whistleId, "WATER_RESOURCES", null);
		assertThat(late).containsEntry("status", "REPORTED").containsEntry("overdue", true);
		runTwiceAtOnce();
		assertThat(events(petitionId, "WHISTLE_SUPERVISED")).isOne();

		this.clock.set(OffsetDateTime.parse("2026-04-14T15:00:00+08:00"));
		Map<String, Object> done = respond(TRANSPORT, "completeWhistle", whistleId, "TRANSPORT", "塌方已清理,道路恢复通行");
		assertThat(done).containsEntry("status", "DONE").containsEntry("note", "塌方已清理,道路恢复通行");

		List<String> types = timeline(petitionId).stream().map(e -> (String) e.get("type")).toList();
		assertThat(types).containsSubsequence("WHISTLE_BLOWN", "WHISTLE_REPORTED", "WHISTLE_SUPERVISED",
				"WHISTLE_REPORTED", "WHISTLE_DONE");
		assertThat(timeline(petitionId)).filteredOn(e -> "WHISTLE_REPORTED".equals(e.get("type")))
			.extracting(e -> (String) e.get("note"))
			.satisfiesExactly(note -> assertThat(note).contains("on time"),
					note -> assertThat(note).contains("5 minutes late"));

		List<Map<String, Object>> stats = this.client.planner()
			.documentName("department/departmentStats")
			.variable("period", Map.of("from", "2026-04-14T00:00:00+08:00", "to", "2026-04-15T00:00:00+08:00"))
			.execute()
			.path("departmentStats")
			.entityList(MAP)
			.get();
		assertThat(stats).filteredOn(s -> codeOf(s).equals("TRANSPORT"))
			.singleElement()
			.isEqualTo(Map.of("department", Map.of("code", "TRANSPORT"), "summons", 1, "reported", 1, "reportedOnTime",
					1, "medianMinutesToReport", 60.0, "done", 1, "overdue", 0));
		assertThat(stats).filteredOn(s -> codeOf(s).equals("WATER_RESOURCES"))
			.singleElement()
			.isEqualTo(Map.of("department", Map.of("code", "WATER_RESOURCES"), "summons", 1, "reported", 1,
					"reportedOnTime", 0, "medianMinutesToReport", 125.0, "done", 0, "overdue", 0));
		assertThat(stats).filteredOn(s -> codeOf(s).equals("JUSTICE"))
			.singleElement()
			.satisfies(s -> assertThat(s).containsEntry("summons", 0).containsEntry("medianMinutesToReport", null));
	}

	@Test
	void theCaseCannotBeClosedWhileASummonedDepartmentIsOpenUnlessAnOfficerOverridesWithAReason() {
		this.clock.set(OffsetDateTime.parse("2026-04-21T09:00:00+08:00"));
		Object petitionId = submit("ROADS", "NORMAL").get("id");
		Object whistleId = blow(OFFICER, petitionId, List.of("HOUSING"), "路边危房需鉴定").get("id");
		perform(OFFICER, "acceptPetition", petitionId, Map.of());
		Map<String, Object> resolved = perform(OFFICER, "resolvePetition", petitionId, Map.of("note", "道路已修复"));
		int version = (Integer) resolved.get("version");

		assertThat(refusal(OFFICER, "department/closePetition", Map.of("id", petitionId, "note", "核实")))
			.isEqualTo("INVALID_TRANSITION");
		assertThat(
				refusal("citizen", "department/confirmPetition", Map.of("id", petitionId, "satisfaction", "SATISFIED")))
			.isEqualTo("INVALID_TRANSITION");
		assertThat(casePetition(petitionId)).containsEntry("status", "RESOLVED").containsEntry("version", version);

		respond(HOUSING, "reportWhistle", whistleId, "HOUSING", null);
		assertThat(refusal(OFFICER, "department/closePetition", Map.of("id", petitionId, "note", "核实")))
			.isEqualTo("INVALID_TRANSITION");
		respond(HOUSING, "completeWhistle", whistleId, "HOUSING", "已鉴定为C级,已设警示");
		assertThat(perform("citizen", "confirmPetition", petitionId, Map.of("satisfaction", "SATISFIED")))
			.containsEntry("status", "CLOSED");

		// Over an open summons: only with the override, the note its reason.
		Object second = submit("ROADS", "NORMAL").get("id");
		blow(CADRE, second, List.of("NATURAL_RESOURCES"), "边坡是否需治理");
		perform(OFFICER, "acceptPetition", second, Map.of());
		perform(OFFICER, "resolvePetition", second, Map.of("note", "已处理"));
		assertThat(refusal(MEMBER, "department/closePetition",
				Map.of("id", second, "note", "x", "overrideOpenWhistles", true)))
			.isEqualTo("FORBIDDEN");
		Map<String, Object> closed = perform(OFFICER, "closePetition", second,
				Map.of("note", "县自然资源局确认无需治理,电话告知", "overrideOpenWhistles", true));
		assertThat(closed).containsEntry("status", "CLOSED");
		Map<String, Object> last = timeline(second).get(timeline(second).size() - 1);
		assertThat((String) last.get("note")).contains("上栗县自然资源局").endsWith("县自然资源局确认无需治理,电话告知");
	}

	@Test
	void departmentStaffSeeTheCasesTheyAreSummonedToWithContactsAndNothingElse() {
		this.clock.set(OffsetDateTime.parse("2026-04-22T09:00:00+08:00"));
		Object summoned = submit("WATER_SUPPLY", "EMERGENCY").get("id");
		Object other = submit("WATER_SUPPLY", "NORMAL").get("id");
		Map<String, Object> whistle = blow(CADRE, summoned, List.of("WATER_RESOURCES"), "全组停水");
		// An emergency case: 30 clock minutes to report.
		assertThat(OffsetDateTime.parse((String) responses(whistle).get(0).get("reportDueAt")))
			.isEqualTo("2026-04-22T09:30+08:00");

		String read = "department/petitionContacts";
		assertThat(this.client.as(WATER)
			.documentName(read)
			.variable("id", summoned)
			.execute()
			.path("petition")
			.entity(MAP)
			.get()).containsEntry("contactPhone", "13900001111").containsEntry("contactName", "刘大爷");
		assertThat(refusal(WATER, read, Map.of("id", other))).isEqualTo("FORBIDDEN");

		// A sensitive case (a dispute): the summoned police see the exact point, to go
		// there, not the point inside its cell that those without its personal data see.
		Point cellPoint = this.areas.find(CELL).orElseThrow().boundary().getInteriorPoint();
		double lon = cellPoint.getX() + 0.00002;
		double lat = cellPoint.getY() + 0.00002;
		Object dispute = submitAt("DISPUTE", "NORMAL", lon, lat).get("id");
		blow(CADRE, dispute, List.of("PUBLIC_SECURITY"), "邻里纠纷升级");
		List<?> exact = this.client.as("dept-public-security-1")
			.documentName("department/petitionPoint")
			.variable("id", dispute)
			.execute()
			.path("petition.location.point.coordinates")
			.entity(List.class)
			.get();
		// GeoJSON carries 6 decimals (RFC 7946's advice, some 10 cm): the exact point, to
		// that precision
		assertThat(((Number) exact.get(0)).doubleValue()).isCloseTo(lon, within(1e-6));
		assertThat(((Number) exact.get(1)).doubleValue()).isCloseTo(lat, within(1e-6));
		assertThat(refusal("dept-ecology-1", read, Map.of("id", summoned))).isEqualTo("FORBIDDEN");
		this.client.as(WATER)
			.documentName("department/petitionsTotal")
			.execute()
			.path("petitions.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);

		// Whistles: department staff see their department's; others' not at all.
		assertThat(whistleIds(WATER, Map.of())).contains(whistle.get("id").toString());
		assertThat(whistleIds("dept-ecology-1", Map.of())).doesNotContain(whistle.get("id").toString());
		assertThat(whistleIds(OFFICER, Map.of("departmentCode", "WATER_RESOURCES", "status", List.of("SUMMONED"))))
			.contains(whistle.get("id").toString());
		assertThat(whistleIds("officer-360322101", Map.of())).doesNotContain(whistle.get("id").toString());
		assertThat(refusal("citizen", "department/whistleCount", Map.of())).isEqualTo("FORBIDDEN");
		assertThat(refusal("planner", "department/whistleCount", Map.of())).isEqualTo("FORBIDDEN");

		this.client.citizen()
			.documentName("department/departments")
			.execute()
			.path("departments[0]")
			.entity(MAP)
			.satisfies(d -> assertThat(d).containsEntry("code", "WATER_RESOURCES")
				.containsEntry("name", "上栗县水利局")
				.containsEntry("categories", List.of(Map.of("code", "WATER_SUPPLY")))
				.containsEntry("staff", List.of()));
		this.client.as(OFFICER)
			.documentName("department/departmentStaff")
			.execute()
			.path("departments[0].staff[0]")
			.entity(MAP)
			.isEqualTo(Map.of("username", "dept-water-resources-1", "roles", List.of("DEPARTMENT_STAFF")));
	}

	@Test
	void eachRefusalHasItsCodeAndChangesNothing() {
		this.clock.set(OffsetDateTime.parse("2026-04-23T09:00:00+08:00"));
		Object petitionId = submit("SEWAGE", "NORMAL").get("id");
		String blow = "department/blowWhistleId";

		// Wrong role or area.
		assertThat(refusal(MEMBER, blow, summons(petitionId, List.of("ECOLOGY"), "x"))).isEqualTo("FORBIDDEN");
		assertThat(refusal("citizen", blow, summons(petitionId, List.of("ECOLOGY"), "x"))).isEqualTo("FORBIDDEN");
		assertThat(refusal(WATER, blow, summons(petitionId, List.of("ECOLOGY"), "x"))).isEqualTo("FORBIDDEN");
		assertThat(refusal("cadre-360322201200", blow, summons(petitionId, List.of("ECOLOGY"), "x")))
			.isEqualTo("FORBIDDEN");
		assertThat(refusal("officer-360322101", blow, summons(petitionId, List.of("ECOLOGY"), "x")))
			.isEqualTo("FORBIDDEN");
		// Bad input.
		assertThat(refusal(CADRE, blow, summons(petitionId, List.of("NO_SUCH"), "x"))).isEqualTo("VALIDATION");
		assertThat(refusal(CADRE, blow, summons(petitionId, List.of(), "x"))).isEqualTo("VALIDATION");
		assertThat(refusal(CADRE, blow, summons(petitionId, List.of("ECOLOGY"), " "))).isEqualTo("VALIDATION");
		assertThat(refusal(CADRE, blow, summons("999999999", List.of("ECOLOGY"), "x"))).isEqualTo("NOT_FOUND");
		assertThat(events(petitionId, "WHISTLE_BLOWN")).isZero();

		Object whistleId = blow(CADRE, petitionId, List.of("ECOLOGY"), "污水直排河道").get("id");
		// Wrong state.
		assertThat(refusal(CADRE, blow, summons(petitionId, List.of("ECOLOGY", "HOUSING"), "again")))
			.isEqualTo("INVALID_TRANSITION");
		String ecology = "dept-ecology-1";
		String complete = "department/completeWhistleStatus";
		String report = "department/reportWhistleStatus";
		assertThat(
				refusal(ecology, complete, Map.of("whistleId", whistleId, "departmentCode", "ECOLOGY", "note", "done")))
			.isEqualTo("INVALID_TRANSITION");
		// Wrong person.
		assertThat(refusal(WATER, report, Map.of("whistleId", whistleId, "departmentCode", "ECOLOGY")))
			.isEqualTo("FORBIDDEN");
		assertThat(refusal(CADRE, report, Map.of("whistleId", whistleId, "departmentCode", "ECOLOGY")))
			.isEqualTo("FORBIDDEN");
		assertThat(refusal(WATER, report, Map.of("whistleId", whistleId, "departmentCode", "WATER_RESOURCES")))
			.isEqualTo("NOT_FOUND");
		assertThat(refusal(ecology, report, Map.of("whistleId", "999999999", "departmentCode", "ECOLOGY")))
			.isEqualTo("NOT_FOUND");
		assertThat(refusal(ecology, report, Map.of("whistleId", whistleId, "departmentCode", "NO_SUCH")))
			.isEqualTo("VALIDATION");
		assertThat(refusal(ecology, report, Map.of("whistleId", "abc", "departmentCode", "ECOLOGY")))
			.isEqualTo("VALIDATION");

		respond(ecology, "reportWhistle", whistleId, "ECOLOGY", null);
		assertThat(refusal(ecology, report, Map.of("whistleId", whistleId, "departmentCode", "ECOLOGY")))
			.isEqualTo("INVALID_TRANSITION");
		assertThat(refusal(ecology, complete, Map.of("whistleId", whistleId, "departmentCode", "ECOLOGY", "note", " ")))
			.isEqualTo("VALIDATION");
		assertThat(responses(whistle(CADRE, whistleId)).get(0)).containsEntry("status", "REPORTED");

		// A withdrawn case summons nobody.
		perform("citizen", "withdrawPetition", petitionId, Map.of());
		assertThat(refusal(CADRE, blow, summons(petitionId, List.of("HOUSING"), "x"))).isEqualTo("INVALID_TRANSITION");
	}

	private Map<String, Object> submit(String category, String urgency) {
		Point inside = this.areas.find(CELL).orElseThrow().boundary().getInteriorPoint();
		return submitAt(category, urgency, inside.getX(), inside.getY());
	}

	private Map<String, Object> submitAt(String category, String urgency, double lon, double lat) {
		Map<String, Object> input = PetitionFixtures.submissionAt(lon, lat, category);
		input.put("title", "路面塌方");
		input.put("urgency", urgency);
		input.put("contactName", "刘大爷");
		input.put("contactPhone", "13900001111");
		return this.client.citizen()
			.documentName("department/submitPetition")
			.variable("input", input)
			.execute()
			.path("submitPetition")
			.entity(MAP)
			.get();
	}

	private Map<String, Object> blow(String username, Object petitionId, List<String> codes, String reason) {
		return this.client.as(username)
			.documentName("department/blowWhistle")
			.fragmentName(WHISTLE)
			.variables(summons(petitionId, codes, reason))
			.execute()
			.path("blowWhistle")
			.entity(MAP)
			.get();
	}

	/** The variables of {@code blowWhistle}. */
	private static Map<String, Object> summons(Object petitionId, List<String> codes, String reason) {
		return Map.of("petitionId", petitionId, "departmentCodes", codes, "reason", reason);
	}

	/** {@code reportWhistle} or {@code completeWhistle}, with a note or none (null). */
	private Map<String, Object> respond(String username, String operation, Object whistleId, String department,
			String note) {
		GraphQlTester.Request<?> request = this.client.as(username)
			.documentName("department/" + operation)
			.fragmentName(RESPONSE)
			.variable("whistleId", whistleId)
			.variable("departmentCode", department);
		if (note != null) {
			request = request.variable("note", note);
		}
		return request.execute().path(operation).entity(MAP).get();
	}

	private Map<String, Object> whistle(String username, Object whistleId) {
		return this.client.as(username)
			.documentName("department/whistles")
			.fragmentName(WHISTLE)
			.execute()
			.path("whistles.edges[*].node")
			.entityList(MAP)
			.get()
			.stream()
			.filter(w -> w.get("id").equals(whistleId.toString()))
			.findFirst()
			.orElseThrow();
	}

	private List<String> whistleIds(String username, Map<String, Object> arguments) {
		return this.client.as(username)
			.documentName("department/whistleIds")
			.variables(arguments)
			.execute()
			.path("whistles.edges[*].node.id")
			.entityList(String.class)
			.get();
	}

	/**
	 * Runs the petition mutation ({@code graphql-test/department/<operation>}) with these
	 * further arguments; returns its id, status and version.
	 */
	private Map<String, Object> perform(String username, String operation, Object id, Map<String, Object> arguments) {
		return this.client.as(username)
			.documentName("department/" + operation)
			.variable("id", id)
			.variables(arguments)
			.execute()
			.path(operation)
			.entity(MAP)
			.get();
	}

	private Map<String, Object> casePetition(Object id) {
		return this.client.admin()
			.documentName("department/casePetition")
			.variable("id", id)
			.execute()
			.path("petition")
			.entity(MAP)
			.get();
	}

	private List<Map<String, Object>> timeline(Object id) {
		return this.client.admin()
			.documentName("department/timeline")
			.variable("id", id)
			.execute()
			.path("petition.timeline")
			.entityList(MAP)
			.get();
	}

	private int events(Object petitionId, String type) {
		return this.jdbc.sql("SELECT count(*) FROM petition_event WHERE petition_id = ? AND type = ?")
			.params(GraphQlClient.number(petitionId.toString()), type)
			.query(Integer.class)
			.single();
	}

	private String refusal(String username, String document, Map<String, Object> variables) {
		GraphQlTester.Response response = this.client.as(username)
			.documentName(document)
			.variables(variables)
			.execute();
		String[] code = new String[1];
		response.errors().satisfy(errors -> {
			assertThat(errors).as(document).hasSize(1);
			code[0] = String.valueOf(errors.get(0).getExtensions().get("code"));
		});
		return code[0];
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> responses(Map<String, Object> whistle) {
		return (List<Map<String, Object>>) whistle.get("responses");
	}

	private static Object codeOf(Map<String, Object> stats) {
		return ((Map<?, ?>) stats.get("department")).get("code");
	}

	/** Runs the escalation job from two threads released together. */
	private void runTwiceAtOnce() throws Exception {
		CyclicBarrier start = new CyclicBarrier(2);
		Callable<Integer> run = () -> {
			start.await();
			return EscalationRuns.run(this.context);
		};
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (Future<Integer> result : threads.invokeAll(List.of(run, run))) {
				result.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
