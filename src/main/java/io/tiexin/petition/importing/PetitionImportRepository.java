package io.tiexin.petition.importing;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.tiexin.geo.PostgisGeometries;
import io.tiexin.petition.HandlingLevel;
import io.tiexin.petition.PetitionImport.Rejection;
import io.tiexin.petition.PetitionImportFormat;
import io.tiexin.petition.PetitionSubmitted;
import io.tiexin.petition.importing.PetitionImportValidator.ValidRecord;
import io.tiexin.petition.intake.PetitionPlacer.Placement;
import io.tiexin.petition.intake.TrackingNumbers;
import org.postgresql.PGConnection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * Every SQL statement of the bulk import ({@code PetitionImport}), and only those: the
 * staging table filled by {@code COPY}, the set-based move from it into {@code petition}
 * and {@code petition_event}, and the batches handed to dispatch. The rest of the
 * module's statements are in {@code internal/PetitionRepository}.
 */
@Repository
public class PetitionImportRepository {

	/**
	 * The staging table's columns, in the order of the CSV rows {@link #stage} copies in.
	 */
	private static final int STAGED_COLUMNS = 24;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	PetitionImportRepository(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/** A record that passed the checks, and where it was placed. */
	public record Staged(ValidRecord record, Placement placement) {
	}

	/** The transaction's staging table, dropped at its commit or rollback. */
	public void createStagingTable() {
		this.jdbc
			.sql("""
					CREATE TEMP TABLE petition_import (
					    line bigint, external_id text, tracking_number text, title text, description text,
					    category_code text, channel text, urgency text, status text, level text, point geometry(Point, 4326),
					    grid_code text, area_code text, match_method text, match_distance_m float8, address text,
					    contact_name text, contact_phone text, submitted_at timestamptz, due_at timestamptz,
					    closed_at timestamptz, satisfaction text, note text, known boolean
					) ON COMMIT DROP""")
			.update();
	}

	/**
	 * Writes the chunk's records into the staging table: those this source has not
	 * imported yet with tracking numbers, the others marked {@code known} (they still
	 * count when the file repeats an external id).
	 */
	public void stage(List<Staged> chunk, String source) {
		if (chunk.isEmpty()) {
			return;
		}
		Set<String> known = new HashSet<>(
				this.jdbc.sql("SELECT external_id FROM petition WHERE external_source = ? AND external_id = ANY (?)")
					.params(source, chunk.stream().map(p -> p.record().externalId()).toArray(String[]::new))
					.query(String.class)
					.list());
		long fresh = chunk.stream().filter(p -> !known.contains(p.record().externalId())).count();
		List<Long> sequence = (fresh == 0) ? List.of()
				: this.jdbc.sql("SELECT nextval('petition_tracking_seq') FROM generate_series(1, ?)")
					.param(fresh)
					.query(Long.class)
					.list();
		StringBuilder csv = new StringBuilder(chunk.size() * 300);
		String[] row = new String[STAGED_COLUMNS];
		int next = 0;
		for (Staged staged : chunk) {
			ValidRecord r = staged.record();
			Placement at = staged.placement();
			boolean isKnown = known.contains(r.externalId());
			row[0] = Long.toString(r.line());
			row[1] = r.externalId();
			row[2] = isKnown ? null : TrackingNumbers.of(r.submittedAt(), sequence.get(next++));
			row[3] = r.title();
			row[4] = r.description();
			row[5] = r.category().code();
			row[6] = r.channel().name();
			row[7] = r.urgency().name();
			row[8] = r.status().name();
			row[9] = r.level().name();
			row[10] = PostgisGeometries.copyValue(at.point());
			row[11] = at.gridCode();
			row[12] = at.areaCode();
			row[13] = at.method().name();
			row[14] = Double.toString(at.distanceMeters());
			row[15] = r.address();
			row[16] = r.contactName();
			row[17] = r.contactPhone();
			row[18] = r.submittedAt().toString();
			row[19] = (r.dueAt() != null) ? r.dueAt().toString() : null;
			row[20] = (r.closedAt() != null) ? r.closedAt().toString() : null;
			row[21] = (r.satisfaction() != null) ? r.satisfaction().name() : null;
			row[22] = "导入自 " + source + ",外部编号 " + r.externalId() + ",原状态 " + r.sourceStatus() + " (imported from "
					+ source + ", external id " + r.externalId() + ", status there " + r.sourceStatus() + "); "
					+ at.note();
			row[23] = Boolean.toString(isKnown);
			PetitionImportFormat.appendCsvLine(csv, row);
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY petition_import FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("Could not stage petitions: " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * Removes the staged lines that repeat an external id of an earlier line of the file,
	 * as rejections.
	 */
	public List<Rejection> removeRepeatedExternalIds() {
		return this.jdbc.sql("""
				DELETE FROM petition_import s
				USING (SELECT line, min(line) OVER (PARTITION BY external_id) AS first_line FROM petition_import) d
				WHERE s.line = d.line AND d.first_line <> d.line
				RETURNING s.line, s.external_id, d.first_line""")
			.query((rs, row) -> new Rejection(rs.getLong("line"),
					"external_id “" + rs.getString("external_id") + "”在文件中重复,首次出现在第 " + rs.getLong("first_line")
							+ " 行 (external_id repeats the one on line " + rs.getLong("first_line") + ")"))
			.list();
	}

	/** Staged records this source imported before ({@code known}), or not. */
	public long countStaged(boolean known) {
		return this.jdbc.sql("SELECT count(*) FROM petition_import WHERE known = ?")
			.param(known)
			.query(Long.class)
			.single();
	}

	/**
	 * The staged records not imported before become petitions, each with its IMPORTED
	 * timeline event; returns how many petitions were written.
	 */
	public long insertStaged(long submitterId, String source) {
		long loaded = this.jdbc
			.sql("""
					INSERT INTO petition (tracking_number, title, description, category_code, channel, urgency, status, level,
					    point, grid_code, area_code, match_method, match_distance_m, address, contact_name, contact_phone,
					    submitter_id, submitted_at, due_at, closed_at, satisfaction, external_source, external_id)
					SELECT tracking_number, title, description, category_code, channel, urgency, status, level,
					    point, grid_code, area_code, match_method, match_distance_m, address,
					    contact_name, contact_phone, :submitter, submitted_at, due_at, closed_at, satisfaction, :source,
					    external_id
					FROM petition_import WHERE NOT known ORDER BY line
					ON CONFLICT (external_source, external_id) DO NOTHING""")
			.param("submitter", submitterId)
			.param("source", source)
			.update();
		// Joined on the fresh tracking numbers: rows another import wrote first are not
		// ours.
		this.jdbc.sql("""
				INSERT INTO petition_event (petition_id, at, type, from_status, to_status, actor_id, note)
				SELECT p.id, s.submitted_at, 'IMPORTED', NULL, p.status, :submitter, s.note
				FROM petition_import s JOIN petition p ON p.tracking_number = s.tracking_number
				ORDER BY p.id""").param("submitter", submitterId).update();
		return loaded;
	}

	/** Fresh planner statistics for the petition table. */
	public void analyze() {
		this.jdbc.sql("ANALYZE petition").update();
	}

	/** The source's imported open cases nobody has routed yet. */
	public long countUndispatched(String source) {
		return this.jdbc.sql("""
				SELECT count(*) FROM petition
				WHERE external_source = ? AND status = 'SUBMITTED' AND assignee_id IS NULL AND due_at IS NULL""")
			.param(source)
			.query(Long.class)
			.single();
	}

	/**
	 * The next batch of them, locked until the transaction ends (rows another run holds
	 * are skipped), as submissions to announce.
	 */
	public List<PetitionSubmitted> lockUndispatched(String source, int limit) {
		return this.jdbc.sql("""
				SELECT id, area_code, grid_code, category_code, level FROM petition
				WHERE external_source = ? AND status = 'SUBMITTED' AND assignee_id IS NULL AND due_at IS NULL
				ORDER BY id LIMIT ?
				FOR UPDATE SKIP LOCKED""")
			.params(source, limit)
			.query((rs, row) -> new PetitionSubmitted(rs.getLong("id"), rs.getString("area_code"),
					rs.getString("grid_code"), rs.getString("category_code"),
					HandlingLevel.valueOf(rs.getString("level"))))
			.list();
	}

	/** How many of these petitions have an assignee. */
	public long countAssigned(Collection<Long> petitionIds) {
		return this.jdbc.sql("SELECT count(*) FROM petition WHERE id = ANY (?) AND assignee_id IS NOT NULL")
			.param(petitionIds.toArray(Long[]::new))
			.query(Long.class)
			.single();
	}

}
