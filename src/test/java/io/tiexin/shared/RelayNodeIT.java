package io.tiexin.shared;

import java.util.List;
import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relay's {@code node(id:)}: a {@code Type:id} global id answers what the type's own
 * query answers, to the same caller.
 */
@TiexinIntegrationTest
class RelayNodeIT {

	static final String TOWNSHIP = "360322101";

	static final String VILLAGE = "360322101200";

	@Autowired
	GraphQlClient client;

	@Autowired
	AreaCatalog areas;

	@Test
	void aPetitionNodeIsWhatPetitionAnswersToEachCaller() {
		Area cell = this.areas.list(AreaLevel.GRID, VILLAGE, null).get(0);
		GraphQlClient.Petition petition = this.client.submitIn("citizen", cell, "STREET_LIGHT");
		GraphQlTester.Response asSubmitter = node(this.client.citizen(), "Petition:" + petition.id());
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
			Object node = nodeRequest(this.client.as(username), "Petition:" + petition.id()).execute()
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

	@Test
	void areasAndPeopleAreNodesToo() {
		GraphQlTester.Response area = node(this.client.anonymous(), "Area:" + TOWNSHIP);
		area.path("node.__typename").entity(String.class).isEqualTo("Area");
		area.path("node.id").entity(String.class).isEqualTo(TOWNSHIP);
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

	private GraphQlTester.Response node(GraphQlTester tester, String id) {
		return nodeRequest(tester, id).execute();
	}

	private GraphQlTester.Request<?> nodeRequest(GraphQlTester tester, String id) {
		return tester.documentName("shared/node").variables(Map.of("id", id));
	}

}
