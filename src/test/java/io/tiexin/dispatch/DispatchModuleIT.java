package io.tiexin.dispatch;

import java.time.OffsetDateTime;
import java.util.Optional;

import io.tiexin.PostgisContainerConfiguration;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.grid.AreaFixtures.FreshCounty;
import io.tiexin.people.PeopleFixtures;
import io.tiexin.people.Person;
import io.tiexin.petition.HandlingLevel;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionFixtures;
import io.tiexin.petition.PetitionQueries;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.petition.PetitionSubmitted;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatch module on its own (with the modules it builds on: petition, people, grid
 * and what they need; no web security, no analytics, no map) over a PostGIS of its own
 * holding only what each test creates: a {@link PetitionSubmitted} event in, an
 * assignment (or a place in a dispatch queue) out.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, extraIncludes = { "geo", "shared" })
// Spring Boot switches introspection off for the whole JVM (graphql-java's
// Introspection.enabledJvmWide) when a context disables it, and never back on: this
// context must not take it from the demo contexts that share the JVM (GraphiQL in
// MapPageIT).
@TestPropertySource(properties = "spring.graphql.schema.introspection.enabled=true")
@Import({ PostgisContainerConfiguration.class, AreaFixtures.class, PeopleFixtures.class, PetitionFixtures.class })
class DispatchModuleIT {

	@Autowired
	AreaFixtures areas;

	@Autowired
	PeopleFixtures people;

	@Autowired
	PetitionFixtures petitions;

	@Autowired
	PetitionQueries queries;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSubmittedPetitionGoesToTheGridMemberOfItsCellWithTheLiaisonInTheLoop(Scenario scenario) {
		FreshCounty county = this.areas.freshCounty();
		Person member = this.people.gridMember(county.cell(0));
		this.people.gridMember(county.cell(1));
		this.people.cadre(county.village());
		Person liaison = this.people.liaison(county.village());
		Person citizen = this.people.citizen(county.cell(0));
		PetitionSubmitted submitted = this.petitions.awaitingDispatch(county.cell(0), citizen.id(),
				OffsetDateTime.now());

		scenario.publish(submitted)
			.andWaitForStateChange(() -> inStatus(submitted, PetitionStatus.ASSIGNED))
			.andVerify(assigned -> {
				Petition petition = assigned.orElseThrow();
				assertThat(petition.assigneeId()).isEqualTo(member.id());
				assertThat(petition.liaisonId()).isEqualTo(liaison.id());
				assertThat(petition.level()).isEqualTo(HandlingLevel.VILLAGE);
				assertThat(petition.dueAt()).isAfter(petition.submittedAt());
			});
		assertThat(timeline(submitted)).containsExactly("SUBMITTED", "ASSIGNED");
	}

	@Test
	void withNobodyInTheVillageThePetitionWaitsInTheTownshipQueue(Scenario scenario) {
		FreshCounty county = this.areas.freshCounty();
		this.people.officer(county.township());
		Person citizen = this.people.citizen(county.cell(1));
		PetitionSubmitted submitted = this.petitions.awaitingDispatch(county.cell(1), citizen.id(),
				OffsetDateTime.now());

		scenario.publish(submitted)
			.andWaitForStateChange(() -> timeline(submitted).contains("QUEUED")
					? this.queries.find(submitted.petitionId()) : Optional.<Petition>empty())
			.andVerify(queued -> {
				Petition petition = queued.orElseThrow();
				assertThat(petition.status()).isEqualTo(PetitionStatus.SUBMITTED);
				assertThat(petition.assigneeId()).isNull();
				assertThat(petition.level()).isEqualTo(HandlingLevel.TOWNSHIP);
			});
	}

	private Optional<Petition> inStatus(PetitionSubmitted submitted, PetitionStatus status) {
		return this.queries.find(submitted.petitionId()).filter(petition -> petition.status() == status);
	}

	private java.util.List<String> timeline(PetitionSubmitted submitted) {
		return this.jdbc.sql("SELECT type FROM petition_event WHERE petition_id = ? ORDER BY id")
			.param(submitted.petitionId())
			.query(String.class)
			.list();
	}

}
