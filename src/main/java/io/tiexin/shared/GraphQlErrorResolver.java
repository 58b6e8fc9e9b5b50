package io.tiexin.shared;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * The one place where exceptions become GraphQL errors with a stable {@code extensions.code}.
 * Unexpected exceptions are logged with their stack trace and answered with a generic message,
 * so internals never reach a client.
 */
@Component
class GraphQlErrorResolver extends DataFetcherExceptionResolverAdapter {

	private static final Logger log = LoggerFactory.getLogger(GraphQlErrorResolver.class);

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (ex instanceof TiexinException refusal) {
			return error(env, refusal.code(), refusal.getMessage(), refusal.details());
		}
		log.error("Unexpected error in {}", env.getExecutionStepInfo().getPath(), ex);
		return error(env, ErrorCode.INTERNAL, "服务器内部错误,请稍后再试 (internal error, please try again later)", Map.of());
	}

	private static GraphQLError error(DataFetchingEnvironment env, ErrorCode code, String message,
			Map<String, Object> details) {
		Map<String, Object> extensions = new LinkedHashMap<>(details);
		extensions.put("code", code.name());
		return GraphqlErrorBuilder.newError(env).message(message).extensions(extensions).build();
	}
}
