package io.tiexin.open311.internal;

import java.time.OffsetDateTime;

import io.tiexin.petition.Channel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code api_key}: who holds the key, and its hash (never the key). */
@Entity
@Table(name = "api_key")
class PartnerKey {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "partner_id", nullable = false)
	private long partnerId;

	@Column(name = "key_hash", nullable = false, length = 64)
	private String keyHash;

	@Column(name = "key_prefix", nullable = false, length = 12)
	private String keyPrefix;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private Channel channel;

	@Column(name = "created_by", nullable = false)
	private long createdBy;

	@Column(name = "created_at", nullable = false)
	private OffsetDateTime createdAt;

	@Column(name = "revoked_at")
	private OffsetDateTime revokedAt;

	protected PartnerKey() {
	}

	PartnerKey(long partnerId, String keyHash, String keyPrefix, Channel channel, long createdBy,
			OffsetDateTime createdAt) {
		this.partnerId = partnerId;
		this.keyHash = keyHash;
		this.keyPrefix = keyPrefix;
		this.channel = channel;
		this.createdBy = createdBy;
		this.createdAt = createdAt;
	}

	Long id() {
		return this.id;
	}

	long partnerId() {
		return this.partnerId;
	}

	Channel channel() {
		return this.channel;
	}

	boolean isRevoked() {
		return this.revokedAt != null;
	}

	void revoke(OffsetDateTime at) {
		this.revokedAt = at;
	}

	/** As GraphQL shows it; {@code key} only in the answer that issued it. */
	ApiKey toApiKey(String key) {
		return new ApiKey(this.id, this.partnerId, key, this.keyPrefix, this.channel, this.createdAt, this.revokedAt);
	}

}
