package io.tiexin.webhook.internal;

import java.time.OffsetDateTime;
import java.util.List;

import io.tiexin.webhook.Webhook;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code webhook}. */
@Entity
@Table(name = "webhook")
class WebhookRegistration {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, length = 2000)
	private String url;

	@Column(nullable = false, length = 200)
	private String secret;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false, length = 32)
	private String[] events;

	@Column(name = "created_by", nullable = false)
	private long createdBy;

	@Column(name = "created_at", nullable = false)
	private OffsetDateTime createdAt;

	protected WebhookRegistration() {
	}

	WebhookRegistration(String url, String secret, List<String> events, long createdBy, OffsetDateTime createdAt) {
		this.url = url;
		this.secret = secret;
		this.events = events.toArray(String[]::new);
		this.createdBy = createdBy;
		this.createdAt = createdAt;
	}

	Long id() {
		return this.id;
	}

	Webhook toWebhook() {
		return new Webhook(this.id, this.url, List.of(this.events), this.createdAt);
	}

}
