package io.tiexin.meeting.internal;

import java.time.OffsetDateTime;

import io.tiexin.meeting.MeetingItemStatus;
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

/**
 * An opinion or request raised at a meeting. The meeting's area and time are repeated so
 * the rollup (V13) counts items without a join.
 */
@Entity
@Table(name = "meeting_item")
public class MeetingItem {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "meeting_id")
	private Meeting meeting;

	@Column(nullable = false)
	private int position;

	@Column(nullable = false)
	private String text;

	@Column(name = "raised_by")
	private String raisedBy;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private MeetingItemStatus status;

	private String answer;

	@Column(name = "category_code")
	private String categoryCode;

	@Column(name = "petition_id")
	private Long petitionId;

	@Column(name = "area_code", nullable = false)
	private String areaCode;

	@Column(name = "held_at", nullable = false)
	private OffsetDateTime heldAt;

	protected MeetingItem() {
	}

	MeetingItem(Meeting meeting, int position, String text, String raisedBy, String answer, String categoryCode,
			Long petitionId, OffsetDateTime heldAt) {
		this.meeting = meeting;
		this.position = position;
		this.text = text;
		this.raisedBy = raisedBy;
		this.answer = answer;
		this.categoryCode = categoryCode;
		this.petitionId = petitionId;
		this.status = (answer != null) ? MeetingItemStatus.ANSWERED_ON_SITE : MeetingItemStatus.FILED;
		this.areaCode = meeting.getAreaCode();
		this.heldAt = heldAt;
	}

	public Long getId() {
		return this.id;
	}

	public Meeting getMeeting() {
		return this.meeting;
	}

	public int getPosition() {
		return this.position;
	}

	public String getText() {
		return this.text;
	}

	public String getRaisedBy() {
		return this.raisedBy;
	}

	public MeetingItemStatus getStatus() {
		return this.status;
	}

	public String getAnswer() {
		return this.answer;
	}

	public String getCategoryCode() {
		return this.categoryCode;
	}

	public Long getPetitionId() {
		return this.petitionId;
	}

}
