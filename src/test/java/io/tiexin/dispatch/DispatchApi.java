package io.tiexin.dispatch;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tiexin.grid.Area;
import io.tiexin.security.DevTokens;
import org.locationtech.jts.geom.Point;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Petition and dispatch operations over HTTP as named demo users, for the dispatch tests.
 *
 * @deprecated for tests written before {@link io.tiexin.GraphQlClient}, which does the
 * same with documents from {@code graphql-test/} and a typed
 * {@link io.tiexin.GraphQlClient.Petition}; kept only so that tests added in parallel
 * still compile. No test of this branch uses it.
 */
@Deprecated(forRemoval = true)
final class DispatchApi {

	static final String FIELDS = "id status level version returnCount supervised submittedAt dueAt overdue "
			+ "assignee { username } liaison { username } timeline { type fromStatus toStatus actor { username } note }";

	private final DevTokens tokens;

	private final JdbcClient jdbc;

	DispatchApi(DevTokens tokens, JdbcClient jdbc) {
		this.tokens = tokens;
		this.jdbc = jdbc;
	}

	GraphQlTester as(String username) {
		return this.tokens.as(username);
	}

	/** Submits a petition at the interior point of a cell. */
	Map<String, Object> submitIn(Area cell, String categoryCode, String urgency) {
		Point inside = cell.boundary().getInteriorPoint();
		return submit(String.format(Locale.ROOT,
				"{title: \"路灯不亮\", categoryCode: \"%s\", urgency: %s, channel: "
						+ "MINI_PROGRAM, location: {lon: %s, lat: %s}}",
				categoryCode, urgency, inside.getX(), inside.getY()));
	}

	Map<String, Object> submit(String input) {
		return as("citizen").document("mutation { submitPetition(input: " + input + ") { " + FIELDS + " } }")
			.execute()
			.path("submitPetition")
			.entity(MAP)
			.get();
	}

	Map<String, Object> petition(Object id) {
		return as("admin").document("{ petition(id: \"" + id + "\") { " + FIELDS + " } }")
			.execute()
			.path("petition")
			.entity(MAP)
			.get();
	}

	/**
	 * Runs {@code mutation { operation(id: .., arguments) }} and returns the petition's
	 * fields.
	 */
	Map<String, Object> perform(String username, String operation, Object id, String arguments) {
		return as(username).document(mutation(operation, id, arguments)).execute().path(operation).entity(MAP).get();
	}

	/** Runs the mutation expecting a refusal; returns the error's code. */
	String refusal(String username, String operation, Object id, String arguments) {
		return errorCode(as(username).document(mutation(operation, id, arguments)));
	}

	/**
	 * The ids of a connection-returning query (all of its first page of 100) as the user
	 * sees it.
	 */
	List<String> ids(String username, String query) {
		return as(username).document("{ list: " + query + " { edges { node { id } } } }")
			.execute()
			.path("list.edges[*].node.id")
			.entityList(String.class)
			.get();
	}

	/** The single error's code of a document expected to fail. */
	static String errorCode(GraphQlTester.Request<?> request) {
		List<ResponseError> errors = request.execute().returnResponse().getErrors();
		assertThat(errors).hasSize(1);
		return (String) errors.get(0).getExtensions().get("code");
	}

	long personId(String username) {
		return this.jdbc.sql("SELECT id FROM person WHERE username = ?").param(username).query(Long.class).single();
	}

	int openCases(String username) {
		return as("admin").document("{ person(id: \"" + personId(username) + "\") { openCases } }")
			.execute()
			.path("person.openCases")
			.entity(Integer.class)
			.get();
	}

	void setOnDuty(String username, boolean onDuty) {
		as("admin")
			.document("mutation { setOnDuty(personId: \"" + personId(username) + "\", onDuty: " + onDuty
					+ ") { onDuty } }")
			.execute()
			.path("setOnDuty.onDuty")
			.entity(Boolean.class)
			.isEqualTo(onDuty);
	}

	/** How many timeline events of the type the petition has, straight from the table. */
	long events(Object id, String type) {
		return this.jdbc.sql("SELECT count(*) FROM petition_event WHERE petition_id = ? AND type = ?")
			.params(Long.parseLong(id.toString()), type)
			.query(Long.class)
			.single();
	}

	static String username(Map<String, Object> petition, String person) {
		return (petition.get(person) != null) ? (String) ((Map<?, ?>) petition.get(person)).get("username") : null;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> timeline(Map<String, Object> petition) {
		return (List<Map<String, Object>>) petition.get("timeline");
	}

	static List<Object> types(Map<String, Object> petition) {
		return timeline(petition).stream().map(event -> event.get("type")).toList();
	}

	private static String mutation(String operation, Object id, String arguments) {
		return "mutation { " + operation + "(id: \"" + id + "\"" + (arguments.isEmpty() ? "" : ", " + arguments)
				+ ") { " + FIELDS + " } }";
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
