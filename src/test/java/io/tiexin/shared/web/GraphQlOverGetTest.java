package io.tiexin.shared.web;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What the GET filter hands on, and what it refuses, without a server. */
class GraphQlOverGetTest {

	final GraphQlOverGet filter = new GraphQlOverGet(new ParsedQueryCache(), "/graphql");

	@Test
	void aQueryOverGetGoesOnAsTheJsonPostItStandsFor() throws Exception {
		MockHttpServletRequest get = new MockHttpServletRequest("GET", "/graphql");
		get.setParameter("query", "query Q($c: ID!) { area(code: $c) { name } }");
		get.setParameter("variables", "{\"c\":\"360322101\"}");
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(get, new MockHttpServletResponse(), chain);

		HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
		assertThat(passed.getMethod()).isEqualTo("POST");
		assertThat(passed.getContentType()).isEqualTo("application/json");
		assertThat(new String(passed.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(
				"{\"query\":\"query Q($c: ID!) { area(code: $c) { name } }\",\"variables\":{\"c\":\"360322101\"}}");
	}

	@Test
	void aMutationOverGetIsMethodNotAllowed() throws Exception {
		MockHttpServletRequest get = new MockHttpServletRequest("GET", "/graphql");
		get.setParameter("query", "mutation { __typename }");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(get, response, chain);
		assertThat(response.getStatus()).isEqualTo(405);
		assertThat(response.getHeader("Allow")).isEqualTo("POST");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void variablesThatAreNoJsonObjectAreABadRequest() throws Exception {
		MockHttpServletRequest get = new MockHttpServletRequest("GET", "/graphql");
		get.setParameter("query", "{ __typename }");
		get.setParameter("variables", "[1]");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(get, response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("VALIDATION");
	}

	@Test
	void aGetWithoutQueryOrExtensionsIsLeftAlone() throws Exception {
		MockHttpServletRequest get = new MockHttpServletRequest("GET", "/graphql");
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(get, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(get);
	}

}
