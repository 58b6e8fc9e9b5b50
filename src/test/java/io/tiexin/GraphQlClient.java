package io.tiexin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.grid.Area;
import io.tiexin.petition.PetitionFixtures;
import io.tiexin.security.DevTokens;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one GraphQL client of the integration tests: real HTTP, real tokens, documents from
 * {@code src/test/resources/graphql-test/} by name (e.g.
 * {@code client.as("admin").documentName("security/me")}), values passed as variables,
 * and the petition operations most tests need, answered as a typed {@link Petition}.
 *
 * <pre>
 * &#64;Autowired GraphQlClient client;
 * client.citizen().documentName("security/me").execute().path("me.name")...
 * Petition petition = client.submitIn("citizen", cell, "STREET_LIGHT");
 * client.perform(MEMBER, "acceptPetition", petition.id(), Map.of());
 * </pre>
 */
@TestComponent
public class GraphQlClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PETITION_FIELDS = "petition/petitionFields";

	private final DevTokens tokens;

	private final ObjectProvider<HttpGraphQlTester> anonymous;

	private final JdbcClient jdbc;

	GraphQlClient(DevTokens tokens, ObjectProvider<HttpGraphQlTester> anonymous, JdbcClient jdbc) {
		this.tokens = tokens;
		this.anonymous = anonymous;
		this.jdbc = jdbc;
	}

	// ---------------------------------------------------------------------------------
	// Signed in, one tester per role. Each call signs in afresh: tests move the
	// service's clock, and a token is checked against it.
	// ---------------------------------------------------------------------------------

	/**
	 * The database number of a GraphQL id: a Node's global id ({@code Petition:42}) or a
	 * bare number ({@code 42}), for comparing with rows and with the service's own
	 * values.
	 */
	public static long number(String id) {
		return Long.parseLong(id.substring(id.indexOf(':') + 1));
	}

	/** A tester whose every request is signed in as this demo account. */
	public HttpGraphQlTester as(String username) {
		return this.tokens.as(username);
	}

	/** A tester that sends this token, valid or not. */
	public HttpGraphQlTester withToken(String token) {
		return this.tokens.withToken(token);
	}

	/** A tester that sends no token. */
	public HttpGraphQlTester anonymous() {
		return this.anonymous.getObject();
	}

	/** The county administrator. */
	public HttpGraphQlTester admin() {
		return as("admin");
	}

	/** A household representative of 泉塘村六组. */
	public HttpGraphQlTester citizen() {
		return as("citizen");
	}

	/** The county's planner: statistics, no personal data. */
	public HttpGraphQlTester planner() {
		return as("planner");
	}

	/**
	 * The text of {@code graphql-test/<name>.graphql}, for the few tests that must send a
	 * document over raw HTTP (another instance, a hand-written request body).
	 */
	public static String documentText(String name) {
		try {
			return new ClassPathResource("graphql-test/" + name + ".graphql")
				.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A GraphQL-over-HTTP request body ({@code query} and {@code variables}) for the
	 * document {@code graphql-test/<name>.graphql}.
	 */
	public static String requestBody(String name, Map<String, Object> variables) {
		return JSON.writeValueAsString(Map.of("query", documentText(name), "variables", variables));
	}

	/** The code of the single error of a request expected to fail. */
	public static String errorCode(GraphQlTester.Request<?> request) {
		List<ResponseError> errors = request.execute().returnResponse().getErrors();
		assertThat(errors).hasSize(1);
		return (String) errors.get(0).getExtensions().get("code");
	}

	// ---------------------------------------------------------------------------------
	// Petitions
	// ---------------------------------------------------------------------------------

	/**
	 * Submits a petition titled 路灯不亮 from the mini program at the interior point of a
	 * cell, with the category's default urgency.
	 */
	public Petition submitIn(String username, Area cell, String categoryCode) {
		return submit(username, inputIn(cell, categoryCode));
	}

	/** Submits a petition at the interior point of a cell with this urgency. */
	public Petition submitIn(String username, Area cell, String categoryCode, String urgency) {
		Map<String, Object> input = inputIn(cell, categoryCode);
		input.put("urgency", urgency);
		return submit(username, input);
	}

	/** Submits a petition; {@code input} is a {@code SubmitPetitionInput}. */
	public Petition submit(String username, Map<String, Object> input) {
		return as(username).documentName("petition/submitPetition")
			.fragmentName(PETITION_FIELDS)
			.variable("input", input)
			.execute()
			.path("submitPetition")
			.entity(Petition.class)
			.get();
	}

	/** A petition as the county administrator sees it. */
	public Petition petition(Object id) {
		return petition("admin", id);
	}

	/** A petition as this user sees it. */
	public Petition petition(String username, Object id) {
		return as(username).documentName("petition/petition")
			.fragmentName(PETITION_FIELDS)
			.variable("id", id.toString())
			.execute()
			.path("petition")
			.entity(Petition.class)
			.get();
	}

	/**
	 * Runs the petition mutation of this name ({@code graphql-test/petition/<operation>})
	 * on the petition with these further arguments; returns the petition.
	 */
	public Petition perform(String username, String operation, Object id, Map<String, Object> arguments) {
		return operation(username, operation, id, arguments).execute().path(operation).entity(Petition.class).get();
	}

	/** Runs the petition mutation expecting a refusal; returns the error's code. */
	public String refusal(String username, String operation, Object id, Map<String, Object> arguments) {
		List<ResponseError> errors = operation(username, operation, id, arguments).execute()
			.returnResponse()
			.getErrors();
		assertThat(errors).as("errors of " + operation).hasSize(1);
		return (String) errors.get(0).getExtensions().get("code");
	}

	/**
	 * The ids of the first page (of 100) of a petition list as the user sees it: the
	 * document {@code graphql-test/<list>} answers it under the alias {@code list}.
	 */
	public List<String> ids(String username, String list, Map<String, Object> variables) {
		return as(username).documentName(list)
			.variables(variables)
			.execute()
			.path("list.edges[*].node.id")
			.entityList(String.class)
			.get();
	}

	/**
	 * Everything stored about a petition, hashed: equal before and after means nothing
	 * changed.
	 */
	public String fingerprint(Object id) {
		return this.jdbc.sql("""
				SELECT md5(p::text || coalesce((SELECT string_agg(e::text, ',' ORDER BY e.id) FROM petition_event e
				                                WHERE e.petition_id = p.id), ''))
				FROM petition p WHERE p.id = ?""").param(number(id.toString())).query(String.class).single();
	}

	/** How many timeline events of the type the petition has, straight from the table. */
	public long events(Object id, String type) {
		return this.jdbc.sql("SELECT count(*) FROM petition_event WHERE petition_id = ? AND type = ?")
			.params(number(id.toString()), type)
			.query(Long.class)
			.single();
	}

	// ---------------------------------------------------------------------------------
	// People
	// ---------------------------------------------------------------------------------

	public long personId(String username) {
		return this.jdbc.sql("SELECT id FROM person WHERE username = ?").param(username).query(Long.class).single();
	}

	/** The person's open cases, as the county administrator sees them. */
	public int openCases(String username) {
		return admin().documentName("people/openCases")
			.variable("id", personId(username))
			.execute()
			.path("person.openCases")
			.entity(Integer.class)
			.get();
	}

	/** Puts a person on or off duty, as the county administrator does. */
	public void setOnDuty(String username, boolean onDuty) {
		admin().documentName("people/setOnDuty")
			.variable("personId", personId(username))
			.variable("onDuty", onDuty)
			.execute()
			.path("setOnDuty.onDuty")
			.entity(Boolean.class)
			.isEqualTo(onDuty);
	}

	private GraphQlTester.Request<?> operation(String username, String operation, Object id,
			Map<String, Object> arguments) {
		return as(username).documentName("petition/" + operation)
			.fragmentName(PETITION_FIELDS)
			.variable("id", id.toString())
			.variables(arguments);
	}

	private static Map<String, Object> inputIn(Area cell, String categoryCode) {
		return new LinkedHashMap<>(PetitionFixtures.submissionIn(cell, categoryCode));
	}

	/**
	 * A petition as {@code graphql-test/petition/petitionFields} reads it back.
	 */
	public record Petition(String id, String trackingNumber, String status, String level, Integer version,
			Integer returnCount, Boolean supervised, String submittedAt, String dueAt, Boolean overdue, Person assignee,
			Person liaison, Code grid, Location location, List<Event> timeline) {

		/** The assignee's username, or null when nobody is assigned. */
		public String assigneeName() {
			return Person.username(this.assignee);
		}

		/** The liaison's username, or null. */
		public String liaisonName() {
			return Person.username(this.liaison);
		}

		/** The types of the timeline's events, oldest first. */
		public List<String> types() {
			return this.timeline.stream().map(Event::type).toList();
		}

		/** The newest timeline event. */
		public Event lastEvent() {
			return this.timeline.get(this.timeline.size() - 1);
		}

	}

	public record Person(String username) {

		static String username(Person person) {
			return (person != null) ? person.username() : null;
		}

	}

	public record Code(String code) {
	}

	public record Location(String method, Double distanceMeters, Code grid) {
	}

	public record Event(String type, String fromStatus, String toStatus, Person actor, String note, String rule) {

		/** The actor's username, or null for the system. */
		public String actorName() {
			return Person.username(this.actor);
		}

	}

}
