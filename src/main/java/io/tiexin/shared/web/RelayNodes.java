package io.tiexin.shared.web;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Controller;

/**
 * Relay's {@code node(id:)}: a global id {@code Type:id} is answered by the type's own
 * query ({@code petition(id:)}, {@code person(id:)}, {@code meeting(id:)},
 * {@code area(code:)}), called through the schema's own data fetcher, so a node obeys
 * exactly the access rules of that query and no module's internals are needed here.
 */
@Controller
class RelayNodes {

	/** The query answering each type of node, and the name of its argument. */
	private static final Map<String, String[]> QUERIES = Map.of("Petition", new String[] { "petition", "id" }, "Person",
			new String[] { "person", "id" }, "Meeting", new String[] { "meeting", "id" }, "Area",
			new String[] { "area", "code" });

	/**
	 * The GraphQL type of each Java class a node query answered with (a meeting is a
	 * {@code ShownMeeting}, not a {@code Meeting}), for the {@code Node} type resolver.
	 */
	private final Map<Class<?>, String> typeOfClass = new ConcurrentHashMap<>();

	@Bean
	RuntimeWiringConfigurer relayNodeTypes() {
		return wiring -> wiring.type("Node", type -> type.typeResolver(environment -> {
			Object node = environment.getObject();
			String name = this.typeOfClass.get(node.getClass());
			return environment.getSchema().getObjectType((name != null) ? name : node.getClass().getSimpleName());
		}));
	}

	@QueryMapping
	Object node(@Argument String id, DataFetchingEnvironment environment) throws Exception {
		int colon = id.indexOf(':');
		String type = (colon > 0) ? id.substring(0, colon) : "";
		String[] query = QUERIES.get(type);
		if (query == null) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"全局 id 应为 类型:id,如 Petition:42 (a global id is Type:id, e.g. Petition:42, Person:7, Meeting:3, "
							+ "Area:360322101): " + id);
		}
		GraphQLSchema schema = environment.getGraphQLSchema();
		GraphQLObjectType queryType = schema.getQueryType();
		GraphQLFieldDefinition field = queryType.getFieldDefinition(query[0]);
		DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(queryType, field);
		DataFetchingEnvironment asItsOwnQuery = DataFetchingEnvironmentImpl.newDataFetchingEnvironment(environment)
			.arguments(Map.of(query[1], id.substring(colon + 1)))
			.fieldDefinition(field)
			.fieldType(field.getType())
			.build();
		Object answer = fetcher.get(asItsOwnQuery);
		if (answer instanceof CompletionStage<?> later) {
			return later.thenApply(node -> remember(node, type));
		}
		return remember(answer, type);
	}

	private Object remember(Object answer, String type) {
		Object node = (answer instanceof DataFetcherResult<?> result) ? result.getData() : answer;
		if (node != null) {
			this.typeOfClass.putIfAbsent(node.getClass(), type);
		}
		return answer;
	}

}
