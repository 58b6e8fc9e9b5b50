package io.tiexin.webhook.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.petition.PetitionEvent;
import io.tiexin.petition.PetitionEventRecorded;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/**
 * Writes each timeline event into the outbox, one row per webhook that asked for its
 * type, in the transaction that writes the event: the event and its deliveries commit
 * together or not at all, so no event is lost between the two and none is sent that did
 * not happen.
 * <p>
 * One INSERT … SELECT in JdbcClient rather than JPA: it runs on every petition change
 * (submission path included), finds the subscribed webhooks and writes their rows in a
 * single statement, and writes nothing when no webhook wants the event; loading the
 * webhooks as entities and persisting a delivery each would cost a query plus a statement
 * per row, and a persistence context, on that path.
 * <p>
 * Inside a transaction the events are kept until it flushes its synchronizations
 * ({@link TransactionSynchronizationUtils#triggerFlush}, which group intake calls after
 * writing a batch) or is about to commit, then written in that one statement: a batch of
 * petitions dispatched together costs one outbox statement, not one per event. The rows
 * are the same as one statement per event would write, their ids in the order the events
 * were published.
 */
@Component
class WebhookOutbox {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final WebhookSender sender;

	WebhookOutbox(JdbcClient jdbc, JsonMapper json, WebhookSender sender) {
		this.jdbc = jdbc;
		this.json = json;
		this.sender = sender;
	}

	@EventListener
	void on(PetitionEventRecorded recorded) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			if (write(List.of(recorded)) > 0) {
				this.sender.wake();
			}
			return;
		}
		Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
		if (pending == null) {
			pending = new Pending();
			TransactionSynchronizationManager.bindResource(this, pending);
			TransactionSynchronizationManager.registerSynchronization(pending);
		}
		pending.add(recorded);
	}

	/** The deliveries of these events, in one statement; returns how many. */
	private int write(List<PetitionEventRecorded> recorded) {
		return this.jdbc.sql("""
				INSERT INTO webhook_delivery (webhook_id, event_id, petition_id, event_type, tracking_number, body,
				    created_at, next_attempt_at)
				SELECT w.id, e.event_id, e.petition_id, e.type, e.tracking_number, e.body, e.at, e.at
				FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]),
				            CAST(? AS text[]), CAST(CAST(? AS text[]) AS timestamptz[]))
				    WITH ORDINALITY AS e(event_id, petition_id, type, tracking_number, body, at, n)
				JOIN webhook w ON e.type = ANY (w.events) OR '*' = ANY (w.events)
				ORDER BY e.n, w.id""")
			.params(recorded.stream().map(r -> r.event().id()).toArray(Long[]::new),
					recorded.stream().map(r -> r.event().petitionId()).toArray(Long[]::new),
					recorded.stream().map(r -> r.event().type()).toArray(String[]::new),
					recorded.stream().map(PetitionEventRecorded::trackingNumber).toArray(String[]::new),
					recorded.stream().map(this::body).toArray(String[]::new),
					recorded.stream().map(r -> r.event().at().toString()).toArray(String[]::new))
			.update();
	}

	/**
	 * The events of one transaction not yet written, bound to it while it runs (and
	 * unbound while another runs in its place, {@code REQUIRES_NEW}).
	 */
	private final class Pending implements TransactionSynchronization {

		private final List<PetitionEventRecorded> events = new ArrayList<>();

		private boolean delivers;

		private boolean committing;

		void add(PetitionEventRecorded recorded) {
			this.events.add(recorded);
			if (this.committing) {
				// published by another synchronization after this one wrote its rows
				flush();
			}
		}

		@Override
		public void flush() {
			if (this.events.isEmpty()) {
				return;
			}
			List<PetitionEventRecorded> written = List.copyOf(this.events);
			this.events.clear();
			if (write(written) > 0) {
				this.delivers = true;
			}
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			this.committing = true;
			flush();
		}

		@Override
		public void suspend() {
			TransactionSynchronizationManager.unbindResource(WebhookOutbox.this);
		}

		@Override
		public void resume() {
			TransactionSynchronizationManager.bindResource(WebhookOutbox.this, this);
		}

		@Override
		public void afterCommit() {
			if (this.delivers) {
				WebhookOutbox.this.sender.wake();
			}
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(WebhookOutbox.this);
		}

	}

	/**
	 * The JSON every receiver gets: the event and where its petition stands, without
	 * personal data (no names, phones, addresses or notes, which may hold them).
	 */
	String body(PetitionEventRecorded recorded) {
		PetitionEvent event = recorded.event();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", Long.toString(event.id()));
		body.put("type", event.type());
		body.put("occurredAt", event.at().toString());
		body.put("trackingNumber", recorded.trackingNumber());
		body.put("status", recorded.status().name());
		body.put("fromStatus", (event.fromStatus() != null) ? event.fromStatus().name() : null);
		body.put("toStatus", (event.toStatus() != null) ? event.toStatus().name() : null);
		body.put("areaCode", recorded.areaCode());
		body.put("categoryCode", recorded.categoryCode());
		return this.json.writeValueAsString(body);
	}

}
