package io.tiexin.webhook.internal;

import java.time.OffsetDateTime;

import io.tiexin.shared.ServiceTime;
import io.tiexin.webhook.WebhookDelivery;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code webhook_delivery}, as the {@code deliveries} list reads it. Rows are
 * written by {@link WebhookOutbox} and changed by {@link WebhookSender} in plain SQL (see
 * there why), so this mapping only reads.
 */
@Entity
@Table(name = "webhook_delivery")
class OutboxDelivery {

	@Id
	private Long id;

	@Column(name = "webhook_id")
	private long webhookId;

	@Column(name = "event_id")
	private long eventId;

	@Column(name = "petition_id")
	private long petitionId;

	@Column(name = "event_type")
	private String eventType;

	@Column(name = "tracking_number")
	private String trackingNumber;

	@Column(columnDefinition = "text")
	private String body;

	@Enumerated(EnumType.STRING)
	private WebhookDelivery.State state;

	@Column(name = "created_at")
	private OffsetDateTime createdAt;

	private int attempts;

	@Column(name = "next_attempt_at")
	private OffsetDateTime nextAttemptAt;

	@Column(name = "last_attempt_at")
	private OffsetDateTime lastAttemptAt;

	@Column(name = "last_status")
	private Integer lastStatus;

	@Column(name = "last_response")
	private String lastResponse;

	@Column(name = "delivered_at")
	private OffsetDateTime deliveredAt;

	protected OutboxDelivery() {
	}

	long webhookId() {
		return this.webhookId;
	}

	WebhookDelivery toDelivery() {
		return new WebhookDelivery(this.id, this.webhookId, this.eventId, this.eventType, this.trackingNumber,
				this.state, this.attempts, local(this.createdAt),
				(this.state == WebhookDelivery.State.PENDING) ? local(this.nextAttemptAt) : null,
				local(this.lastAttemptAt), this.lastStatus, this.lastResponse, local(this.deliveredAt), this.body);
	}

	private static OffsetDateTime local(OffsetDateTime time) {
		return (time != null) ? time.atZoneSameInstant(ServiceTime.ZONE).toOffsetDateTime() : null;
	}

}
