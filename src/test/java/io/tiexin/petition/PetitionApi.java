package io.tiexin.petition;

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
 * Petition operations over HTTP as named demo users, for the petition tests.
 *
 * @deprecated for tests written before {@link io.tiexin.GraphQlClient}, which does the
 * same with documents from {@code graphql-test/} and a typed
 * {@link io.tiexin.GraphQlClient.Petition}; kept only so that tests added in parallel
 * still compile. No test of this branch uses it.
 */
@Deprecated(forRemoval = true)
final class PetitionApi {

	static final String FIELDS = "id trackingNumber status level version returnCount supervised dueAt "
			+ "assignee { username } liaison { username } grid { code } location { method distanceMeters grid { code } } "
			+ "timeline { type fromStatus toStatus actor { username } note }";

	private final DevTokens tokens;

	private final JdbcClient jdbc;

	PetitionApi(DevTokens tokens, JdbcClient jdbc) {
		this.tokens = tokens;
		this.jdbc = jdbc;
	}

	GraphQlTester as(String username) {
		return this.tokens.as(username);
	}

	/**
	 * Submits a petition at the interior point of a cell; returns the petition's fields.
	 */
	Map<String, Object> submitIn(String username, Area cell, String categoryCode) {
		Point inside = cell.boundary().getInteriorPoint();
		return submit(username,
				String.format(Locale.ROOT,
						"{title: \"路灯不亮\", categoryCode: \"%s\", channel: MINI_PROGRAM, location: {lon: %s, lat: %s}}",
						categoryCode, inside.getX(), inside.getY()));
	}

	Map<String, Object> submit(String username, String input) {
		return as(username).document("mutation { submitPetition(input: " + input + ") { " + FIELDS + " } }")
			.execute()
			.path("submitPetition")
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
		List<ResponseError> errors = as(username).document(mutation(operation, id, arguments))
			.execute()
			.returnResponse()
			.getErrors();
		assertThat(errors).as("errors of " + operation).hasSize(1);
		return (String) errors.get(0).getExtensions().get("code");
	}

	/** Puts a person on or off duty, as the county administrator does. */
	void setOnDuty(String username, boolean onDuty) {
		long id = this.jdbc.sql("SELECT id FROM person WHERE username = ?").param(username).query(Long.class).single();
		as("admin").document("mutation { setOnDuty(personId: \"" + id + "\", onDuty: " + onDuty + ") { onDuty } }")
			.execute()
			.path("setOnDuty.onDuty")
			.entity(Boolean.class)
			.isEqualTo(onDuty);
	}

	/**
	 * Everything stored about a petition, hashed: equal before and after means nothing
	 * changed.
	 */
	String fingerprint(Object id) {
		return this.jdbc.sql("""
				SELECT md5(p::text || coalesce((SELECT string_agg(e::text, ',' ORDER BY e.id) FROM petition_event e
				                                WHERE e.petition_id = p.id), ''))
				FROM petition p WHERE p.id = ?""").param(Long.parseLong(id.toString())).query(String.class).single();
	}

	private static String mutation(String operation, Object id, String arguments) {
		return "mutation { " + operation + "(id: \"" + id + "\"" + (arguments.isEmpty() ? "" : ", " + arguments)
				+ ") { " + FIELDS + " } }";
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
