package io.tiexin.webhook.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.tiexin.shared.postgres.DaemonLoop;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox, on every replica. Each round claims a batch of due deliveries with
 * {@code FOR UPDATE SKIP LOCKED}, POSTs them all at once and records the answers in the
 * same transaction, so the row lock is held while its POST is under way: a delivery is in
 * the hands of one sender at a time however many replicas run, and one whose sender died
 * before committing is claimed again (at least once).
 * <p>
 * Order per petition: only a delivery with no earlier PENDING delivery of the same
 * webhook and petition is due, so event n+1 waits until n was delivered (or finally
 * failed). The events of one petition are written under its row lock, so their ids follow
 * their commit order.
 * <p>
 * A failed attempt waits {@link WebhookProperties#backoffAfter} (doubling from
 * {@code initial-backoff} to {@code max-backoff}); the schedule is in the rows, so it
 * survives restarts. Once {@code give-up-after} has passed since the event, the delivery
 * is FAILED, with the receiver's last answer kept.
 * <p>
 * SQL by hand rather than JPA: the claim needs {@code SKIP LOCKED} and a correlated
 * {@code NOT EXISTS}, and the updates are single statements; there is no object to load.
 */
@Component
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
		Integer attempted = this.transactions.execute(status -> {
			List<Claimed> batch = claim(ServiceTime.now(this.clock));
			// At most one delivery per webhook and petition (the head of its queue), so
			// the POSTs are independent: all sent at once, then their answers recorded.
			List<CompletableFuture<Answer>> answers = batch.stream().map(this::post).toList();
			for (int i = 0; i < batch.size(); i++) {
				record(batch.get(i), answer(answers.get(i)));
			}
			return batch.size();
		});
		return (attempted != null) ? attempted : 0;
	}

	private List<Claimed> claim(OffsetDateTime now) {
		return this.jdbc.sql("""
				SELECT d.id, d.event_id, d.event_type, d.body, d.attempts, d.created_at, w.url, w.secret
				FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
				WHERE d.state = 'PENDING' AND d.next_attempt_at <= :now
				  AND NOT EXISTS (SELECT 1 FROM webhook_delivery e
				                  WHERE e.webhook_id = d.webhook_id AND e.petition_id = d.petition_id
				                    AND e.state = 'PENDING' AND e.id < d.id)
				ORDER BY d.next_attempt_at, d.id
				LIMIT :limit
				FOR UPDATE OF d SKIP LOCKED""")
			.param("now", now)
			.param("limit", this.properties.batchSize())
			.query((rs, row) -> new Claimed(rs.getLong("id"), rs.getLong("event_id"), rs.getString("event_type"),
					rs.getString("body"), rs.getInt("attempts"), rs.getObject("created_at", OffsetDateTime.class),
					rs.getString("url"), rs.getString("secret")))
			.list();
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
				.thenApply(response -> new Answer(response.statusCode(), truncate(response.body())));
		}
		catch (TiexinException ex) {
			return CompletableFuture.completedFuture(new Answer(null, truncate(ex.getMessage())));
		}
	}

	/**
	 * The receiver's answer. A sender that is being stopped still waits for the answers
	 * in flight (the request timeout bounds the wait) and records them: a POST that
	 * reached the receiver but was not recorded would be sent again.
	 */
	private static Answer answer(CompletableFuture<Answer> pending) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return pending.get();
				}
				catch (InterruptedException ex) {
					// The flag is cleared by the throw: the next get() waits.
					interrupted = true;
				}
				catch (ExecutionException ex) {
					Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
					return new Answer(null, truncate(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void record(Claimed delivery, Answer answer) {
		OffsetDateTime now = ServiceTime.now(this.clock);
		int attempts = delivery.attempts() + 1;
		if (answer.succeeded()) {
			this.jdbc.sql("""
					UPDATE webhook_delivery SET state = 'DELIVERED', attempts = :attempts, last_attempt_at = :now,
					    last_status = :status, last_response = :response, delivered_at = :now
					WHERE id = :id""")
				.param("attempts", attempts)
				.param("now", now)
				.param("status", answer.status())
				.param("response", answer.body())
				.param("id", delivery.id())
				.update();
			return;
		}
		OffsetDateTime giveUpAt = delivery.createdAt().plus(this.properties.giveUpAfter());
		boolean failed = !now.isBefore(giveUpAt);
		OffsetDateTime next = now.plus(this.properties.backoffAfter(attempts));
		if (next.isAfter(giveUpAt)) {
			// The last attempt falls on the end of the retry period.
			next = giveUpAt;
		}
		this.jdbc.sql("""
				UPDATE webhook_delivery SET state = :state, attempts = :attempts, last_attempt_at = :now,
				    next_attempt_at = :next, last_status = :status, last_response = :response
				WHERE id = :id""")
			.param("state", failed ? "FAILED" : "PENDING")
			.param("attempts", attempts)
			.param("now", now)
			.param("next", next)
			.param("status", answer.status())
			.param("response", answer.body())
			.param("id", delivery.id())
			.update();
		if (failed) {
			log.warn("Webhook delivery {} (event {}) failed for good after {} attempts: {} {}", delivery.id(),
					delivery.eventId(), attempts, answer.status(), answer.body());
		}
	}

	private static String truncate(String text) {
		if (text == null) {
			return null;
		}
		return (text.length() > MAX_RESPONSE) ? text.substring(0, MAX_RESPONSE) : text;
	}

	private record Claimed(long id, long eventId, String eventType, String body, int attempts, OffsetDateTime createdAt,
			String url, String secret) {
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
