package io.tiexin.meeting.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.tiexin.grid.MatchMethod;
import io.tiexin.meeting.MeetingStatus;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.FetchType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import org.locationtech.jts.geom.Point;

/**
 * A house-yard meeting with its attendees and items: one aggregate, written whole
 * (planned, recorded, cancelled) and read by id.
 */
@Entity
@Table(name = "meeting")
public class Meeting {

	/**
	 * How the place was given; items are filed the same way, so they land where the
	 * meeting did.
	 */
	public enum LocatedBy {

		POINT, AREA, PLACE

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String title;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private MeetingStatus status;

	@Version
	private int version;

	@Column(columnDefinition = "geometry(Point,4326)", nullable = false)
	private Point point;

	@Column(name = "grid_code")
	private String gridCode;

	@Column(name = "area_code", nullable = false)
	private String areaCode;

	@Enumerated(EnumType.STRING)
	@Column(name = "match_method", nullable = false)
	private MatchMethod matchMethod;

	@Column(name = "match_distance_m", nullable = false)
	private double matchDistanceMeters;

	@Enumerated(EnumType.STRING)
	@Column(name = "located_by", nullable = false)
	private LocatedBy locatedBy;

	@Column(name = "place_text")
	private String placeText;

	@Column(name = "scheduled_at", nullable = false)
	private OffsetDateTime scheduledAt;

	@Column(name = "held_at")
	private OffsetDateTime heldAt;

	private String agenda;

	private String summary;

	@Column(name = "convener_id", nullable = false)
	private long convenerId;

	@Column(name = "household_count")
	private Integer householdCount;

	private Integer attendance;

	@Column(name = "cancel_reason")
	private String cancelReason;

	@Column(name = "created_at", nullable = false)
	private OffsetDateTime createdAt;

	// Eager and in batches: a page of meetings loads its attendees in one more statement,
	// and
	// access checks read them after the loading transaction.
	@ElementCollection(fetch = FetchType.EAGER)
	@BatchSize(size = 100)
	@CollectionTable(name = "meeting_attendee", joinColumns = @JoinColumn(name = "meeting_id"))
	@Column(name = "person_id")
	private Set<Long> attendeeIds = new LinkedHashSet<>();

	@OneToMany(mappedBy = "meeting", cascade = CascadeType.ALL, orphanRemoval = true)
	@OrderBy("position")
	private List<MeetingItem> items = new ArrayList<>();

	protected Meeting() {
	}

	Meeting(String title, Point point, String gridCode, String areaCode, MatchMethod matchMethod,
			double matchDistanceMeters, LocatedBy locatedBy, String placeText, OffsetDateTime scheduledAt,
			String agenda, long convenerId, OffsetDateTime createdAt) {
		this.title = title;
		this.status = MeetingStatus.PLANNED;
		this.point = point;
		this.gridCode = gridCode;
		this.areaCode = areaCode;
		this.matchMethod = matchMethod;
		this.matchDistanceMeters = matchDistanceMeters;
		this.locatedBy = locatedBy;
		this.placeText = placeText;
		this.scheduledAt = scheduledAt;
		this.agenda = agenda;
		this.convenerId = convenerId;
		this.createdAt = createdAt;
	}

	/** PLANNED to HELD with what was recorded; the caller checked the transition. */
	void held(OffsetDateTime heldAt, Set<Long> attendeeIds, Integer householdCount, int attendance, String summary) {
		this.status = MeetingStatus.HELD;
		this.heldAt = heldAt;
		this.attendeeIds.clear();
		this.attendeeIds.addAll(attendeeIds);
		this.householdCount = householdCount;
		this.attendance = attendance;
		this.summary = summary;
	}

	void addItem(MeetingItem item) {
		this.items.add(item);
	}

	/** PLANNED to CANCELLED; the caller checked the transition. */
	void cancelled(String reason) {
		this.status = MeetingStatus.CANCELLED;
		this.cancelReason = reason;
	}

	public Long getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

	public MeetingStatus getStatus() {
		return this.status;
	}

	public int getVersion() {
		return this.version;
	}

	public Point getPoint() {
		return this.point;
	}

	public String getGridCode() {
		return this.gridCode;
	}

	public String getAreaCode() {
		return this.areaCode;
	}

	public MatchMethod getMatchMethod() {
		return this.matchMethod;
	}

	public double getMatchDistanceMeters() {
		return this.matchDistanceMeters;
	}

	public LocatedBy getLocatedBy() {
		return this.locatedBy;
	}

	public String getPlaceText() {
		return this.placeText;
	}

	public OffsetDateTime getScheduledAt() {
		return this.scheduledAt;
	}

	public OffsetDateTime getHeldAt() {
		return this.heldAt;
	}

	public String getAgenda() {
		return this.agenda;
	}

	public String getSummary() {
		return this.summary;
	}

	public long getConvenerId() {
		return this.convenerId;
	}

	public Integer getHouseholdCount() {
		return this.householdCount;
	}

	public Integer getAttendance() {
		return this.attendance;
	}

	public String getCancelReason() {
		return this.cancelReason;
	}

	public OffsetDateTime getCreatedAt() {
		return this.createdAt;
	}

	public Set<Long> getAttendeeIds() {
		return this.attendeeIds;
	}

	public List<MeetingItem> getItems() {
		return this.items;
	}

}
