package io.tiexin.shared;

import io.tiexin.TiexinIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/** Documents too deep or too large are refused before any resolver runs. */
@TiexinIntegrationTest
class QueryLimitsIT {

	@Autowired
	HttpGraphQlTester graphQl;

	@Test
	void aDeeplyNestedQueryIsRefused() {
		String nested = "code";
		for (int level = 0; level < 20; level++) {
			nested = "code children { " + nested + " }";
		}
		assertRefused("{ area(code: \"360322\") { " + nested + " } }", "too deep");
	}

	@Test
	void aliasesMultiplyingAnExpensiveFieldAreRefused() {
		StringBuilder document = new StringBuilder("{");
		for (int i = 0; i < 600; i++) {
			document.append(" a").append(i).append(": area(code: \"360322\") { code name boundary }");
		}
		assertRefused(document.append(" }").toString(), "too large");
	}

	@Test
	void aDocumentIsMeasuredAgainOnEveryRequestThoughItIsParsedOnce() {
		// The second and third requests find the document parsed and validated
		// (ParsedQueryCache):
		// the limits are checked at execution, so they refuse it all the same.
		String nested = "code";
		for (int level = 0; level < 20; level++) {
			nested = "name children { " + nested + " }";
		}
		for (int request = 0; request < 3; request++) {
			assertRefused("{ area(code: \"360322\") { " + nested + " } }", "too deep");
		}
	}

	@Test
	void anOrdinaryDashboardQueryPasses() {
		this.graphQl.document("{ area(code: \"360322\") { name children { name children { name } } } }")
			.execute()
			.path("area.children")
			.entityList(Object.class)
			.hasSize(10);
	}

	private void assertRefused(String document, String reason) {
		this.graphQl.document(document)
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
