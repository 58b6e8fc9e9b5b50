package io.tiexin.dispatch;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tiexin.TestClock;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.petition.PetitionWorkflow;
import io.tiexin.security.DevTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.tiexin.dispatch.DispatchApi.timeline;
import static io.tiexin.dispatch.DispatchApi.types;
import static io.tiexin.dispatch.DispatchApi.username;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Time limits passing, on a clock the tests move: the escalation job, from two threads at
 * once as two replicas would run it, acts on each overdue case exactly once per deadline;
 * a replica dying mid-run or a restart loses nothing; escalation by hand and deadline
 * extensions. In 上栗县's township 360322106 (demo people), which no other test uses.
 */
@TiexinIntegrationTest
class EscalationIT {

	static final String CELL = "360322106001002";

	static final String MEMBER = "gm-" + CELL;

	static final String CADRE = "cadre-360322106001";

	static final String OFFICER = "officer-360322106";

	/** Friday 3 April 2026, 16:00, before the 清明节 holiday (Saturday to Monday). */
	static final OffsetDateTime FRIDAY_AFTERNOON = OffsetDateTime.parse("2026-04-03T16:00:00+08:00");

	/**
	 * An emergency submitted then is due 4 clock hours later, at 20:00 the same evening,
	 * holiday or not: a minute later it is overdue.
	 */
	static final OffsetDateTime JUST_AFTER_THE_DEADLINE = OffsetDateTime.parse("2026-04-03T20:01:00+08:00");

	@Autowired
	DevTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaCatalog areas;

	@Autowired
	TestClock clock;

	@Autowired
	EscalationJob job;

	@Autowired
	PetitionWorkflow workflow;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	DispatchProperties properties;

	DispatchApi api;

	@BeforeEach
	void setUp() {
		this.api = new DispatchApi(this.tokens, this.jdbc);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void twoJobsRunningAtOnceEscalateEachOverdueCaseExactlyOncePerDeadline() throws Exception {
		this.clock.set(FRIDAY_AFTERNOON);
		List<Object> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(this.api.submitIn(cell(), "WATER_SUPPLY", "EMERGENCY").get("id"));
		}
		Object countyCase = submitUnmatchedEmergency().get("id");

		this.clock.set(JUST_AFTER_THE_DEADLINE);
		assertThat(runTwiceAtOnce()).isGreaterThanOrEqualTo(6);

		for (Object id : ids) {
			Map<String, Object> petition = this.api.petition(id);
			assertThat(petition).containsEntry("level", "TOWNSHIP")
				.containsEntry("status", "ASSIGNED")
				.containsEntry("supervised", true)
				.containsEntry("overdue", false);
			assertThat(username(petition, "assignee")).isEqualTo(OFFICER);
			// A new limit at the new level, on the same clock: 4 hours from 20:01, into
			// the holiday's first night.
			assertThat(OffsetDateTime.parse((String) petition.get("dueAt"))).isEqualTo("2026-04-04T00:01+08:00");
			assertThat(types(petition)).containsExactly("SUBMITTED", "ASSIGNED", "ESCALATED", "ASSIGNED", "SUPERVISED");
			Map<String, Object> escalated = timeline(petition).get(2);
			assertThat(escalated).containsEntry("actor", null)
				.containsEntry("note", EscalationJob.ESCALATION_NOTE)
				.containsEntry("fromStatus", "ASSIGNED")
				.containsEntry("toStatus", "SUBMITTED");
		}
		// Unmatched, it waits at the county already: supervised, with no level left to
		// climb.
		Map<String, Object> atCounty = this.api.petition(countyCase);
		assertThat(atCounty).containsEntry("level", "COUNTY")
			.containsEntry("supervised", true)
			.containsEntry("status", "SUBMITTED");
		assertThat(this.api.events(countyCase, "ESCALATED")).isZero();
		assertThat(this.api.events(countyCase, "SUPERVISED")).isOne();
		assertThat(this.api.ids(OFFICER, "supervisedCases(first: 100)")).containsAll(strings(ids));
		assertThat(this.api.ids("admin", "supervisedCases(first: 100)")).contains(countyCase.toString());

		// Run again with the same deadlines passed: nothing left to do for these cases.
		this.job.run();
		for (Object id : ids) {
			assertThat(this.api.events(id, "ESCALATED")).isOne();
			assertThat(this.api.events(id, "SUPERVISED")).isOne();
		}
		assertThat(this.api.events(countyCase, "SUPERVISED")).isOne();

		// The township's deadline passes too: one more level, once, under the supervision
		// already marked.
		this.clock.set(OffsetDateTime.parse("2026-04-04T00:02:00+08:00"));
		runTwiceAtOnce();
		for (Object id : ids) {
			Map<String, Object> petition = this.api.petition(id);
			assertThat(petition).containsEntry("level", "COUNTY").containsEntry("status", "ASSIGNED");
			assertThat(username(petition, "assignee")).isIn("admin", "county-officer");
			assertThat(OffsetDateTime.parse((String) petition.get("dueAt"))).isEqualTo("2026-04-04T04:02+08:00");
			assertThat(this.api.events(id, "ESCALATED")).isEqualTo(2);
			assertThat(this.api.events(id, "SUPERVISED")).isOne();
		}

		// At the county a passed deadline has nowhere to go: no third escalation, ever.
		this.clock.set(OffsetDateTime.parse("2026-04-04T04:03:00+08:00"));
		runTwiceAtOnce();
		for (Object id : ids) {
			assertThat(this.api.petition(id)).containsEntry("overdue", true).containsEntry("level", "COUNTY");
			assertThat(this.api.events(id, "ESCALATED")).isEqualTo(2);
		}
		assertThat(this.api.ids("admin", "supervisedCases(first: 100)")).containsAll(strings(ids));
	}

	@Test
	void aReplicaDyingMidRunOrARestartBetweenDeadlineAndRunLosesNothing() {
		this.clock.set(FRIDAY_AFTERNOON);
		Object id = this.api.submitIn(cell(), "DISPUTE", "EMERGENCY").get("id");
		this.clock.set(JUST_AFTER_THE_DEADLINE);

		// A replica escalates the case and is killed before its transaction commits.
		assertThatIllegalStateException()
			.isThrownBy(() -> new TransactionTemplate(this.transactionManager).executeWithoutResult(status -> {
				assertThat(this.workflow.lockOverdue(JUST_AFTER_THE_DEADLINE, 1000, List.of()))
					.extracting(petition -> petition.id())
					.contains(Long.parseLong(id.toString()));
				this.workflow.escalate(Long.parseLong(id.toString()), EscalationJob.ESCALATION_NOTE, null, null);
				throw new IllegalStateException("replica killed mid-run");
			}));
		assertThat(this.api.petition(id)).containsEntry("level", "VILLAGE").containsEntry("overdue", true);
		assertThat(this.api.events(id, "ESCALATED")).isZero();

		// A replica started afresh, with nothing in memory from before: what it needs is
		// in the petition row.
		EscalationJob restarted = new EscalationJob(this.workflow, this.transactionManager, this.properties,
				this.clock);
		assertThat(restarted.run()).isGreaterThanOrEqualTo(1);

		assertThat(this.api.petition(id)).containsEntry("level", "TOWNSHIP").containsEntry("supervised", true);
		assertThat(this.api.events(id, "ESCALATED")).isOne();
	}

	@Test
	void escalatingByHandDispatchesAtTheNextLevelWithANewDeadline() {
		this.clock.set(FRIDAY_AFTERNOON);
		Object id = this.api.submitIn(cell(), "DISPUTE", "NORMAL").get("id");
		this.clock.set(OffsetDateTime.parse("2026-04-08T10:00:00+08:00"));

		Map<String, Object> escalated = this.api.perform(MEMBER, "escalatePetition", id, "reason: \"村里调解不成\"");

		assertThat(escalated).containsEntry("status", "ASSIGNED")
			.containsEntry("level", "TOWNSHIP")
			.containsEntry("supervised", false);
		assertThat(username(escalated, "assignee")).isEqualTo(OFFICER);
		// 13 working days from the day after the escalation: 9–10, 13–17, 20–24 and 27
		// April.
		assertThat(OffsetDateTime.parse((String) escalated.get("dueAt"))).isEqualTo("2026-04-27T17:30+08:00");
		assertThat(types(escalated)).endsWith("ESCALATED", "ASSIGNED");
		assertThat((String) timeline(escalated).get(timeline(escalated).size() - 1).get("note"))
			.contains("rule TOWNSHIP_OFFICER");
		this.api.perform("citizen", "withdrawPetition", id, "");
	}

	@Test
	void anOfficerAboveTheHandlingLevelExtendsADeadlineWithAReason() {
		this.clock.set(FRIDAY_AFTERNOON);
		Map<String, Object> village = this.api.submitIn(cell(), "DISPUTE", "NORMAL");
		Object id = village.get("id");
		assertThat(OffsetDateTime.parse((String) village.get("dueAt"))).isEqualTo("2026-04-23T17:30+08:00");

		Map<String, Object> extended = this.api.perform(OFFICER, "extendDeadline", id,
				"extraWorkingDays: 2, reason: \"需等待司法所调解\"");

		assertThat(OffsetDateTime.parse((String) extended.get("dueAt"))).isEqualTo("2026-04-27T17:30+08:00");
		Map<String, Object> event = timeline(extended).get(timeline(extended).size() - 1);
		assertThat(event).containsEntry("type", "DEADLINE_EXTENDED")
			.containsEntry("fromStatus", "ASSIGNED")
			.containsEntry("toStatus", "ASSIGNED");
		assertThat(username(event, "actor")).isEqualTo(OFFICER);
		assertThat((String) event.get("note")).startsWith("延期至 2026-04-27 17:30").endsWith("需等待司法所调解");

		int version = (Integer) extended.get("version");
		assertThat(this.api.refusal(MEMBER, "extendDeadline", id, "extraWorkingDays: 2, reason: \"x\""))
			.isEqualTo("FORBIDDEN");
		assertThat(this.api.refusal(CADRE, "extendDeadline", id, "extraWorkingDays: 2, reason: \"x\""))
			.isEqualTo("FORBIDDEN");
		assertThat(this.api.refusal("officer-360322101", "extendDeadline", id, "extraWorkingDays: 2, reason: \"x\""))
			.isEqualTo("FORBIDDEN");
		assertThat(this.api.refusal(OFFICER, "extendDeadline", id, "extraWorkingDays: 0, reason: \"x\""))
			.isEqualTo("VALIDATION");
		assertThat(this.api.refusal(OFFICER, "extendDeadline", id, "extraWorkingDays: 31, reason: \"x\""))
			.isEqualTo("VALIDATION");
		assertThat(this.api.refusal(OFFICER, "extendDeadline", id, "extraWorkingDays: 1, reason: \" \""))
			.isEqualTo("VALIDATION");
		assertThat(this.api.refusal(OFFICER, "extendDeadline", id, "extraWorkingDays: 1, reason: \"x\", version: 0"))
			.isEqualTo("STALE_VERSION");
		assertThat(this.api.petition(id)).containsEntry("version", version)
			.containsEntry("dueAt", extended.get("dueAt"));

		// A township case is the county's to extend.
		Object township = this.api.submitIn(cell(), "ROADS", "NORMAL").get("id");
		assertThat(this.api.refusal(OFFICER, "extendDeadline", township, "extraWorkingDays: 1, reason: \"x\""))
			.isEqualTo("FORBIDDEN");
		assertThat(OffsetDateTime.parse(
				(String) this.api.perform("admin", "extendDeadline", township, "extraWorkingDays: 1, reason: \"县里协调\"")
					.get("dueAt")))
			.isEqualTo("2026-04-24T17:30+08:00");

		for (Object petition : List.of(id, township)) {
			this.api.perform("citizen", "withdrawPetition", petition, "");
		}
	}

	/**
	 * Runs the job from two threads released together; returns how many cases both acted
	 * on.
	 */
	private int runTwiceAtOnce() throws Exception {
		CyclicBarrier start = new CyclicBarrier(2);
		Callable<Integer> run = () -> {
			start.await();
			return this.job.run();
		};
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			int actedOn = 0;
			for (Future<Integer> result : threads.invokeAll(List.of(run, run))) {
				actedOn += result.get();
			}
			return actedOn;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private Map<String, Object> submitUnmatchedEmergency() {
		Area county = this.areas.find("360322").orElseThrow();
		Coordinate top = Arrays.stream(county.boundary().getCoordinates())
			.max(Comparator.comparingDouble(c -> c.y))
			.orElseThrow();
		return this.api.submit(String.format(Locale.ROOT,
				"{title: \"县界外塌方\", categoryCode: \"SAFETY_HAZARD\", "
						+ "urgency: EMERGENCY, channel: HOTLINE_12345, location: {lon: %s, lat: %s}}",
				top.x, top.y + 0.005));
	}

	private Area cell() {
		return this.areas.find(CELL).orElseThrow();
	}

	private static List<String> strings(List<Object> ids) {
		return ids.stream().map(Object::toString).toList();
	}

}
