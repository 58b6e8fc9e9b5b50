package io.tiexin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.tiexin.TiexinIntegrationTest;
import io.tiexin.demo.DemoHistoryGenerator.GeneratedPetition;
import io.tiexin.demo.DemoHistoryGenerator.History;
import io.tiexin.demo.DemoHistoryGenerator.Plan;
import io.tiexin.petition.PetitionStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo history reaches the database through the petition module's history import:
 * every generated petition once, as generated, each with its SUBMITTED event and a
 * tracking number of the petition module's form.
 */
@TiexinIntegrationTest
class DemoHistoryIT {

	/** 福田镇, and a quarter of 2019: no other test writes petitions there then. */
	private static final String TOWNSHIP = "360322104";

	@Autowired
	DemoHistoryLoader loader;

	@Autowired
	JdbcClient jdbc;

	@Test
	void loadsEveryGeneratedPetitionWithItsEvent() {
		OffsetDateTime asOf = OffsetDateTime.parse("2019-07-01T00:00:00+08:00");
		History history = this.loader.load(new Plan(TOWNSHIP, 400, LocalDate.of(2019, 4, 2), 90, asOf, 2019, 1));
		List<GeneratedPetition> generated = history.petitions();
		assertThat(generated).hasSize(400);
		String inHistory = """
				FROM petition p WHERE starts_with(p.area_code, :township)
				AND p.submitted_at >= '2019-04-01T16:00:00Z' AND p.submitted_at <= :asOf""";
		assertThat(this.jdbc.sql("SELECT count(*) " + inHistory)
			.param("township", TOWNSHIP)
			.param("asOf", asOf)
			.query(Long.class)
			.single()).isEqualTo(400);
		assertThat(this.jdbc.sql("SELECT count(*) " + inHistory + " " + """
				AND EXISTS (SELECT 1 FROM petition_event e
				            WHERE e.petition_id = p.id AND e.type = 'SUBMITTED' AND e.at = p.submitted_at)
				AND p.tracking_number ~ '^\\d{6}-\\d{6,}-\\d$'""")
			.param("township", TOWNSHIP)
			.param("asOf", asOf)
			.query(Long.class)
			.single()).isEqualTo(400);
		assertThat(
				this.jdbc.sql("SELECT count(*) " + inHistory + " AND p.status = 'CLOSED' AND p.closed_at IS NOT NULL")
					.param("township", TOWNSHIP)
					.param("asOf", asOf)
					.query(Long.class)
					.single())
			.isEqualTo(generated.stream().filter(p -> p.status() == PetitionStatus.CLOSED).count());
	}

}
