package io.tiexin.analytics;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import io.tiexin.analytics.DemoHistoryGenerator.GeneratedPetition;
import io.tiexin.analytics.DemoHistoryGenerator.History;
import io.tiexin.analytics.DemoHistoryGenerator.Plan;
import io.tiexin.grid.Area;
import io.tiexin.geo.PostgisGeometries;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.petition.PetitionImport;
import io.tiexin.grid.AreaLevel;
import org.postgresql.PGConnection;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a generated history straight into the petition table with COPY, plus one
 * SUBMITTED timeline event per petition, in one transaction. A data-loading tool for
 * demos, benchmarks and tests: it bypasses intake and dispatch (no assignee, no liaison),
 * which is the point: a year of a county loads in seconds. The rollup triggers fire on
 * the COPY as on any insert.
 */
@Component
class DemoHistoryLoader {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	private static final DateTimeFormatter TRACKING_DATE = DateTimeFormatter.ofPattern("yyMMdd");

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final AreaCatalog catalog;

	private final AnalyticsRepository repository;

	private final CategoryCatalog categories;

	DemoHistoryLoader(JdbcClient jdbc, DataSource dataSource, AreaCatalog catalog, AnalyticsRepository repository,
			CategoryCatalog categories) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.catalog = catalog;
		this.repository = repository;
		this.categories = categories;
	}

	/**
	 * Generates the plan's history for the grid cells below its root area and writes it.
	 */
	@Transactional
	History load(Plan plan) {
		List<Area> cells = this.catalog.list(AreaLevel.GRID, null, null)
			.stream()
			.filter(cell -> cell.isWithin(plan.rootAreaCode()))
			.toList();
		List<Long> citizens = this.jdbc
			.sql("SELECT id FROM person WHERE 'CITIZEN' = ANY (roles) AND username <> ? ORDER BY id")
			.param(PetitionImport.SUBMITTER_USERNAME)
			.query(Long.class)
			.list();
		History history = new DemoHistoryGenerator(plan, cells, this.categories.all(), citizens,
				this.catalog.gridIndex())
			.generate();
		write(history.petitions());
		return history;
	}

	private void write(List<GeneratedPetition> petitions) {
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
			GeneratedPetition p = petitions.get(i);
			trackingNumbers[i] = trackingNumber(p, sequence.get(i));
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
			throw new IllegalStateException("Could not write the demo history: " + ex.getMessage(), ex);
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

	/**
	 * As the petition module writes them: date, sequence number, Luhn check digit
	 * ({@code 240312-000427-3}).
	 */
	static String trackingNumber(GeneratedPetition petition, long sequence) {
		String digits = TRACKING_DATE.format(petition.submittedAt()) + String.format(Locale.ROOT, "%06d", sequence);
		return digits.substring(0, 6) + "-" + digits.substring(6) + "-" + luhnCheckDigit(digits);
	}

	private static int luhnCheckDigit(String digits) {
		int sum = 0;
		boolean doubled = true;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int digit = digits.charAt(i) - '0';
			if (doubled) {
				digit = (digit * 2 > 9) ? digit * 2 - 9 : digit * 2;
			}
			sum += digit;
			doubled = !doubled;
		}
		return (10 - sum % 10) % 10;
	}

}
