package io.tiexin.department.internal;

import java.time.OffsetDateTime;

import io.tiexin.department.WhistleResponse;
import io.tiexin.department.WhistleResponseStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One department summoned by a whistle (table {@code whistle_response}): SUMMONED →
 * REPORTED (报到) → DONE. Optimistic locking guards the rare race between two staff members
 * of the same department.
 */
@Entity
@Table(name = "whistle_response")
class WhistleResponseEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "whistle_id")
	private WhistleEntity whistle;

	@Column(name = "department_code")
	private String departmentCode;

	@Enumerated(EnumType.STRING)
	private WhistleResponseStatus status;

	@Column(name = "report_due_at")
	private OffsetDateTime reportDueAt;

	@Column(name = "reported_at")
	private OffsetDateTime reportedAt;

	@Column(name = "reported_by")
	private Long reportedBy;

	@Column(name = "done_at")
	private OffsetDateTime doneAt;

	@Column(name = "done_by")
	private Long doneBy;

	private String note;

	@Column(name = "supervised_at")
	private OffsetDateTime supervisedAt;

	@Version
	private int version;

	protected WhistleResponseEntity() {
	}

	WhistleResponseEntity(WhistleEntity whistle, String departmentCode, OffsetDateTime reportDueAt) {
		this.whistle = whistle;
		this.departmentCode = departmentCode;
		this.reportDueAt = reportDueAt;
		this.status = WhistleResponseStatus.SUMMONED;
	}

	WhistleEntity whistle() {
		return this.whistle;
	}

	String departmentCode() {
		return this.departmentCode;
	}

	WhistleResponseStatus status() {
		return this.status;
	}

	OffsetDateTime reportDueAt() {
		return this.reportDueAt;
	}

	void report(OffsetDateTime at, long by, String note) {
		this.status = WhistleResponseStatus.REPORTED;
		this.reportedAt = at;
		this.reportedBy = by;
		if (note != null && !note.isBlank()) {
			this.note = note.strip();
		}
	}

	void complete(OffsetDateTime at, long by, String note) {
		this.status = WhistleResponseStatus.DONE;
		this.doneAt = at;
		this.doneBy = by;
		this.note = note.strip();
	}

	void supervise(OffsetDateTime at) {
		this.supervisedAt = at;
	}

	WhistleResponse view() {
		return new WhistleResponse(this.whistle.id(), this.departmentCode, this.status, this.reportDueAt,
				this.reportedAt, this.reportedBy, this.doneAt, this.note, this.supervisedAt);
	}

}
