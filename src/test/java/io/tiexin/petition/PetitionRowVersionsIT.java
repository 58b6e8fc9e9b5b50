package io.tiexin.petition;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.GraphQlClient.Petition;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.grid.AreaFixtures.FreshCounty;
import io.tiexin.people.PeopleFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change of a petition writes one row version: its state and its {@code updated_at}
 * (the time of the timeline event that records the change) in the same UPDATE. Before V29
 * the event's insert then brought {@code updated_at} forward in a second UPDATE of the
 * same row, which wrote every one of the petition's indexes again and ran its five
 * trigger families once more. A row trigger of the test's own logs every UPDATE of the
 * petitions of this class's county.
 */
@TiexinIntegrationTest
class PetitionRowVersionsIT {

	private static FreshCounty county;

	private static String member;

	private static String submitter;

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaCatalog areas;

	@Autowired
	AreaFixtures areaFixtures;

	@Autowired
	PeopleFixtures people;

	@Autowired
	Flyway flyway;

	@BeforeEach
	void ownCountyAndLoggedUpdates() {
		synchronized (PetitionRowVersionsIT.class) {
			if (county == null) {
				FreshCounty fresh = this.areaFixtures.freshCounty();
				member = this.people.gridMember(fresh.cell(0)).username();
				submitter = this.people.citizen(fresh.cell(0)).username();
				county = fresh;
			}
		}
		// County codes are six digits: safe to write into the DDL.
		asOwner("CREATE TABLE IF NOT EXISTS row_versions_it_update (petition_id bigint, status text, updated_at timestamptz)",
				"GRANT SELECT ON row_versions_it_update TO PUBLIC",
				"""
						CREATE OR REPLACE FUNCTION row_versions_it_log() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
						BEGIN
						    INSERT INTO row_versions_it_update VALUES (NEW.id, NEW.status, NEW.updated_at);
						    RETURN NULL;
						END $$""",
				"DROP TRIGGER IF EXISTS row_versions_it_log ON petition", """
						CREATE TRIGGER row_versions_it_log AFTER UPDATE ON petition FOR EACH ROW
						    WHEN (NEW.area_code LIKE '%s%%') EXECUTE FUNCTION row_versions_it_log()"""
					.formatted(county.code()));
	}

	@AfterEach
	void dropTheLoggingTrigger() {
		asOwner("DROP TRIGGER IF EXISTS row_versions_it_log ON petition");
	}

	@Test
	void aSubmissionAndEachTransitionWriteThePetitionOnceWithTheTimeOfTheirEvent() {
		Petition submitted = this.client.submitIn(submitter, cell(), "STREET_LIGHT");
		long id = GraphQlClient.number(submitted.id());

		// Inserted as SUBMITTED, then dispatched: one UPDATE, at the ASSIGNED event's
		// time.
		assertThat(updates(id)).containsExactly(new Update("ASSIGNED", eventTime(id, "ASSIGNED")));

		this.client.perform(member, "acceptPetition", submitted.id(), Map.of());

		assertThat(updates(id)).containsExactly(new Update("ASSIGNED", eventTime(id, "ASSIGNED")),
				new Update("ACCEPTED", eventTime(id, "ACCEPTED")));
		assertThat(this.jdbc.sql("SELECT updated_at FROM petition WHERE id = ?")
			.param(id)
			.query(OffsetDateTime.class)
			.single()).isEqualTo(eventTime(id, "ACCEPTED"));
	}

	private List<Update> updates(long id) {
		return this.jdbc.sql("SELECT status, updated_at FROM row_versions_it_update WHERE petition_id = ?")
			.param(id)
			.query((rs, row) -> new Update(rs.getString("status"), rs.getObject("updated_at", OffsetDateTime.class)))
			.list();
	}

	private OffsetDateTime eventTime(long id, String type) {
		return this.jdbc.sql("SELECT at FROM petition_event WHERE petition_id = ? AND type = ?")
			.params(id, type)
			.query(OffsetDateTime.class)
			.single();
	}

	private Area cell() {
		return this.areas.find(county.cell(0)).orElseThrow();
	}

	/**
	 * DDL the service's role may not run: as the tables' owner, who runs the migrations.
	 */
	private void asOwner(String... statements) {
		JdbcClient owner = JdbcClient.create(this.flyway.getConfiguration().getDataSource());
		for (String statement : statements) {
			owner.sql(statement).update();
		}
	}

	record Update(String status, OffsetDateTime at) {
	}

}
