package io.tiexin.petition;

import io.tiexin.geo.PostgisGeometries;
import io.tiexin.petition.intake.TrackingNumbers;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.sql.DataSource;

import org.locationtech.jts.geom.Point;
import org.postgresql.PGConnection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads a petition history that is already placed and already decided (a generated one:
 * the demo's year, a benchmark's seed) straight into the petition table with
 * {@code COPY}, plus one SUBMITTED timeline event per petition, in one transaction. It
 * bypasses intake and dispatch (no assignee, no liaison), which is the point: a year of a
 * county loads in seconds. The rollup triggers fire on the COPY as on any insert. Files
 * from other systems go through {@link PetitionImport} instead, which checks and places
 * every record.
 */
@Service
public class PetitionHistoryImport {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	PetitionHistoryImport(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/**
	 * One petition of the history, as the petition table stores it; matched to its grid
	 * cell by containment.
	 *
	 * @param point WGS84
	 */
	public record HistoricalPetition(String title, String categoryCode, Channel channel, Urgency urgency,
			PetitionStatus status, HandlingLevel level, Point point, String gridCode, OffsetDateTime submittedAt,
			OffsetDateTime dueAt, OffsetDateTime closedAt, Satisfaction satisfaction, long submitterId) {
	}

	/** How many petitions the table holds, from any source. */
	public long count() {
		return this.jdbc.sql("SELECT count(*) FROM petition").query(Long.class).single();
	}

	/** Writes the petitions, in order, with fresh tracking numbers. */
	@Transactional
	public void load(List<HistoricalPetition> petitions) {
		if (petitions.isEmpty()) {
			return;
		}
		List<Long> sequence = this.jdbc.sql("SELECT nextval('petition_tracking_seq') FROM generate_series(1, ?)")
			.param(petitions.size())
			.query(Long.class)
			.list();
		StringBuilder csv = new StringBuilder(petitions.size() * 200);
		String[] trackingNumbers = new String[petitions.size()];
		for (int i = 0; i < petitions.size(); i++) {
			HistoricalPetition p = petitions.get(i);
			trackingNumbers[i] = TrackingNumbers.of(p.submittedAt(), sequence.get(i));
			csv.append(trackingNumbers[i])
				.append(',')
				.append(p.title())
				.append(',')
				.append(p.categoryCode())
				.append(',')
				.append(p.channel())
				.append(',')
				.append(p.urgency())
				.append(',')
				.append(p.status())
				.append(',')
				.append(p.level())
				.append(',')
				.append(PostgisGeometries.copyValue(p.point()))
				.append(',')
				.append(p.gridCode())
				.append(',')
				.append(p.gridCode())
				.append(',')
				.append("CONTAINS,0,")
				.append(p.submitterId())
				.append(',')
				.append(TIMESTAMP.format(p.submittedAt()))
				.append(',')
				.append(TIMESTAMP.format(p.dueAt()))
				.append(',')
				.append((p.closedAt() != null) ? TIMESTAMP.format(p.closedAt()) : "")
				.append(',')
				.append((p.satisfaction() != null) ? p.satisfaction().name() : "")
				.append('\n');
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("""
						COPY petition (tracking_number, title, category_code, channel, urgency, status, level, point, grid_code,
						    area_code, match_method, match_distance_m, submitter_id, submitted_at, due_at, closed_at, satisfaction)
						FROM STDIN WITH (FORMAT csv)""",
						new StringReader(csv.toString()));
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("Could not write the petition history: " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
		this.jdbc.sql("""
				INSERT INTO petition_event (petition_id, at, type, from_status, to_status, actor_id)
				SELECT id, submitted_at, 'SUBMITTED', NULL, 'SUBMITTED', submitter_id
				FROM petition WHERE tracking_number = ANY (?)
				ORDER BY id""").param(trackingNumbers).update();
	}

}
