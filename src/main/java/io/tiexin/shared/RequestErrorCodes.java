package io.tiexin.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Gives errors that graphql-java raises before any resolver runs (syntax, unknown fields, wrong
 * argument types, unknown enum values) the same stable {@code extensions.code} as resolver
 * errors, so clients branch on one field only.
 */
@Component
class RequestErrorCodes implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map(response -> {
			List<GraphQLError> errors = response.getExecutionResult().getErrors();
			if (errors.stream().noneMatch(RequestErrorCodes::lacksCode)) {
				return response;
			}
			return response.transform(builder -> builder.errors(withCodes(errors)));
		});
	}

	private static List<GraphQLError> withCodes(List<GraphQLError> errors) {
		return errors.stream().map(error -> lacksCode(error) ? withCode(error) : error).toList();
	}

	private static boolean lacksCode(GraphQLError error) {
		return error.getExtensions() == null || !error.getExtensions().containsKey("code");
	}

	private static GraphQLError withCode(GraphQLError error) {
		ErrorCode code = isRequestError(error.getErrorType()) ? ErrorCode.VALIDATION : ErrorCode.INTERNAL;
		Map<String, Object> extensions = new LinkedHashMap<>();
		if (error.getExtensions() != null) {
			extensions.putAll(error.getExtensions());
		}
		extensions.put("code", code.name());
		return GraphqlErrorBuilder.newError()
			.message(error.getMessage())
			.locations(error.getLocations())
			.path(error.getPath())
			.errorType(error.getErrorType())
			.extensions(extensions)
			.build();
	}

	private static boolean isRequestError(ErrorClassification type) {
		return type == ErrorType.ValidationError || type == ErrorType.InvalidSyntax
				|| type == org.springframework.graphql.execution.ErrorType.BAD_REQUEST;
	}
}
