package io.tiexin.shared.web;

import io.tiexin.shared.ErrorCode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.stereotype.Component;

/**
 * Gives errors that graphql-java raises before any resolver runs (syntax, unknown fields,
 * wrong argument types, unknown enum values) the same stable {@code extensions.code} as
 * resolver errors, so clients branch on one field only, and a Chinese lead to
 * graphql-java's English message. A document the parser gave up on for its size is
 * {@code QUERY_TOO_COMPLEX}; a subscription sent over plain HTTP is refused instead of
 * answered with the stream object.
 */
@Component
class RequestErrorCodes implements WebGraphQlInterceptor {

	private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

	/**
	 * graphql-java's parser stops at {@code ParserOptions.maxTokens} (15,000) and says
	 * so.
	 */
	private static final Pattern TOO_MANY_TOKENS = Pattern.compile("tokens have been presented");

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map(response -> {
			if (!(request instanceof WebSocketGraphQlRequest)
					&& response.getExecutionResult().getData() instanceof Publisher<?>) {
				return response.transform(builder -> builder.data(null)
					.errors(List.of(GraphqlErrorBuilder.newError()
						.message(
								"订阅请通过 WebSocket 发送到 /graphql (graphql-transport-ws) (subscriptions go over a WebSocket "
										+ "at /graphql, graphql-transport-ws protocol, not plain HTTP)")
						.extensions(Map.of("code", ErrorCode.VALIDATION.name()))
						.build())));
			}
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
		String message = error.getMessage();
		if (code == ErrorCode.VALIDATION && TOO_MANY_TOKENS.matcher(message).find()) {
			code = ErrorCode.QUERY_TOO_COMPLEX;
			message = "查询过长:最多 15000 个词法单元 (query too long: at most 15,000 tokens); 请拆分查询 (split it up)";
		}
		else if (code == ErrorCode.VALIDATION && !CHINESE.matcher(message).find()) {
			message = "请求无效 (invalid request): " + message;
		}
		else if (code == ErrorCode.INTERNAL) {
			message = "服务器内部错误,请稍后再试 (internal error, please try again later)";
		}
		Map<String, Object> extensions = new LinkedHashMap<>();
		if (error.getExtensions() != null) {
			extensions.putAll(error.getExtensions());
		}
		extensions.put("code", code.name());
		return GraphqlErrorBuilder.newError()
			.message(message)
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
