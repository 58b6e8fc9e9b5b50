package io.tiexin.webhook.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tiexin.petition.PetitionEvent;
import io.tiexin.petition.PetitionEventRecorded;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
		PetitionEvent event = recorded.event();
		int rows = this.jdbc.sql("""
				INSERT INTO webhook_delivery (webhook_id, event_id, petition_id, event_type, tracking_number, body,
				    created_at, next_attempt_at)
				SELECT w.id, :eventId, :petitionId, :type, :trackingNumber, :body, :at, :at
				FROM webhook w
				WHERE :type = ANY (w.events) OR '*' = ANY (w.events)
				ORDER BY w.id""")
			.param("eventId", event.id())
			.param("petitionId", event.petitionId())
			.param("type", event.type())
			.param("trackingNumber", recorded.trackingNumber())
			.param("body", body(recorded))
			.param("at", event.at())
			.update();
		if (rows > 0 && TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					WebhookOutbox.this.sender.wake();
				}
			});
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
