package io.tiexin.shared;

import io.tiexin.GraphQlClient;
import java.util.List;

import io.tiexin.StatementCounter;
import io.tiexin.TiexinIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Documents too deep or too large are refused before any resolver runs. */
@TiexinIntegrationTest
class QueryLimitsIT {

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Test
	void thePingPongQueryIsRefusedToAnAnonymousCallerBeforeAnyDatabaseWork() {
		long before = StatementCounter.countOnRequestThreads();
		// The review's ping-pong (limits/pingPong*): children of the county, their
		// parent,
		// its children... Each level multiplies the answer by ten (100,000 areas in 0.84
		// s
		// at five levels), while it counted a dozen fields.
		assertRefused("limits/pingPongThreeLevels", "too large");
		assertThat(StatementCounter.countOnRequestThreads()).as("statements sent for a refused query")
			.isEqualTo(before);
	}

	@Test
	void thePingPongQueryThroughNestedFragmentsIsRefusedAlike() {
		long before = StatementCounter.countOnRequestThreads();
		assertRefused("limits/pingPongThroughFragments", "too large");
		assertThat(StatementCounter.countOnRequestThreads()).as("statements sent for a refused query")
			.isEqualTo(before);
	}

	@Test
	void aSignedInCallerHasALargerButStillFiniteBudget() {
		HttpGraphQlTester admin = this.client.admin();
		admin.documentName("limits/childrenOfParentOfChildren")
			.execute()
			.path("area.children")
			.entityList(Object.class)
			.hasSize(10);
		admin.documentName("limits/pingPongSixLevels")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX")));
		// four emerging hot spot analyses (3.6 s each in the review) are too many for one
		// request
		admin.documentName("limits/fourEmergingHotspots")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX")));
	}

	@Test
	void medianStatisticsAreTooExpensiveForAnAnonymousCaller() {
		assertRefused("limits/medianHoursToClose", "too large");
	}

	@Test
	void theListEstimatesBoundTheCounty() {
		// The cost model's list sizes are the county's real fan-out: they must not be
		// below it.
		List<Long> children = this.jdbc.sql("""
				SELECT coalesce(max(c.n), 0) FROM area p
				LEFT JOIN (SELECT parent_code, count(*) AS n FROM area GROUP BY parent_code) c ON c.parent_code = p.code
				GROUP BY length(p.code) ORDER BY length(p.code)""").query(Long.class).list();
		assertThat(children).hasSize(4);
		for (int level = 0; level < 4; level++) {
			assertThat(QueryCostModel.CHILDREN[level]).as("children at level " + level)
				.isGreaterThanOrEqualTo(children.get(level));
		}
		List<Long> members = this.jdbc.sql("""
				SELECT max(n) FROM (SELECT a.code, count(DISTINCT d.person_id) AS n FROM area a
				JOIN person_duty_area d ON d.area_code LIKE a.code || '%'
				JOIN person p ON p.id = d.person_id AND 'GRID_MEMBER' = ANY (p.roles) GROUP BY a.code) x
				GROUP BY length(code) ORDER BY length(code)""").query(Long.class).list();
		for (int level = 0; level < 4; level++) {
			assertThat(QueryCostModel.GRID_MEMBERS[level]).as("grid members at level " + level)
				.isGreaterThanOrEqualTo(members.get(level));
		}
		List<Long> areas = this.jdbc.sql("SELECT count(*) FROM area GROUP BY length(code) ORDER BY length(code)")
			.query(Long.class)
			.list();
		List<Long> cells = this.jdbc.sql("""
				SELECT max(n) FROM (SELECT a.code, count(c.code) AS n FROM area a
				JOIN area c ON c.level = 'GRID' AND c.code LIKE a.code || '%' GROUP BY a.code) x
				GROUP BY length(code) ORDER BY length(code)""").query(Long.class).list();
		for (int level = 0; level < 4; level++) {
			assertThat(QueryCostModel.AREAS_AT[level]).as("areas at level " + level)
				.isGreaterThanOrEqualTo(areas.get(level));
			assertThat(QueryCostModel.CELLS_BELOW[level]).as("grid cells below level " + level)
				.isGreaterThanOrEqualTo(cells.get(level));
		}
		long liaisonsOfAVillage = this.jdbc.sql("""
				SELECT coalesce(max(n), 0) FROM (SELECT left(home_area_code, 12), count(*) AS n FROM person
				WHERE 'LIAISON' = ANY (roles) AND home_area_code IS NOT NULL GROUP BY 1) x""")
			.query(Long.class)
			.single();
		assertThat(QueryCostModel.LIAISONS[2]).isGreaterThanOrEqualTo(liaisonsOfAVillage);
		assertThat(QueryCostModel.CATEGORIES)
			.isGreaterThanOrEqualTo(this.jdbc.sql("SELECT count(*) FROM category").query(Long.class).single());
	}

	@Test
	void aDeeplyNestedQueryIsRefused() {
		assertRefused("limits/areaTwentyLevelsDeep", "too deep");
	}

	@Test
	void aliasesMultiplyingAnExpensiveFieldAreRefused() {
		assertRefused("limits/sixHundredCountyBoundaries", "too large");
	}

	@Test
	void aDocumentIsMeasuredAgainOnEveryRequestThoughItIsParsedOnce() {
		// The second and third requests find the document parsed and validated
		// (ParsedQueryCache):
		// the limits are checked at execution, so they refuse it all the same.
		for (int request = 0; request < 3; request++) {
			assertRefused("limits/areaNamesTwentyLevelsDeep", "too deep");
		}
	}

	/**
	 * The depth of a parsed document is kept between requests (QueryLimits.Depths), but
	 * not of one whose directives make its depth depend on the variables.
	 */
	@Test
	void aDocumentTooDeepOnlyWhenItsVariablesSaySoIsMeasuredWithEachRequestsVariables() {
		for (boolean deep : new boolean[] { false, true, false, true }) {
			GraphQlTester.Request<?> request = this.client.anonymous()
				.documentName("limits/areaTwentyParentsUpIfAsked")
				.variable("deep", deep);
			if (deep) {
				request.execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
					assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX");
					assertThat(error.getMessage()).contains("too deep");
				}));
			}
			else {
				request.execute().path("area.name").hasValue();
			}
		}
	}

	@Test
	void anOrdinaryDashboardQueryPasses() {
		this.client.anonymous()
			.documentName("limits/dashboard")
			.execute()
			.path("area.children")
			.entityList(Object.class)
			.hasSize(10);
	}

	private void assertRefused(String documentName, String reason) {
		this.client.anonymous()
			.documentName(documentName)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX");
				assertThat(error.getMessage()).contains(reason);
			}))
			.path("area")
			.pathDoesNotExist();
	}

}
