package io.tiexin.shared.web;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What a query over GET is passed on as, and what is refused, without a server. */
class GraphQlOverGetTest {

	final GraphQlOverGet get = new GraphQlOverGet(new ParsedQueryCache(), "/graphql");

	@Test
	void aQueryOverGetGoesOnAsTheJsonPostItStandsFor() throws Exception {
		MockHttpServletRequest get = new MockHttpServletRequest("GET", "/graphql");
		get.setParameter("query", "query Q($c: ID!) { area(code: $c) { name } }");
		get.setParameter("variables", "{\"c\":\"360322101\"}");
		assertThat(this.get.handles(get)).isTrue();
		HttpServletRequest passed = this.get.asPost(get, new MockHttpServletResponse());
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
		assertThat(this.get.asPost(get, response)).isNull();
		assertThat(response.getStatus()).isEqualTo(405);
		assertThat(response.getHeader("Allow")).isEqualTo("POST");
	}

	@Test
	void variablesThatAreNoJsonObjectAreABadRequest() throws Exception {
		MockHttpServletRequest get = new MockHttpServletRequest("GET", "/graphql");
		get.setParameter("query", "{ __typename }");
		get.setParameter("variables", "[1]");
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.get.asPost(get, response)).isNull();
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("VALIDATION");
	}

	@Test
	void aGetWithoutQueryOrExtensionsIsLeftAlone() throws Exception {
		assertThat(this.get.handles(new MockHttpServletRequest("GET", "/graphql"))).isFalse();
		MockHttpServletRequest handshake = new MockHttpServletRequest("GET", "/graphql");
		handshake.setParameter("query", "{ __typename }");
		handshake.addHeader("Upgrade", "websocket");
		assertThat(this.get.handles(handshake)).isFalse();
	}

}
