package io.tiexin.department.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.tiexin.department.Whistle;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/** A whistle blown on a case (table {@code whistle}), with its summons. */
@Entity
@Table(name = "whistle")
class WhistleEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "petition_id")
	private long petitionId;

	/** The case's area when the whistle was blown: whose whistles these are. */
	@Column(name = "area_code")
	private String areaCode;

	@Column(name = "blown_by")
	private long blownBy;

	@Column(name = "blown_at")
	private OffsetDateTime blownAt;

	private String reason;

	private boolean emergency;

	@OneToMany(mappedBy = "whistle", cascade = CascadeType.ALL)
	@OrderBy("departmentCode")
	private List<WhistleResponseEntity> responses = new ArrayList<>();

	protected WhistleEntity() {
	}

	WhistleEntity(long petitionId, String areaCode, long blownBy, OffsetDateTime blownAt, String reason,
			boolean emergency) {
		this.petitionId = petitionId;
		this.areaCode = areaCode;
		this.blownBy = blownBy;
		this.blownAt = blownAt;
		this.reason = reason;
		this.emergency = emergency;
	}

	void summon(String departmentCode, OffsetDateTime reportDueAt) {
		this.responses.add(new WhistleResponseEntity(this, departmentCode, reportDueAt));
	}

	Long id() {
		return this.id;
	}

	long petitionId() {
		return this.petitionId;
	}

	OffsetDateTime blownAt() {
		return this.blownAt;
	}

	List<WhistleResponseEntity> responses() {
		return this.responses;
	}

	Whistle view() {
		return new Whistle(this.id, this.petitionId, this.areaCode, this.blownBy, this.blownAt, this.reason,
				this.responses.stream().map(WhistleResponseEntity::view).toList());
	}

}
