package io.tiexin.meeting.internal;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.tiexin.meeting.MeetingStatus;
import jakarta.persistence.LockModeType;
import org.locationtech.jts.geom.Geometry;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.repository.query.Param;

/** Meetings and their items. Areas match by code prefix; pages are keyset pages. */
interface MeetingRepository extends JpaRepository<Meeting, Long> {

	String IN_AREA = "m.areaCode LIKE CONCAT(:area, '%') AND m.status IN :statuses"
			+ " AND m.scheduledAt >= :from AND m.scheduledAt < :to";

	/**
	 * The meeting, locked until the transaction ends: its mutations run one at a time.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("SELECT m FROM Meeting m WHERE m.id = :id")
	Optional<Meeting> lockById(@Param("id") long id);

	@Query("SELECT m FROM Meeting m WHERE " + IN_AREA
			+ " AND (m.scheduledAt < :afterAt OR (m.scheduledAt = :afterAt AND m.id < :afterId))"
			+ " ORDER BY m.scheduledAt DESC, m.id DESC")
	List<Meeting> page(@Param("area") String areaCode, @Param("statuses") Collection<MeetingStatus> statuses,
			@Param("from") OffsetDateTime from, @Param("to") OffsetDateTime to,
			@Param("afterAt") OffsetDateTime afterAt, @Param("afterId") long afterId, Limit limit);

	@Query("SELECT count(m) FROM Meeting m WHERE " + IN_AREA)
	long count(@Param("area") String areaCode, @Param("statuses") Collection<MeetingStatus> statuses,
			@Param("from") OffsetDateTime from, @Param("to") OffsetDateTime to);

	/** Planned meetings of the area from the given time on, soonest first. */
	@Query("""
			SELECT m FROM Meeting m WHERE m.areaCode LIKE CONCAT(:area, '%') AND m.status = io.tiexin.meeting.MeetingStatus.PLANNED
			AND m.scheduledAt >= :from ORDER BY m.scheduledAt, m.id""")
	List<Meeting> upcoming(@Param("area") String areaCode, @Param("from") OffsetDateTime from, Limit limit);

	/**
	 * Meetings whose point lies in the shape (an area's boundary), held or planned in the
	 * period, through Hibernate Spatial's {@code st_intersects}.
	 */
	@Query("""
			SELECT m FROM Meeting m WHERE st_intersects(m.point, :shape) = true AND m.status IN :statuses
			AND coalesce(m.heldAt, m.scheduledAt) >= :from AND coalesce(m.heldAt, m.scheduledAt) < :to
			ORDER BY m.id""")
	List<Meeting> within(@Param("shape") Geometry shape, @Param("statuses") Collection<MeetingStatus> statuses,
			@Param("from") OffsetDateTime from, @Param("to") OffsetDateTime to, Limit limit);

	/** Items with their meeting, by id. */
	@Query("SELECT i FROM MeetingItem i JOIN FETCH i.meeting WHERE i.meeting.id IN :meetingIds ORDER BY i.meeting.id, i.position")
	List<MeetingItem> itemsOf(@Param("meetingIds") Collection<Long> meetingIds);

	/**
	 * Meetings whose filed item follows one of these petitions: which meeting raised
	 * them.
	 */
	@Query("SELECT i.petitionId, i.meeting.id FROM MeetingItem i WHERE i.petitionId IN :petitionIds")
	List<Object[]> meetingsOfPetitions(@Param("petitionIds") Collection<Long> petitionIds);

}
