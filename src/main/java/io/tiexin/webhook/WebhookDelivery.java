package io.tiexin.webhook;

import java.time.OffsetDateTime;

/**
 * One timeline event on its way to one webhook.
 *
 * @param nextAttemptAt when a PENDING delivery is tried next
 * @param lastStatus the receiver's HTTP status at the last attempt; {@code null} when it
 * did not answer (then {@code lastResponse} says why)
 * @param lastResponse the start of the receiver's last answer, or the error
 */
public record WebhookDelivery(long id, long webhookId, long eventId, String eventType, String trackingNumber,
		State state, int attempts, OffsetDateTime createdAt, OffsetDateTime nextAttemptAt, OffsetDateTime lastAttemptAt,
		Integer lastStatus, String lastResponse, OffsetDateTime deliveredAt, String body) {

	public enum State {

		/** Waiting for its turn or its next attempt. */
		PENDING,
		/** The receiver answered 2xx. */
		DELIVERED,
		/** Refused or unanswered for the whole retry period: no more attempts. */
		FAILED

	}
}
