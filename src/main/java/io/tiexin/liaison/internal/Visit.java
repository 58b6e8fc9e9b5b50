package io.tiexin.liaison.internal;

import java.time.OffsetDateTime;

import io.tiexin.grid.MatchMethod;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.locationtech.jts.geom.Point;

/** A visit (走访) a liaison or grid member reported: written once, never changed. */
@Entity
@Table(name = "visit")
public class Visit {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "person_id", nullable = false)
	private long personId;

	@Column(nullable = false)
	private OffsetDateTime at;

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

	private String note;

	@Column(name = "household_count")
	private Integer householdCount;

	@Column(name = "petition_id")
	private Long petitionId;

	@Column(name = "recorded_at", nullable = false)
	private OffsetDateTime recordedAt;

	@Column(name = "idempotency_key")
	private String idempotencyKey;

	protected Visit() {
	}

	Visit(long personId, OffsetDateTime at, Point point, String gridCode, String areaCode, MatchMethod matchMethod,
			double matchDistanceMeters, String note, Integer householdCount, Long petitionId, OffsetDateTime recordedAt,
			String idempotencyKey) {
		this.personId = personId;
		this.at = at;
		this.point = point;
		this.gridCode = gridCode;
		this.areaCode = areaCode;
		this.matchMethod = matchMethod;
		this.matchDistanceMeters = matchDistanceMeters;
		this.note = note;
		this.householdCount = householdCount;
		this.petitionId = petitionId;
		this.recordedAt = recordedAt;
		this.idempotencyKey = idempotencyKey;
	}

	public Long getId() {
		return this.id;
	}

	public long getPersonId() {
		return this.personId;
	}

	public OffsetDateTime getAt() {
		return this.at;
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

	public String getNote() {
		return this.note;
	}

	public Integer getHouseholdCount() {
		return this.householdCount;
	}

	public Long getPetitionId() {
		return this.petitionId;
	}

	public OffsetDateTime getRecordedAt() {
		return this.recordedAt;
	}

}
