package io.tiexin.shared;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.grid.AreaLevel;
import org.junit.jupiter.api.Test;

import graphql.TrivialDataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relay global object identification: every {@code Node}'s {@code id} is its global id
 * {@code Type:number}, which {@code node(id:)} answers as the type's own query does, to
 * the same caller; arguments take the global id and the bare number alike, and a global
 * id of another type is no id of theirs.
 */
@TiexinIntegrationTest
class RelayNodeIT {

	static final String TOWNSHIP = "360322101";

	static final String VILLAGE = "360322101200";

	/** Where this class submits and meets; its people are the demo county's. */
	static final String VILLAGE_OF_THE_NODES = AreaFixtures.claim(RelayNodeIT.class, "360322102201");

	static final String CELL = VILLAGE_OF_THE_NODES + "001";

	static final String CITIZEN = "citizen";

	static final String OFFICER = "officer-360322102";

	static final String MEMBER = "gm-" + CELL;

	@Autowired
	GraphQlClient client;

	@Autowired
	AreaCatalog areas;

	@Autowired
	GraphQlSource graphQl;

	@Test
	void aPetitionNodeIsWhatPetitionAnswersToEachCaller() {
		Area cell = this.areas.list(AreaLevel.GRID, VILLAGE, null).get(0);
		GraphQlClient.Petition petition = this.client.submitIn("citizen", cell, "STREET_LIGHT");
		assertThat(petition.id()).isEqualTo("Petition:" + GraphQlClient.number(petition.id()));
		GraphQlTester.Response asSubmitter = node(this.client.citizen(), petition.id());
		asSubmitter.path("node.__typename").entity(String.class).isEqualTo("Petition");
		asSubmitter.path("node.id").entity(String.class).isEqualTo(petition.id());
		asSubmitter.path("node.trackingNumber").entity(String.class).isEqualTo(petition.trackingNumber());
		for (String username : List.of("admin", "planner", "citizen")) {
			boolean seen = this.client.as(username)
				.documentName("shared/petitionSeen")
				.variable("id", petition.id())
				.execute()
				.returnResponse()
				.field("petition")
				.getValue() != null;
			Object node = nodeRequest(this.client.as(username), petition.id()).execute()
				.returnResponse()
				.field("node")
				.getValue();
			assertThat(node != null).as("node(id:) as petition(id:) for " + username).isEqualTo(seen);
			if ("admin".equals(username)) {
				assertThat(seen).as("the county administrator sees every petition").isTrue();
			}
		}
		node(this.client.admin(), "Petition:999999999999").path("node").valueIsNull();
	}

	/**
	 * A petition's id is a property read, wrapped into its global id without Spring for
	 * GraphQL's context around it (as the property fetcher itself is not wrapped); an
	 * area's id is computed by a method of its own ({@code AreaNodeId}), which keeps the
	 * request's context. The ids themselves are the tests above.
	 */
	@Test
	void aGlobalIdOfAPropertyStaysTrivialAndOneOfAMethodKeepsTheContext() {
		GraphQLCodeRegistry registry = this.graphQl.schema().getCodeRegistry();
		assertThat(registry.getDataFetcher(FieldCoordinates.coordinates("Petition", "id"),
				this.graphQl.schema().getObjectType("Petition").getFieldDefinition("id")))
			.isInstanceOf(TrivialDataFetcher.class);
		assertThat(registry.getDataFetcher(FieldCoordinates.coordinates("Area", "id"),
				this.graphQl.schema().getObjectType("Area").getFieldDefinition("id")))
			.isNotInstanceOf(TrivialDataFetcher.class)
			.extracting(fetcher -> fetcher.getClass().getSimpleName())
			.asString()
			.contains("ContextDataFetcherDecorator");
	}

	@Test
	void areasAndPeopleAreNodesToo() {
		GraphQlTester.Response area = node(this.client.anonymous(), "Area:" + TOWNSHIP);
		area.path("node.__typename").entity(String.class).isEqualTo("Area");
		area.path("node.id").entity(String.class).isEqualTo("Area:" + TOWNSHIP);
		area.path("node.code").entity(String.class).isEqualTo(TOWNSHIP);
		area.path("node.name").entity(String.class).isEqualTo("上栗镇");
		long me = this.client.personId("citizen");
		node(this.client.citizen(), "Person:" + me).path("node.username").entity(String.class).isEqualTo("citizen");
		// Citizens may look only themselves up, through node as through person(id:).
		String admin = "Person:" + this.client.personId("admin");
		assertThat(GraphQlClient.errorCode(nodeRequest(this.client.citizen(), admin))).isEqualTo("FORBIDDEN");
	}

	@Test
	void anIdWithoutAKnownTypeIsRefused() {
		for (String id : List.of("42", "Webhook:1", ":42")) {
			assertThat(GraphQlClient.errorCode(nodeRequest(this.client.admin(), id))).as(id).isEqualTo("VALIDATION");
		}
	}

	@Test
	void everyNodeIsFetchedAgainByTheIdItAnswers() {
		GraphQlClient.Petition petition = this.client.submitIn(CITIZEN, cell(), "STREET_LIGHT");
		GraphQlTester.Response petitionNode = node(this.client.as(CITIZEN), petition.id());
		petitionNode.path("node.id").entity(String.class).isEqualTo(petition.id());
		petitionNode.path("node.trackingNumber").entity(String.class).isEqualTo(petition.trackingNumber());

		String person = this.client.as(CITIZEN)
			.documentName("shared/meId")
			.execute()
			.path("me.id")
			.entity(String.class)
			.get();
		assertThat(person).isEqualTo("Person:" + this.client.personId(CITIZEN));
		GraphQlTester.Response personNode = node(this.client.as(CITIZEN), person);
		personNode.path("node.id").entity(String.class).isEqualTo(person);
		personNode.path("node.username").entity(String.class).isEqualTo(CITIZEN);

		String meeting = this.client.as(OFFICER)
			.documentName("meeting/planMeetingId")
			.variable("input",
					Map.of("title", "节点测试 (node test)", "areaCode", VILLAGE_OF_THE_NODES, "scheduledAt",
							OffsetDateTime.now().plusDays(1).toString()))
			.execute()
			.path("planMeeting.id")
			.entity(String.class)
			.get();
		assertThat(meeting).startsWith("Meeting:");
		GraphQlTester.Response meetingNode = node(this.client.as(OFFICER), meeting);
		meetingNode.path("node.id").entity(String.class).isEqualTo(meeting);
		meetingNode.path("node.title").entity(String.class).isEqualTo("节点测试 (node test)");

		String area = this.client.anonymous()
			.documentName("shared/areaId")
			.variable("code", VILLAGE_OF_THE_NODES)
			.execute()
			.path("area.id")
			.entity(String.class)
			.get();
		assertThat(area).isEqualTo("Area:" + VILLAGE_OF_THE_NODES);
		GraphQlTester.Response areaNode = node(this.client.anonymous(), area);
		areaNode.path("node.id").entity(String.class).isEqualTo(area);
		areaNode.path("node.code").entity(String.class).isEqualTo(VILLAGE_OF_THE_NODES);
	}

	@Test
	void mutationsTakeTheGlobalIdAndTheBareNumberAlike() {
		long member = this.client.personId(MEMBER);
		GraphQlClient.Petition first = this.client.submitIn(CITIZEN, cell(), "STREET_LIGHT");
		GraphQlClient.Petition second = this.client.submitIn(CITIZEN, cell(), "STREET_LIGHT");

		GraphQlClient.Petition byGlobalIds = this.client.perform(OFFICER, "assignPetition", first.id(),
				Map.of("personId", "Person:" + member));
		assertThat(byGlobalIds.id()).isEqualTo(first.id());
		assertThat(byGlobalIds.assignee().username()).isEqualTo(MEMBER);
		GraphQlClient.Petition byNumbers = this.client.perform(OFFICER, "assignPetition",
				GraphQlClient.number(second.id()), Map.of("personId", Long.toString(member)));
		assertThat(byNumbers.id()).isEqualTo(second.id());
		assertThat(byNumbers.assignee().username()).isEqualTo(MEMBER);

		assertThat(this.client
			.perform(CITIZEN, "withdrawPetition", GraphQlClient.number(first.id()), Map.of("reason", "号码"))
			.status()).isEqualTo("WITHDRAWN");
		assertThat(this.client.perform(CITIZEN, "withdrawPetition", second.id(), Map.of("reason", "全局 id")).status())
			.isEqualTo("WITHDRAWN");
	}

	@Test
	void aGlobalIdOfAnotherTypeIsNotFoundForTheObjectActedOnAndInvalidAsAReference() {
		long member = this.client.personId(MEMBER);
		GraphQlClient.Petition petition = this.client.submitIn(CITIZEN, cell(), "STREET_LIGHT");
		long number = GraphQlClient.number(petition.id());
		String before = this.client.fingerprint(petition.id());

		// The petition's number under another type names no petition.
		assertThat(this.client.refusal(MEMBER, "acceptPetition", "Meeting:" + number, Map.of())).isEqualTo("NOT_FOUND");
		assertThat(this.client.refusal(OFFICER, "assignPetition", "Person:" + number,
				Map.of("personId", Long.toString(member))))
			.isEqualTo("NOT_FOUND");
		// A petition's global id given where a person is meant is no person.
		assertThat(
				this.client.refusal(OFFICER, "assignPetition", petition.id(), Map.of("personId", "Petition:" + member)))
			.isEqualTo("VALIDATION");
		assertThat(GraphQlClient.errorCode(this.client.as(OFFICER)
			.documentName("petition/petitionIds")
			.variable("filter", Map.of("assigneeId", "Area:" + member)))).isEqualTo("VALIDATION");
		// A query for one object answers null, as for an unknown number.
		this.client.admin()
			.documentName("shared/petitionSeen")
			.variable("id", "Person:" + number)
			.execute()
			.path("petition")
			.valueIsNull();
		assertThat(this.client.fingerprint(petition.id())).as("nothing changed").isEqualTo(before);
	}

	/** The demo county's first grid cell of {@link #VILLAGE_OF_THE_NODES}. */
	private Area cell() {
		return this.areas.find(CELL).orElseThrow();
	}

	private GraphQlTester.Response node(GraphQlTester tester, String id) {
		return nodeRequest(tester, id).execute();
	}

	private GraphQlTester.Request<?> nodeRequest(GraphQlTester tester, String id) {
		return tester.documentName("shared/node").variables(Map.of("id", id));
	}

}
