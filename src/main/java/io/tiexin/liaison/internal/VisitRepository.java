package io.tiexin.liaison.internal;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.locationtech.jts.geom.Geometry;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

/**
 * Visits. Areas are matched by code prefix (an area's code prefixes every code below it);
 * pages are keyset pages, newest first.
 */
interface VisitRepository extends ListCrudRepository<Visit, Long> {

	String IN_AREA_AND_PERIOD = """
			v.areaCode LIKE CONCAT(:area, '%') AND v.at >= :from AND v.at < :to
			AND (:personId IS NULL OR v.personId = :personId)""";

	@Query("SELECT v FROM Visit v WHERE " + IN_AREA_AND_PERIOD + """
			 AND (v.at < :afterAt OR (v.at = :afterAt AND v.id < :afterId))
			ORDER BY v.at DESC, v.id DESC""")
	List<Visit> page(@Param("area") String areaCode, @Param("from") OffsetDateTime from, @Param("to") OffsetDateTime to,
			@Param("personId") Long personId, @Param("afterAt") OffsetDateTime afterAt, @Param("afterId") long afterId,
			Limit limit);

	/** The visit a person recorded with that idempotency key, if any. */
	Optional<Visit> findByPersonIdAndIdempotencyKey(long personId, String idempotencyKey);

	@Query("SELECT count(v) FROM Visit v WHERE " + IN_AREA_AND_PERIOD)
	long count(@Param("area") String areaCode, @Param("from") OffsetDateTime from, @Param("to") OffsetDateTime to,
			@Param("personId") Long personId);

	/**
	 * Each person's latest visit: {@code [personId, at]} rows, persons without any
	 * absent.
	 */
	@Query("SELECT v.personId, max(v.at) FROM Visit v WHERE v.personId IN :personIds GROUP BY v.personId")
	List<Object[]> latestOf(@Param("personIds") Collection<Long> personIds);

	/**
	 * Visits whose point lies within the geometry (a village's boundary, a drawn shape),
	 * through Hibernate Spatial's {@code st_within}: the point decides, not the area code
	 * a visit was filed under.
	 */
	@Query("""
			SELECT v FROM Visit v WHERE st_within(v.point, :shape) = true AND v.at >= :from AND v.at < :to
			ORDER BY v.at DESC, v.id DESC""")
	List<Visit> within(@Param("shape") Geometry shape, @Param("from") OffsetDateTime from,
			@Param("to") OffsetDateTime to);

}
