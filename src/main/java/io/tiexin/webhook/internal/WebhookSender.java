package io.tiexin.webhook.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.tiexin.shared.postgres.DaemonLoop;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;
import io.tiexin.webhook.WebhookDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox, on every replica. Each round claims the due deliveries of up to
 * {@code batch-size} chains (a chain: the pending deliveries of one webhook and petition)
 * with {@code FOR UPDATE SKIP LOCKED}, sends each chain's POSTs one after the other while
 * the chains run side by side, and records all the answers with one statement in the same
 * transaction, so the row locks are held while the POSTs are under way: a delivery is in
 * the hands of one sender at a time however many replicas run, and one whose sender died
 * before committing is claimed again (at least once).
 * <p>
 * Order per petition: a chain is claimed through its head, a delivery with no earlier
 * PENDING delivery of the same webhook and petition, and then taken whole in id order; a
 * chain stops at its first failed POST, so event n+1 is never sent before n was delivered
 * (or finally failed). Another sender cannot start the same chain further on: while the
 * head is PENDING, nothing after it is a head. The events of one petition are written
 * under its row lock, so their ids follow their commit order. Taking the whole chain
 * rather than only its head lets a petition's ASSIGNED go out right after its SUBMITTED
 * instead of a round later.
 * <p>
 * A failed attempt waits {@link WebhookProperties#backoffAfter} (doubling from
 * {@code initial-backoff} to {@code max-backoff}); the schedule is in the rows, so it
 * survives restarts. Once {@code give-up-after} has passed since the event, the delivery
 * is FAILED, with the receiver's last answer kept.
 * <p>
 * SQL by hand rather than JPA: the claim needs {@code SKIP LOCKED} and a correlated
 * {@code NOT EXISTS}, and a round's answers are one {@code UPDATE … FROM unnest(…)} (a
 * statement per answer was a third of a round's time at 200 events a second,
 * docs/webhooks.md); there is no object to load. The sender's connection is its own,
 * outside the service's pool ({@link WebhookSenderConfiguration}).
 */
class WebhookSender extends DaemonLoop {

	private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

	private static final int MAX_RESPONSE = 1000;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final WebhookProperties properties;

	private final HttpClient http;

	private final Semaphore wakeups = new Semaphore(0);

	WebhookSender(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
			WebhookProperties properties) {
		super("webhook-sender");
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.properties = properties;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.requestTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** Looks for due deliveries now instead of at the next poll. */
	void wake() {
		this.wakeups.release();
	}

	@Override
	protected void loop() {
		while (keepRunning()) {
			int sent = 0;
			try {
				sent = sendDue();
			}
			catch (DataAccessException ex) {
				log.warn("Could not send webhooks (database unreachable?): {}", ex.getMessage());
			}
			catch (RuntimeException ex) {
				log.error("Webhook round failed", ex);
			}
			if (sent > 0) {
				continue;
			}
			try {
				this.wakeups.tryAcquire(this.properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
				this.wakeups.drainPermits();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** One round: claims, sends and records a batch; returns how many were attempted. */
	int sendDue() {
		long began = System.nanoTime();
		long[] phases = new long[3];
		Integer attempted = this.transactions.execute(status -> {
			List<List<Claimed>> chains = claim(ServiceTime.now(this.clock));
			phases[0] = System.nanoTime();
			List<CompletableFuture<List<Outcome>>> sending = chains.stream()
				.map(chain -> send(chain, 0, new ArrayList<>()))
				.toList();
			List<Outcome> outcomes = new ArrayList<>();
			sending.forEach(chain -> outcomes.addAll(outcomes(chain)));
			phases[1] = System.nanoTime();
			record(outcomes);
			phases[2] = System.nanoTime();
			return outcomes.size();
		});
		if (log.isDebugEnabled() && attempted != null && attempted > 0) {
			long ended = System.nanoTime();
			log.debug("Webhook round: {} POSTs; claim {} µs, POSTs {} µs, record {} µs, commit {} µs", attempted,
					(phases[0] - began) / 1000, (phases[1] - phases[0]) / 1000, (phases[2] - phases[1]) / 1000,
					(ended - phases[2]) / 1000);
		}
		return (attempted != null) ? attempted : 0;
	}

	/**
	 * Locks the heads of up to {@code batch-size} chains that are due, skipping those
	 * another sender holds, and then the rest of those chains; returns the chains, each
	 * in id order. Only the holder of a head takes the rows behind it, so the second lock
	 * finds them free, except while a webhook is being deleted: its rows are skipped
	 * rather than waited for (waiting could deadlock with the cascade), and a chain is
	 * cut before the first row that was skipped ({@code earlier}: the pending rows of the
	 * chain before this one), so it never has a gap. The limit on the rows, in id order,
	 * cuts a chain only at its end.
	 */
	private List<List<Claimed>> claim(OffsetDateTime now) {
		List<Claimed> rows = this.jdbc.sql("""
				WITH head AS MATERIALIZED (
				    SELECT d.id, d.webhook_id, d.petition_id
				    FROM webhook_delivery d
				    WHERE d.state = 'PENDING' AND d.next_attempt_at <= :now
				      AND NOT EXISTS (SELECT 1 FROM webhook_delivery e
				                      WHERE e.webhook_id = d.webhook_id AND e.petition_id = d.petition_id
				                        AND e.state = 'PENDING' AND e.id < d.id)
				    ORDER BY d.next_attempt_at, d.id
				    LIMIT :limit
				    FOR UPDATE OF d SKIP LOCKED)
				SELECT d.id, d.webhook_id, d.petition_id, d.event_id, d.event_type, d.body, d.attempts, d.created_at,
				       w.url, w.secret,
				       (SELECT count(*) FROM webhook_delivery e
				        WHERE e.webhook_id = d.webhook_id AND e.petition_id = d.petition_id
				          AND e.state = 'PENDING' AND e.id >= h.id AND e.id < d.id) AS earlier
				FROM head h
				JOIN webhook_delivery d ON d.webhook_id = h.webhook_id AND d.petition_id = h.petition_id
				     AND d.id >= h.id AND d.state = 'PENDING'
				JOIN webhook w ON w.id = d.webhook_id
				ORDER BY d.id
				LIMIT :rows
				FOR UPDATE OF d SKIP LOCKED""")
			.param("now", now)
			.param("limit", this.properties.batchSize())
			.param("rows", 4 * this.properties.batchSize())
			.query((rs, row) -> new Claimed(rs.getLong("id"), rs.getLong("webhook_id"), rs.getLong("petition_id"),
					rs.getLong("event_id"), rs.getString("event_type"), rs.getString("body"), rs.getInt("attempts"),
					rs.getObject("created_at", OffsetDateTime.class), rs.getString("url"), rs.getString("secret"),
					rs.getInt("earlier")))
			.list();
		Map<List<Long>, List<Claimed>> chains = new LinkedHashMap<>();
		for (Claimed row : rows) {
			List<Claimed> chain = chains.computeIfAbsent(List.of(row.webhookId(), row.petitionId()),
					key -> new ArrayList<>());
			// Rows come in id order: once one was skipped, every later row of the chain
			// has more rows before it than the chain holds, and stays out.
			if (row.earlier() == chain.size()) {
				chain.add(row);
			}
		}
		return List.copyOf(chains.values());
	}

	/**
	 * POSTs the chain's deliveries from {@code next} on, each once the one before it was
	 * answered with a 2xx; the first other answer ends the chain (the rest stay PENDING,
	 * unattempted, behind it).
	 */
	private CompletableFuture<List<Outcome>> send(List<Claimed> chain, int next, List<Outcome> outcomes) {
		if (next == chain.size()) {
			return CompletableFuture.completedFuture(outcomes);
		}
		Claimed delivery = chain.get(next);
		return post(delivery).thenCompose(answer -> {
			outcomes.add(outcome(delivery, answer));
			return answer.succeeded() ? send(chain, next + 1, outcomes) : CompletableFuture.completedFuture(outcomes);
		});
	}

	private CompletableFuture<Answer> post(Claimed delivery) {
		try {
			URI uri = WebhookUrls.validate(delivery.url(), this.properties.allowPrivateAddresses());
			HttpRequest request = HttpRequest.newBuilder(uri)
				.timeout(this.properties.requestTimeout())
				.header("Content-Type", "application/json; charset=utf-8")
				.header("User-Agent", "Tiexin-Grid-Webhooks/1")
				.header(WebhookSignature.HEADER, WebhookSignature.of(delivery.secret(), delivery.body()))
				.header("X-Tiexin-Event", delivery.eventType())
				.header("X-Tiexin-Delivery", Long.toString(delivery.id()))
				.POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8))
				.build();
			return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
				.handle((response, failure) -> (failure == null)
						? new Answer(response.statusCode(), truncate(response.body())) : noAnswer(failure));
		}
		catch (TiexinException ex) {
			return CompletableFuture.completedFuture(new Answer(null, truncate(ex.getMessage())));
		}
	}

	private static Answer noAnswer(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		return new Answer(null, truncate(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
	}

	/**
	 * A chain's answers. A sender that is being stopped still waits for the answers in
	 * flight (the request timeout bounds the wait) and records them: a POST that reached
	 * the receiver but was not recorded would be sent again.
	 */
	private static List<Outcome> outcomes(CompletableFuture<List<Outcome>> chain) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return chain.get();
				}
				catch (InterruptedException ex) {
					// The flag is cleared by the throw: the next get() waits.
					interrupted = true;
				}
				catch (ExecutionException ex) {
					// Only a bug gets here (every POST's failure is an answer): the
					// chain's
					// rows stay as they were, to be claimed again.
					log.error("Webhook chain failed", ex.getCause());
					return List.of();
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * What an answer makes of the delivery: delivered, retried later, or failed for good.
	 */
	private Outcome outcome(Claimed delivery, Answer answer) {
		OffsetDateTime now = ServiceTime.now(this.clock);
		int attempts = delivery.attempts() + 1;
		if (answer.succeeded()) {
			return new Outcome(delivery.id(), WebhookDelivery.State.DELIVERED, now, null, answer);
		}
		OffsetDateTime giveUpAt = delivery.createdAt().plus(this.properties.giveUpAfter());
		if (!now.isBefore(giveUpAt)) {
			log.warn("Webhook delivery {} (event {}) failed for good after {} attempts: {} {}", delivery.id(),
					delivery.eventId(), attempts, answer.status(), answer.body());
			return new Outcome(delivery.id(), WebhookDelivery.State.FAILED, now, null, answer);
		}
		OffsetDateTime next = now.plus(this.properties.backoffAfter(attempts));
		// The last attempt falls on the end of the retry period.
		return new Outcome(delivery.id(), WebhookDelivery.State.PENDING, now, next.isAfter(giveUpAt) ? giveUpAt : next,
				answer);
	}

	/** Records a round's answers in one statement. */
	private void record(List<Outcome> outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		int n = outcomes.size();
		Long[] ids = new Long[n];
		String[] states = new String[n];
		String[] attemptedAt = new String[n];
		String[] nextAttemptAt = new String[n];
		Integer[] statuses = new Integer[n];
		String[] responses = new String[n];
		for (int i = 0; i < n; i++) {
			Outcome outcome = outcomes.get(i);
			ids[i] = outcome.id();
			states[i] = outcome.state().name();
			attemptedAt[i] = outcome.attemptedAt().toString();
			nextAttemptAt[i] = (outcome.nextAttemptAt() != null) ? outcome.nextAttemptAt().toString() : null;
			statuses[i] = outcome.answer().status();
			responses[i] = outcome.answer().body();
		}
		// Timestamps travel as ISO-8601 text: the driver has no array of OffsetDateTime.
		this.jdbc.sql("""
				UPDATE webhook_delivery d
				SET state = a.state, attempts = d.attempts + 1, last_attempt_at = a.attempted_at,
				    next_attempt_at = coalesce(a.next_attempt_at, d.next_attempt_at), last_status = a.status,
				    last_response = a.response,
				    delivered_at = CASE WHEN a.state = 'DELIVERED' THEN a.attempted_at END
				FROM unnest(CAST(:ids AS bigint[]), CAST(:states AS varchar[]), CAST(:attemptedAt AS timestamptz[]),
				            CAST(:nextAttemptAt AS timestamptz[]), CAST(:statuses AS integer[]),
				            CAST(:responses AS varchar[]))
				     AS a (id, state, attempted_at, next_attempt_at, status, response)
				WHERE d.id = a.id""")
			.param("ids", ids)
			.param("states", states)
			.param("attemptedAt", attemptedAt)
			.param("nextAttemptAt", nextAttemptAt)
			.param("statuses", statuses)
			.param("responses", responses)
			.update();
	}

	private static String truncate(String text) {
		if (text == null) {
			return null;
		}
		return (text.length() > MAX_RESPONSE) ? text.substring(0, MAX_RESPONSE) : text;
	}

	/**
	 * A claimed delivery.
	 *
	 * @param earlier how many PENDING deliveries of its chain come before it
	 */
	private record Claimed(long id, long webhookId, long petitionId, long eventId, String eventType, String body,
			int attempts, OffsetDateTime createdAt, String url, String secret, int earlier) {
	}

	/**
	 * An attempt's result, to be recorded.
	 *
	 * @param nextAttemptAt when to try again ({@code null} unless PENDING)
	 */
	private record Outcome(long id, WebhookDelivery.State state, OffsetDateTime attemptedAt,
			OffsetDateTime nextAttemptAt, Answer answer) {
	}

	/**
	 * @param status {@code null} when the receiver did not answer
	 */
	private record Answer(Integer status, String body) {

		boolean succeeded() {
			return this.status != null && this.status >= 200 && this.status < 300;
		}
	}

}
