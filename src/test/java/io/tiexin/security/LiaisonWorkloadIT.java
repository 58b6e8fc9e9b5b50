package io.tiexin.security;

import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.AreaCatalog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The liaison board is public (name, phone, duties), a liaison's workload is not: their
 * {@code openCases} is 0 for anonymous callers and planners, on the board and through the
 * board's area, as for every other member of staff; signed-in staff see the real count.
 */
@TiexinIntegrationTest
class LiaisonWorkloadIT {

	static final String CELL = "360322101217006";

	static final String VILLAGE = "360322101217";

	@Autowired
	GraphQlClient client;

	@Autowired
	AreaCatalog areas;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aLiaisonsOpenCasesAreNotOnThePublicBoard() {
		GraphQlClient.Petition petition = this.client.submitIn("citizen", this.areas.find(CELL).orElseThrow(),
				"STREET_LIGHT");
		String liaison = petition.liaisonName();
		assertThat(liaison).as("the case's liaison").isNotNull();
		// The liaison handles it themself (as a liaison may take a case of their village
		// on)
		this.jdbc
			.sql("UPDATE petition SET assignee_id = (SELECT id FROM person WHERE username = ?), status = 'ASSIGNED' "
					+ "WHERE id = ?")
			.params(liaison, GraphQlClient.number(petition.id()))
			.update();
		assertThat(this.client.openCases(liaison)).as("their open cases, as the county admin sees them").isPositive();

		// Through the board's area only the planner: an anonymous caller's budget does
		// not
		// reach Area.liaisons there (QUERY_TOO_COMPLEX), so it is the board's list alone
		List<Map<String, Object>> anonymousBoard = this.client.anonymous()
			.documentName("liaison/boardOpenCases")
			.variable("areaCode", VILLAGE)
			.execute()
			.path("liaisonBoard.liaisons[*].person")
			.entityList(MAP)
			.get();
		assertThat(anonymousBoard).isNotEmpty();
		assertThat(anonymousBoard).extracting(person -> person.get("openCases")).containsOnly(0);
		for (GraphQlTester tester : List.of(this.client.planner())) {
			List<Map<String, Object>> onBoard = tester.documentName("liaison/boardOpenCases")
				.variable("areaCode", VILLAGE)
				.execute()
				.path("liaisonBoard.liaisons[*].person")
				.entityList(MAP)
				.get();
			List<Map<String, Object>> ofArea = tester.documentName("liaison/boardAreaOpenCases")
				.variable("areaCode", VILLAGE)
				.execute()
				.path("liaisonBoard.area.liaisons")
				.entityList(MAP)
				.get();
			assertThat(onBoard).isNotEmpty();
			assertThat(ofArea).extracting(person -> person.get("username")).contains(liaison);
			assertThat(onBoard).extracting(person -> person.get("openCases")).containsOnly(0);
			assertThat(ofArea).extracting(person -> person.get("openCases")).containsOnly(0);
		}
		List<Map<String, Object>> seenByCadre = this.client.as("cadre-" + VILLAGE)
			.documentName("liaison/boardAreaOpenCases")
			.variable("areaCode", VILLAGE)
			.execute()
			.path("liaisonBoard.area.liaisons")
			.entityList(MAP)
			.get();
		assertThat(seenByCadre).filteredOn(person -> liaison.equals(person.get("username")))
			.extracting(person -> (Integer) person.get("openCases"))
			.singleElement()
			.satisfies(count -> assertThat(count).isPositive());
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
