package io.tiexin.dispatch.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tiexin.TiexinIntegrationTest;
import io.tiexin.shared.ServiceTime;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long the escalation job takes over 100,000 open petitions of which 10,000 are
 * overdue, run by one replica and by two at once. Not part of the suite (the name matches
 * neither test pattern); run it alone, after {@code scripts/docker-engine} has prepared
 * Docker: <pre>
 * scripts/test -Dit.test=EscalationBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@TiexinIntegrationTest
class EscalationBenchmark {

	static final int OPEN = 100_000;

	static final int OVERDUE_EVERY = 10;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EscalationJob job;

	@Test
	void escalateTenThousandOverdueOfAHundredThousandOpen() throws Exception {
		seed("B1");
		long oneReplica = timed(() -> assertThat(this.job.run()).isEqualTo(OPEN / OVERDUE_EVERY));
		assertThat(escalated("B1")).isEqualTo(OPEN / OVERDUE_EVERY);
		// Everything escalated is due again in 4+ working hours: a second run finds
		// nothing.
		long idleRun = timed(() -> assertThat(this.job.run()).isZero());

		this.jdbc.sql("UPDATE petition SET status = 'CLOSED' WHERE tracking_number LIKE 'B1-%'").update();
		seed("B2");
		long twoReplicas = timed(this::runTwiceAtOnce);
		assertThat(escalated("B2")).isEqualTo(OPEN / OVERDUE_EVERY);

		System.out.printf(
				"escalation job, %,d open petitions of which %,d overdue: one replica %,d ms; "
						+ "two replicas at once %,d ms; a run with nothing overdue %,d ms%n",
				OPEN, OPEN / OVERDUE_EVERY, oneReplica, twoReplicas, idleRun);
	}

	/**
	 * 100,000 petitions ASSIGNED to the grid members of every cell of the county with
	 * their village's liaison, as dispatch leaves them, every tenth due an hour ago, the
	 * rest in ten days; a SUBMITTED timeline event for each, as intake writes.
	 */
	private void seed(String prefix) {
		OffsetDateTime now = ServiceTime.now(java.time.Clock.systemUTC());
		this.jdbc.sql("""
				WITH members AS (
				    SELECT d.area_code AS cell, min(p.id) AS member,
				        (SELECT id FROM person WHERE username = 'liaison-' || left(d.area_code, 12)) AS liaison
				    FROM person_duty_area d JOIN person p ON p.id = d.person_id AND 'GRID_MEMBER' = ANY (p.roles)
				    GROUP BY d.area_code),
				numbered AS (SELECT m.*, row_number() OVER (ORDER BY cell) - 1 AS n, count(*) OVER () AS cells
				             FROM members m)
				INSERT INTO petition (tracking_number, title, category_code, channel, urgency, status, level, point,
				    grid_code, area_code, match_method, submitter_id, assignee_id, liaison_id, submitted_at, due_at)
				SELECT :prefix || '-' || g, '压测' || g, 'STREET_LIGHT', 'PATROL', 'NORMAL', 'ASSIGNED', 'VILLAGE',
				    ST_SetSRID(ST_MakePoint(113.85, 27.85), 4326), m.cell, m.cell, 'CONTAINS',
				    (SELECT id FROM person WHERE username = 'citizen'), m.member, m.liaison, :submitted,
				    CASE WHEN g % :every = 0 THEN :overdue ELSE :future END
				FROM generate_series(1, :open) g JOIN numbered m ON m.n = g % m.cells""")
			.param("prefix", prefix)
			.param("submitted", now.minusDays(10))
			.param("every", OVERDUE_EVERY)
			.param("overdue", now.minusHours(1))
			.param("future", now.plusDays(10))
			.param("open", OPEN)
			.update();
		this.jdbc.sql("""
				INSERT INTO petition_event (petition_id, at, type, to_status, actor_id)
				SELECT id, submitted_at, 'SUBMITTED', 'SUBMITTED', submitter_id FROM petition
				WHERE tracking_number LIKE :prefix || '-%'""").param("prefix", prefix).update();
		this.jdbc.sql("ANALYZE petition").update();
		this.jdbc.sql("ANALYZE petition_event").update();
	}

	private long escalated(String prefix) {
		return this.jdbc.sql("""
				SELECT count(*) FROM petition_event e JOIN petition p ON p.id = e.petition_id
				WHERE p.tracking_number LIKE :prefix || '-%' AND e.type = 'ESCALATED'""")
			.param("prefix", prefix)
			.query(Long.class)
			.single();
	}

	private void runTwiceAtOnce() {
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
			assertThat(actedOn).isEqualTo(OPEN / OVERDUE_EVERY);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static long timed(Runnable work) {
		long started = System.nanoTime();
		work.run();
		return Duration.ofNanos(System.nanoTime() - started).toMillis();
	}

}
