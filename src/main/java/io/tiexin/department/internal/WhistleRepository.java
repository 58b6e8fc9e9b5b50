package io.tiexin.department.internal;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface WhistleRepository extends JpaRepository<WhistleEntity, Long> {

	/** Whistles with their summons, in one statement. */
	@Query("select distinct w from WhistleEntity w left join fetch w.responses where w.id in :ids")
	List<WhistleEntity> findWithResponses(Collection<Long> ids);

	/** Whistles on these petitions with their summons, oldest first, in one statement. */
	@Query("select distinct w from WhistleEntity w left join fetch w.responses where w.petitionId in :petitionIds "
			+ "order by w.id")
	List<WhistleEntity> findByPetitions(Collection<Long> petitionIds);

	/**
	 * The summons, locked until the transaction ends (reporting and supervising queue on
	 * it).
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select r from WhistleResponseEntity r join fetch r.whistle where r.whistle.id = :whistleId "
			+ "and r.departmentCode = :departmentCode")
	Optional<WhistleResponseEntity> lockResponse(long whistleId, String departmentCode);

	/** Summons of the petition not yet done, by department code. */
	@Query("select r.departmentCode from WhistleResponseEntity r where r.whistle.petitionId = :petitionId "
			+ "and r.status <> io.tiexin.department.WhistleResponseStatus.DONE order by r.departmentCode")
	List<String> openDepartmentsOn(long petitionId);

	/**
	 * Summons past their report deadline, unreported and not yet supervised, on cases
	 * still open, earliest first; rows another transaction holds are skipped, so replicas
	 * share the work. (The petition's status is read, never written, here.)
	 */
	@Query(value = """
			SELECT r.id FROM whistle_response r
			WHERE r.status = 'SUMMONED' AND r.supervised_at IS NULL AND r.report_due_at < :now
			  -- A case closed (over the summons) or withdrawn needs no one to come any more.
			  AND EXISTS (SELECT 1 FROM whistle w JOIN petition p ON p.id = w.petition_id
			              WHERE w.id = r.whistle_id AND p.status NOT IN ('CLOSED', 'WITHDRAWN'))
			ORDER BY r.report_due_at, r.id
			LIMIT :limit
			FOR UPDATE SKIP LOCKED""", nativeQuery = true)
	List<Long> lockOverdueSummons(OffsetDateTime now, int limit);

	@Query("select r from WhistleResponseEntity r join fetch r.whistle where r.id in :ids order by r.reportDueAt, r.id")
	List<WhistleResponseEntity> findResponses(Collection<Long> ids);

}
