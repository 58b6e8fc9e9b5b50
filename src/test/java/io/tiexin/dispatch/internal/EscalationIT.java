package io.tiexin.dispatch.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tiexin.GraphQlClient.Event;
import io.tiexin.GraphQlClient.Petition;
import io.tiexin.GraphQlClient;
import io.tiexin.TestClock;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.petition.PetitionWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Time limits passing, on a clock the tests move: the escalation job, from two threads at
 * once as two replicas would run it, acts on each overdue case exactly once per deadline;
 * a replica dying mid-run or a restart loses nothing; escalation by hand and deadline
 * extensions. In 上栗县's township 360322106 (demo people), claimed for this class alone
 * ({@link AreaFixtures#claim}).
 */
@TiexinIntegrationTest
class EscalationIT {

	static final String TOWNSHIP = AreaFixtures.claim(EscalationIT.class, "360322106");

	static final String CELL = TOWNSHIP + "001002";

	static final String MEMBER = "gm-" + CELL;

	static final String CADRE = "cadre-" + TOWNSHIP + "001";

	static final String OFFICER = "officer-" + TOWNSHIP;

	/** Friday 3 April 2026, 16:00, before the 清明节 holiday (Saturday to Monday). */
	static final OffsetDateTime FRIDAY_AFTERNOON = OffsetDateTime.parse("2026-04-03T16:00:00+08:00");

	/**
	 * An emergency submitted then is due 4 clock hours later, at 20:00 the same evening,
	 * holiday or not: a minute later it is overdue.
	 */
	static final OffsetDateTime JUST_AFTER_THE_DEADLINE = OffsetDateTime.parse("2026-04-03T20:01:00+08:00");

	@Autowired
	GraphQlClient client;

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

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void twoJobsRunningAtOnceEscalateEachOverdueCaseExactlyOncePerDeadline() throws Exception {
		this.clock.set(FRIDAY_AFTERNOON);
		List<Object> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(this.client.submitIn("citizen", cell(), "WATER_SUPPLY", "EMERGENCY").id());
		}
		Object countyCase = submitUnmatchedEmergency().id();

		this.clock.set(JUST_AFTER_THE_DEADLINE);
		assertThat(runTwiceAtOnce()).isGreaterThanOrEqualTo(6);

		for (Object id : ids) {
			Petition petition = this.client.petition(id);
			assertThat(petition).returns("TOWNSHIP", Petition::level)
				.returns("ASSIGNED", Petition::status)
				.returns(true, Petition::supervised)
				.returns(false, Petition::overdue);
			assertThat(petition.assigneeName()).isEqualTo(OFFICER);
			// A new limit at the new level, on the same clock: 4 hours from 20:01, into
			// the holiday's first night.
			assertThat(OffsetDateTime.parse(petition.dueAt())).isEqualTo("2026-04-04T00:01+08:00");
			assertThat(petition.types()).containsExactly("SUBMITTED", "ASSIGNED", "ESCALATED", "ASSIGNED",
					"SUPERVISED");
			Event escalated = petition.timeline().get(2);
			assertThat(escalated).returns(null, Event::actor)
				.returns(EscalationJob.ESCALATION_NOTE, Event::note)
				.returns("ASSIGNED", Event::fromStatus)
				.returns("SUBMITTED", Event::toStatus);
		}
		// Unmatched, it waits at the county already: supervised, with no level left to
		// climb.
		Petition atCounty = this.client.petition(countyCase);
		assertThat(atCounty).returns("COUNTY", Petition::level)
			.returns(true, Petition::supervised)
			.returns("SUBMITTED", Petition::status);
		assertThat(this.client.events(countyCase, "ESCALATED")).isZero();
		assertThat(this.client.events(countyCase, "SUPERVISED")).isOne();
		assertThat(this.client.ids(OFFICER, "dispatch/supervisedCasesIds", Map.of())).containsAll(strings(ids));
		assertThat(this.client.ids("admin", "dispatch/supervisedCasesIds", Map.of())).contains(countyCase.toString());

		// Run again with the same deadlines passed: nothing left to do for these cases.
		this.job.run();
		for (Object id : ids) {
			assertThat(this.client.events(id, "ESCALATED")).isOne();
			assertThat(this.client.events(id, "SUPERVISED")).isOne();
		}
		assertThat(this.client.events(countyCase, "SUPERVISED")).isOne();

		// The township's deadline passes too: one more level, once, under the supervision
		// already marked.
		this.clock.set(OffsetDateTime.parse("2026-04-04T00:02:00+08:00"));
		runTwiceAtOnce();
		for (Object id : ids) {
			Petition petition = this.client.petition(id);
			assertThat(petition).returns("COUNTY", Petition::level).returns("ASSIGNED", Petition::status);
			assertThat(petition.assigneeName()).isIn("admin", "county-officer");
			assertThat(OffsetDateTime.parse(petition.dueAt())).isEqualTo("2026-04-04T04:02+08:00");
			assertThat(this.client.events(id, "ESCALATED")).isEqualTo(2);
			assertThat(this.client.events(id, "SUPERVISED")).isOne();
		}

		// At the county a passed deadline has nowhere to go: no third escalation, ever.
		this.clock.set(OffsetDateTime.parse("2026-04-04T04:03:00+08:00"));
		runTwiceAtOnce();
		for (Object id : ids) {
			assertThat(this.client.petition(id)).returns(true, Petition::overdue).returns("COUNTY", Petition::level);
			assertThat(this.client.events(id, "ESCALATED")).isEqualTo(2);
		}
		assertThat(this.client.ids("admin", "dispatch/supervisedCasesIds", Map.of())).containsAll(strings(ids));
	}

	@Test
	void aReplicaDyingMidRunOrARestartBetweenDeadlineAndRunLosesNothing() {
		this.clock.set(FRIDAY_AFTERNOON);
		Object id = this.client.submitIn("citizen", cell(), "DISPUTE", "EMERGENCY").id();
		this.clock.set(JUST_AFTER_THE_DEADLINE);

		// A replica escalates the case and is killed before its transaction commits.
		assertThatIllegalStateException()
			.isThrownBy(() -> new TransactionTemplate(this.transactionManager).executeWithoutResult(status -> {
				assertThat(this.workflow.lockOverdue(JUST_AFTER_THE_DEADLINE, 1000, List.of()))
					.extracting(petition -> petition.id())
					.contains(GraphQlClient.number(id.toString()));
				this.workflow.escalate(GraphQlClient.number(id.toString()), EscalationJob.ESCALATION_NOTE, null, null);
				throw new IllegalStateException("replica killed mid-run");
			}));
		assertThat(this.client.petition(id)).returns("VILLAGE", Petition::level).returns(true, Petition::overdue);
		assertThat(this.client.events(id, "ESCALATED")).isZero();

		// A replica started afresh, with nothing in memory from before: what it needs is
		// in the petition row.
		EscalationJob restarted = new EscalationJob(this.workflow, this.transactionManager, this.properties,
				this.clock);
		assertThat(restarted.run()).isGreaterThanOrEqualTo(1);

		assertThat(this.client.petition(id)).returns("TOWNSHIP", Petition::level).returns(true, Petition::supervised);
		assertThat(this.client.events(id, "ESCALATED")).isOne();
	}

	@Test
	void escalatingByHandDispatchesAtTheNextLevelWithANewDeadline() {
		this.clock.set(FRIDAY_AFTERNOON);
		Object id = this.client.submitIn("citizen", cell(), "DISPUTE", "NORMAL").id();
		this.clock.set(OffsetDateTime.parse("2026-04-08T10:00:00+08:00"));

		Petition escalated = this.client.perform(MEMBER, "escalatePetition", id, Map.of("reason", "村里调解不成"));

		assertThat(escalated).returns("ASSIGNED", Petition::status)
			.returns("TOWNSHIP", Petition::level)
			.returns(false, Petition::supervised);
		assertThat(escalated.assigneeName()).isEqualTo(OFFICER);
		// 13 working days from the day after the escalation: 9–10, 13–17, 20–24 and 27
		// April.
		assertThat(OffsetDateTime.parse(escalated.dueAt())).isEqualTo("2026-04-27T17:30+08:00");
		assertThat(escalated.types()).endsWith("ESCALATED", "ASSIGNED");
		assertThat(escalated.timeline().get(escalated.timeline().size() - 1)).returns("TOWNSHIP_OFFICER", Event::rule);
		this.client.perform("citizen", "withdrawPetition", id, Map.of());
	}

	@Test
	void anOfficerAboveTheHandlingLevelExtendsADeadlineWithAReason() {
		this.clock.set(FRIDAY_AFTERNOON);
		Petition village = this.client.submitIn("citizen", cell(), "DISPUTE", "NORMAL");
		Object id = village.id();
		assertThat(OffsetDateTime.parse(village.dueAt())).isEqualTo("2026-04-23T17:30+08:00");

		Petition extended = this.client.perform(OFFICER, "extendDeadline", id,
				Map.of("extraWorkingDays", 2, "reason", "需等待司法所调解"));

		assertThat(OffsetDateTime.parse(extended.dueAt())).isEqualTo("2026-04-27T17:30+08:00");
		Event event = extended.timeline().get(extended.timeline().size() - 1);
		assertThat(event).returns("DEADLINE_EXTENDED", Event::type)
			.returns("ASSIGNED", Event::fromStatus)
			.returns("ASSIGNED", Event::toStatus);
		assertThat(event.actorName()).isEqualTo(OFFICER);
		assertThat(event.note()).startsWith("延期至 2026-04-27 17:30").endsWith("需等待司法所调解");

		int version = extended.version();
		assertThat(this.client.refusal(MEMBER, "extendDeadline", id, Map.of("extraWorkingDays", 2, "reason", "x")))
			.isEqualTo("FORBIDDEN");
		assertThat(this.client.refusal(CADRE, "extendDeadline", id, Map.of("extraWorkingDays", 2, "reason", "x")))
			.isEqualTo("FORBIDDEN");
		assertThat(this.client.refusal("officer-360322101", "extendDeadline", id,
				Map.of("extraWorkingDays", 2, "reason", "x")))
			.isEqualTo("FORBIDDEN");
		assertThat(this.client.refusal(OFFICER, "extendDeadline", id, Map.of("extraWorkingDays", 0, "reason", "x")))
			.isEqualTo("VALIDATION");
		assertThat(this.client.refusal(OFFICER, "extendDeadline", id, Map.of("extraWorkingDays", 31, "reason", "x")))
			.isEqualTo("VALIDATION");
		assertThat(this.client.refusal(OFFICER, "extendDeadline", id, Map.of("extraWorkingDays", 1, "reason", " ")))
			.isEqualTo("VALIDATION");
		assertThat(this.client.refusal(OFFICER, "extendDeadline", id,
				Map.of("extraWorkingDays", 1, "reason", "x", "version", 0)))
			.isEqualTo("STALE_VERSION");
		assertThat(this.client.petition(id)).returns(version, Petition::version)
			.returns(extended.dueAt(), Petition::dueAt);

		// A township case is the county's to extend.
		Object township = this.client.submitIn("citizen", cell(), "ROADS", "NORMAL").id();
		assertThat(
				this.client.refusal(OFFICER, "extendDeadline", township, Map.of("extraWorkingDays", 1, "reason", "x")))
			.isEqualTo("FORBIDDEN");
		assertThat(OffsetDateTime.parse(this.client
			.perform("admin", "extendDeadline", township, Map.of("extraWorkingDays", 1, "reason", "县里协调"))
			.dueAt())).isEqualTo("2026-04-24T17:30+08:00");

		for (Object petition : List.of(id, township)) {
			this.client.perform("citizen", "withdrawPetition", petition, Map.of());
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

	private Petition submitUnmatchedEmergency() {
		Area county = this.areas.find("360322").orElseThrow();
		Coordinate top = Arrays.stream(county.boundary().getCoordinates())
			.max(Comparator.comparingDouble(c -> c.y))
			.orElseThrow();
		return this.client.submit("citizen", Map.of("title", "县界外塌方", "categoryCode", "SAFETY_HAZARD", "urgency",
				"EMERGENCY", "channel", "HOTLINE_12345", "location", Map.of("lon", top.x, "lat", top.y + 0.005)));
	}

	private Area cell() {
		return this.areas.find(CELL).orElseThrow();
	}

	private static List<String> strings(List<Object> ids) {
		return ids.stream().map(Object::toString).toList();
	}

}
