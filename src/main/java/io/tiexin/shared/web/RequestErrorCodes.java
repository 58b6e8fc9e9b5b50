package io.tiexin.shared.web;

import io.tiexin.shared.ErrorCode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.persisted.PersistedQueryIdInvalid;
import graphql.execution.preparsed.persisted.PersistedQueryNotFound;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Gives errors that graphql-java raises before any resolver runs (syntax, unknown fields,
 * wrong argument types, unknown enum values) the same stable {@code extensions.code} as
 * resolver errors, so clients branch on one field only, and a Chinese lead to
 * graphql-java's English message. A document the parser gave up on for its size is
 * {@code QUERY_TOO_COMPLEX}; a subscription sent over plain HTTP is refused instead of
 * answered with the stream object. Over SSE ({@code Accept: text/event-stream}) an answer
 * that is no stream (that refusal, any error) is sent as one event, codes kept.
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
		boolean sse = request.getHeaders()
			.getAccept()
			.stream()
			.anyMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype);
		return chain.next(request)
			.map(response -> withCodes(request, response))
			.map(response -> sse ? asEventStream(response) : response);
	}

	/**
	 * Spring for GraphQL's SSE handler answers anything but a stream with an error of its
	 * own, without a code ("SSE handler supports only subscriptions"); an answer of
	 * errors goes to an SSE client as the one event of a stream instead, codes kept.
	 */
	private WebGraphQlResponse asEventStream(WebGraphQlResponse response) {
		if (response.getExecutionResult().getData() instanceof Publisher<?>) {
			return response;
		}
		ExecutionResult result = ExecutionResult.newExecutionResult()
			.data(response.getExecutionResult().getData())
			.errors(response.getExecutionResult().getErrors())
			.build();
		return response.transform(builder -> builder.data(Flux.just(result)));
	}

	private WebGraphQlResponse withCodes(WebGraphQlRequest request, WebGraphQlResponse response) {
		if (!(request instanceof WebSocketGraphQlRequest)
				&& response.getExecutionResult().getData() instanceof Publisher<?>) {
			return response.transform(builder -> builder.data(null)
				.errors(List.of(GraphqlErrorBuilder.newError()
					.message("订阅请通过 WebSocket 发送到 /graphql (graphql-transport-ws) (subscriptions go over a WebSocket "
							+ "at /graphql, graphql-transport-ws protocol, not plain HTTP)")
					.extensions(Map.of("code", ErrorCode.VALIDATION.name()))
					.build())));
		}
		List<GraphQLError> errors = response.getExecutionResult().getErrors();
		if (errors.stream().noneMatch(RequestErrorCodes::lacksCode)) {
			return response;
		}
		return response.transform(builder -> builder.errors(withCodes(errors)));
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
		if (error.getErrorType() instanceof PersistedQueryNotFound) {
			// Apollo clients look for this message (older ones) or this code (newer
			// ones).
			code = ErrorCode.PERSISTED_QUERY_NOT_FOUND;
		}
		else if (code == ErrorCode.VALIDATION && TOO_MANY_TOKENS.matcher(message).find()) {
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
		return type instanceof PersistedQueryIdInvalid || type == ErrorType.ValidationError
				|| type == ErrorType.InvalidSyntax
				|| type == org.springframework.graphql.execution.ErrorType.BAD_REQUEST;
	}

}
