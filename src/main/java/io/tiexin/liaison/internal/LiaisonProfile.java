package io.tiexin.liaison.internal;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What a liaison shows on the village board: 亮身份、亮承诺、亮职责. */
@Entity
@Table(name = "liaison_profile")
public class LiaisonProfile {

	@Id
	@Column(name = "person_id")
	private Long personId;

	private String position;

	private String commitment;

	private String duties;

	@Column(name = "photo_url")
	private String photoUrl;

	@Column(nullable = false)
	private OffsetDateTime since;

	@Column(name = "updated_at", nullable = false)
	private OffsetDateTime updatedAt;

	@Column(name = "updated_by")
	private Long updatedBy;

	protected LiaisonProfile() {
	}

	LiaisonProfile(long personId, OffsetDateTime since) {
		this.personId = personId;
		this.since = since;
		this.updatedAt = since;
	}

	void update(String position, String commitment, String duties, String photoUrl, long by, OffsetDateTime at) {
		this.position = position;
		this.commitment = commitment;
		this.duties = duties;
		this.photoUrl = photoUrl;
		this.updatedBy = by;
		this.updatedAt = at;
	}

	public Long getPersonId() {
		return this.personId;
	}

	public String getPosition() {
		return this.position;
	}

	public String getCommitment() {
		return this.commitment;
	}

	public String getDuties() {
		return this.duties;
	}

	public String getPhotoUrl() {
		return this.photoUrl;
	}

	public OffsetDateTime getSince() {
		return this.since;
	}

	public OffsetDateTime getUpdatedAt() {
		return this.updatedAt;
	}

}
