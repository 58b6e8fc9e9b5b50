package io.tiexin.shared.web;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.Ids;
import io.tiexin.shared.TiexinException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import graphql.TrivialDataFetcher;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Controller;

/**
 * Relay global object identification. The {@code id} field of every object type that
 * implements {@code Node} answers its global id {@code Type:id} (a petition's
 * {@code Petition:42}, an area's {@code Area:360322101}), wrapped here once for all types
 * so that no module writes its own; arguments take either form through
 * {@link io.tiexin.shared.Ids}. {@code node(id:)} answers a global id with the type's own
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

	/**
	 * Wraps the {@code id} fetcher of every object type implementing {@code Node}: the
	 * type's own fetcher (a record's number, an area's code) is prefixed with the type.
	 */
	@Bean
	GraphQlSourceBuilderCustomizer relayGlobalIds() {
		return builder -> builder.typeVisitors(List.of(new GlobalIdFields()));
	}

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

	private static final class GlobalIdFields extends GraphQLTypeVisitorStub {

		@Override
		public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition field,
				TraverserContext<GraphQLSchemaElement> context) {
			if (field.getName().equals("id") && context.getParentNode() instanceof GraphQLObjectType type
					&& type.getInterfaces().stream().anyMatch(node -> node.getName().equals("Node"))) {
				GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
				FieldCoordinates coordinates = FieldCoordinates.coordinates(type, field);
				DataFetcher<?> own = registry.getDataFetcher(coordinates, field);
				String name = type.getName();
				// A wrapped property read stays trivial, as the property fetcher itself
				// is: Spring for GraphQL does not wrap it again to carry the request's
				// context (thread locals set and reset around every id of a page), which
				// reading a property does not use. An id computed by a method of its own
				// keeps that context.
				registry.dataFetcher(coordinates,
						(own instanceof TrivialDataFetcher<?>)
								? (TrivialDataFetcher<Object>) environment -> global(name, own.get(environment))
								: (DataFetcher<Object>) environment -> global(name, own.get(environment)));
			}
			return TraversalControl.CONTINUE;
		}

		private static Object global(String type, Object id) {
			if (id instanceof CompletionStage<?> later) {
				return later.thenApply(value -> global(type, value));
			}
			if (id instanceof DataFetcherResult<?> result) {
				return DataFetcherResult.<Object>newResult()
					.data(global(type, result.getData()))
					.errors(result.getErrors())
					.localContext(result.getLocalContext())
					.build();
			}
			return (id != null) ? Ids.global(type, id) : null;
		}

	}

	private Object remember(Object answer, String type) {
		Object node = (answer instanceof DataFetcherResult<?> result) ? result.getData() : answer;
		if (node != null) {
			this.typeOfClass.putIfAbsent(node.getClass(), type);
		}
		return answer;
	}

}
