package io.tiexin.shared;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Documents too deep or too large are refused before any resolver runs. */
@TiexinIntegrationTest
class QueryLimitsIT {

	@Autowired
	GraphQlClient client;

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
