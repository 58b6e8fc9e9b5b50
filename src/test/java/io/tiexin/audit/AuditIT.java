package io.tiexin.audit;

import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.AreaCatalog;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail over HTTP: reads of personal data and changes recorded, append-only,
 * admin only.
 */
@TiexinIntegrationTest
class AuditIT {

	@Autowired
	GraphQlClient client;

	static final String CELL = "360322101217006";

	@Autowired
	AreaCatalog areas;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void whoReadPersonalDataAndWhoChangedWhatIsRecordedForTheCountyAdmin() {
		Point inside = this.areas.find(CELL).orElseThrow().boundary().getInteriorPoint();
		String petitionId = this.client.citizen()
			.documentName("audit/submitWithContactPhone")
			.variable("input",
					Map.of("title", "审计", "categoryCode", "STREET_LIGHT", "channel", "MINI_PROGRAM", "location",
							Map.of("lon", inside.getX(), "lat", inside.getY()), "contactPhone", "13800001111"))
			.execute()
			.path("submitPetition.id")
			.entity(String.class)
			.get();
		this.client.as("cadre-360322101217")
			.documentName("audit/contactPhone")
			.variable("id", petitionId)
			.execute()
			.path("petition.contactPhone")
			.entity(String.class)
			.isEqualTo("13800001111");
		this.client.as("gm-360322101217007")
			.documentName("audit/contactPhone")
			.variable("id", petitionId)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")));

		List<Map<String, Object>> trail = trailOf(petitionId);
		assertThat(trail).extracting(entry -> entry.get("action") + " " + entry.get("actorUsername"))
			.contains("PETITION_SUBMITTED citizen", "READ_PERSONAL_DATA cadre-360322101217")
			.noneMatch(entry -> entry.contains("gm-360322101217007"));
		assertThat(trail).filteredOn(entry -> "READ_PERSONAL_DATA".equals(entry.get("action")))
			.extracting(entry -> entry.get("detail"))
			.containsOnly("contactPhone");
		assertThat(trail).extracting(entry -> entry.get("action")).contains("PETITION_ASSIGNED");
	}

	@Test
	void puttingSomeoneOnOrOffDutyIsRecorded() {
		long id = this.jdbc.sql("SELECT id FROM person WHERE username = 'gm-360322101217005'")
			.query(Long.class)
			.single();
		this.client.as("cadre-360322101217")
			.documentName("people/setOnDuty")
			.variable("personId", Long.toString(id))
			.variable("onDuty", true)
			.execute()
			.path("setOnDuty.onDuty")
			.entity(Boolean.class)
			.isEqualTo(true);
		GraphQlResponse response = this.client.admin()
			.documentName("audit/auditLog")
			.variable("filter", Map.of("action", "SET_ON_DUTY", "actorUsername", "cadre-360322101217"))
			.variable("first", 5)
			.execute()
			.returnResponse();
		List<Map<String, Object>> entries = response.field("auditLog.entries").getValue();
		assertThat(entries).isNotEmpty();
		assertThat(entries.get(0)).containsEntry("personId", Long.toString(id)).containsEntry("detail", "onDuty=true");
	}

	@Test
	void onlyTheCountyAdminReadsTheTrail() {
		for (String username : List.of("planner", "officer-360322101", "cadre-360322101217", "citizen")) {
			this.client.as(username)
				.documentName("audit/auditLogIds")
				.execute()
				.errors()
				.satisfy(errors -> assertThat(errors).as(username)
					.singleElement()
					.satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")));
		}
		this.client.admin()
			.documentName("audit/auditLogIds")
			.variable("first", 501)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "VALIDATION")));
	}

	/**
	 * The service's own connection (the app's DataSource) may append to the trail and
	 * read it, and nothing else: it does not own the table, so it can neither change rows
	 * nor switch the append-only triggers off (docs/security.md, the two roles). Each
	 * attempt runs in a transaction rolled back afterwards, so that none could outlive
	 * the test.
	 */
	@Test
	void theServiceItselfCannotChangeTheTrailNorSwitchItsTriggersOff() {
		this.jdbc.sql("INSERT INTO audit_log (actor_username, action, detail) VALUES ('test', 'TEST', 'kept')")
			.update();
		for (String statement : List.of("ALTER TABLE audit_log DISABLE TRIGGER ALL",
				"ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete",
				"UPDATE audit_log SET detail = 'changed' WHERE action = 'TEST'",
				"DELETE FROM audit_log WHERE action = 'TEST'", "TRUNCATE audit_log", "DROP TABLE audit_log",
				"ALTER TABLE audit_log OWNER TO CURRENT_USER")) {
			assertThatThrownBy(() -> this.transactions.executeWithoutResult(status -> {
				status.setRollbackOnly();
				this.jdbc.sql(statement).update();
			})).as(statement).isInstanceOf(DataAccessException.class);
		}
		assertThat(this.jdbc.sql("SELECT detail FROM audit_log WHERE action = 'TEST'").query(String.class).list())
			.containsExactly("kept");
		assertThat(this.jdbc.sql("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log'")
			.query(String.class)
			.single()).isNotEqualTo(this.jdbc.sql("SELECT current_user").query(String.class).single());
	}

	private List<Map<String, Object>> trailOf(String petitionId) {
		GraphQlResponse response = this.client.admin()
			.documentName("audit/trail")
			.variable("filter", Map.of("petitionId", petitionId))
			.execute()
			.returnResponse();
		assertThat(response.getErrors()).isEmpty();
		return response.field("auditLog.entries").getValue();
	}

}
