package io.tiexin.webhook;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An endpoint that receives timeline events (its secret is never shown again).
 *
 * @param events timeline event types, or {@code *} for all
 */
public record Webhook(long id, String url, List<String> events, OffsetDateTime createdAt) {

	public Webhook {
		events = List.copyOf(events);
	}
}
