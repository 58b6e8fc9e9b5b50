package io.tiexin.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;

import io.tiexin.audit.internal.GroupCommit;
import io.tiexin.audit.internal.RequestAudit;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.Ids;
import io.tiexin.shared.PageSize;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Writes and reads the audit trail. Changes to petitions are recorded by the database
 * from their timeline (see migration V6), so no code path can skip them; what only the
 * service knows — who read personal data, who put whom on duty — is recorded here. The
 * table refuses updates and deletes; reading it is for the county administrator.
 * <p>
 * Reads of personal data are written by a group commit ({@link GroupCommit}): the records
 * of all requests that read at the same time share one statement and one commit, and each
 * answer waits for its own records' commit before it is sent ({@link RequestAudit});
 * docs/security.md says why this and not an asynchronous commit.
 */
@Service
public class AuditLog implements DisposableBean {

	static final int MAX_PAGE = 500;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final GroupCommit<List<Reads>> reads;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.reads = new GroupCommit<>("audit-reads", this::insertReads);
	}

	/**
	 * Records that a person was shown a personal field (contact name, phone, address, the
	 * exact point of a sensitive case) of these petitions in full: one row per petition.
	 * The rows are committed, with those of other requests, before the current GraphQL
	 * request answers (or here, outside one); if they cannot be, the request fails.
	 */
	public void personalDataRead(long actorId, String actorUsername, String field, Collection<Long> petitionIds) {
		if (petitionIds.isEmpty()) {
			return;
		}
		Reads read = new Reads(ServiceTime.now(this.clock), actorId, actorUsername, field, List.copyOf(petitionIds));
		if (!RequestAudit.deferToAnswer(read, this.reads::submit)) {
			RequestAudit.await(this.reads.submit(List.of(read)));
		}
	}

	/** Many requests' reads in one statement (one transaction). */
	private void insertReads(List<List<Reads>> requests) {
		List<Reads> batch = requests.stream().flatMap(List::stream).toList();
		int rows = batch.stream().mapToInt(read -> read.petitionIds().size()).sum();
		String[] at = new String[rows];
		Long[] actors = new Long[rows];
		String[] usernames = new String[rows];
		String[] fields = new String[rows];
		Long[] petitions = new Long[rows];
		int row = 0;
		for (Reads read : batch) {
			for (Long petitionId : read.petitionIds()) {
				at[row] = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(read.at());
				actors[row] = read.actorId();
				usernames[row] = read.actorUsername();
				fields[row] = read.field();
				petitions[row] = petitionId;
				row++;
			}
		}
		this.jdbc.sql("""
				INSERT INTO audit_log (at, actor_id, actor_username, action, petition_id, detail)
				SELECT r.at, r.actor_id, r.username, 'READ_PERSONAL_DATA', r.petition_id, r.field
				FROM unnest(CAST(:at AS timestamptz[]), CAST(:actors AS bigint[]), CAST(:usernames AS text[]),
				            CAST(:fields AS text[]), CAST(:petitions AS bigint[]))
				     AS r(at, actor_id, username, field, petition_id)""")
			.param("at", at)
			.param("actors", actors)
			.param("usernames", usernames)
			.param("fields", fields)
			.param("petitions", petitions)
			.update();
	}

	@Override
	public void destroy() {
		this.reads.close();
	}

	/** Records a change the timeline does not hold, in the caller's transaction. */
	public void changed(long actorId, String actorUsername, String action, Long personId, String detail) {
		this.jdbc.sql("""
				INSERT INTO audit_log (at, actor_id, actor_username, action, person_id, detail)
				VALUES (:at, :actor, :username, :action, :person, :detail)""")
			.param("at", ServiceTime.now(this.clock))
			.param("actor", actorId)
			.param("username", actorUsername)
			.param("action", action)
			.param("person", personId)
			.param("detail", detail)
			.update();
	}

	/**
	 * Entries newest first, before the given id when one is given. County administrators
	 * only.
	 */
	@PreAuthorize("hasRole('COUNTY_ADMIN')")
	public List<AuditRecord> search(AuditFilter filter, int first, Long beforeId) {
		PageSize.of(first, MAX_PAGE, "first");
		AuditFilter f = (filter != null) ? filter : AuditFilter.NONE;
		return this.jdbc.sql("""
				SELECT id, at, actor_id, actor_username, action, petition_id, person_id, detail
				FROM audit_log
				WHERE (CAST(:before AS bigint) IS NULL OR id < :before)
				  AND (CAST(:username AS text) IS NULL OR actor_username = :username)
				  AND (CAST(:petition AS bigint) IS NULL OR petition_id = :petition)
				  AND (CAST(:action AS text) IS NULL OR action = :action)
				  AND (CAST(:from AS timestamptz) IS NULL OR at >= :from)
				  AND (CAST(:to AS timestamptz) IS NULL OR at < :to)
				ORDER BY id DESC
				LIMIT :first""")
			.param("before", beforeId)
			.param("username", f.actorUsername())
			.param("petition",
					(f.petitionId() != null) ? Ids.reference(f.petitionId(), "Petition", "诉求编号 (petitionId)") : null)
			.param("action", f.action())
			.param("from", f.from())
			.param("to", f.to())
			.param("first", first)
			.query((rs, row) -> new AuditRecord(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class),
					(Long) rs.getObject("actor_id"), rs.getString("actor_username"), rs.getString("action"),
					(Long) rs.getObject("petition_id"), (Long) rs.getObject("person_id"), rs.getString("detail")))
			.list();
	}

	static Long parseId(String id) {
		if (id == null) {
			return null;
		}
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw new TiexinException(ErrorCode.VALIDATION, "编号无效 (invalid id): " + id);
		}
	}

	/** One request's read of one field of some petitions. */
	private record Reads(OffsetDateTime at, long actorId, String actorUsername, String field, List<Long> petitionIds) {
	}

}
