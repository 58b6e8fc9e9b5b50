package io.tiexin.shared.web;

import io.tiexin.shared.ErrorCode;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphQL queries over GET (GraphQL over HTTP, and Apollo's
 * {@code useGETForHashedQueries}):
 * {@code GET /graphql?query=…&variables=…&operationName=…&extensions=…} is executed as
 * the JSON POST it stands for, by Spring for GraphQL's own {@link GraphQlHttpHandler}, so
 * authentication, the query limits, persisted queries, the audit and the answer's status
 * and media type are exactly those of a POST.
 * <p>
 * Spring for GraphQL routes only POST and answers such a GET with 405; this route is
 * ordered before its router. A GET without {@code query} or {@code extensions}, the
 * WebSocket handshake, and a browser asking for HTML (GraphiQL) are left to it. A
 * mutation is refused with 405 and {@code Allow: POST} (GraphQL over HTTP: a GET must not
 * change anything, and links or prefetches must not be able to), also when it is named
 * only by the hash of a persisted query.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlOverGet {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GraphQlHttpHandler handler;

	private final ParsedQueryCache documents;

	GraphQlOverGet(GraphQlHttpHandler handler, ParsedQueryCache documents) {
		this.handler = handler;
		this.documents = documents;
	}

	@Bean
	@Order(-1)
	RouterFunction<ServerResponse> graphQlOverGetRoute(@Value("${spring.graphql.http.path:/graphql}") String path) {
		return RouterFunctions.route(RequestPredicates.GET(path).and(queryInParameters()), this::handle);
	}

	/**
	 * A GraphQL request in the URL, from a client that is not a browser asking for a page
	 * and not opening the WebSocket. Only {@code Upgrade: websocket} counts: Java's HTTP
	 * client (and so the test clients) sends {@code Upgrade: h2c} with a plain HTTP/1.1
	 * GET.
	 */
	private static RequestPredicate queryInParameters() {
		return request -> (request.param("query").isPresent() || request.param("extensions").isPresent())
				&& request.headers().header(HttpHeaders.UPGRADE).stream().noneMatch("websocket"::equalsIgnoreCase)
				&& request.headers()
					.accept()
					.stream()
					.noneMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
	}

	private ServerResponse handle(ServerRequest request) throws ServletException {
		Map<String, Object> body = new LinkedHashMap<>();
		Optional<String> query = request.param("query");
		Map<String, Object> extensions;
		try {
			extensions = jsonObject(request.param("extensions"), "extensions");
			body.put("variables", jsonObject(request.param("variables"), "variables"));
		}
		catch (IllegalArgumentException ex) {
			return refuse(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION, ex.getMessage());
		}
		// A hash alone is looked up here, so that a persisted mutation is refused like
		// any
		// other; the text is then sent with its hash, which graphql-java checks again.
		String text = query.orElseGet(() -> persistedText(extensions));
		if (text != null) {
			body.put("query", text);
		}
		request.param("operationName")
			.filter(name -> !name.isEmpty())
			.ifPresent(name -> body.put("operationName", name));
		if (extensions != null) {
			body.put("extensions", extensions);
		}
		if (text != null && isMutation(text, (String) body.get("operationName"))) {
			return refuse(HttpStatus.METHOD_NOT_ALLOWED, ErrorCode.VALIDATION,
					"变更 (mutation) 只能用 POST 发送 (mutations must be sent with POST; GET is for queries only)");
		}
		byte[] json = JSON.writeValueAsBytes(body);
		HttpServletRequest posted = new PostedJson(request.servletRequest(), json);
		return this.handler.handleRequest(ServerRequest.create(posted, request.messageConverters()));
	}

	private String persistedText(Map<String, Object> extensions) {
		if (extensions != null && extensions.get("persistedQuery") instanceof Map<?, ?> persisted
				&& persisted.get("sha256Hash") instanceof String hash) {
			return this.documents.persistedQuery(hash);
		}
		return null;
	}

	/**
	 * Whether the operation to execute is a mutation. A document that does not parse, or
	 * names no operation clearly, is left to execution, which answers it as over POST.
	 */
	private static boolean isMutation(String text, String operationName) {
		Document document;
		try {
			document = Parser.parse(text);
		}
		catch (InvalidSyntaxException ex) {
			// answered by execution with the parser's error, as over POST
			return false;
		}
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		return operations.stream()
			.filter(operation -> (operationName == null) ? operations.size() == 1
					: operationName.equals(operation.getName()))
			.anyMatch(operation -> operation.getOperation() == OperationDefinition.Operation.MUTATION);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> jsonObject(Optional<String> parameter, String name) {
		if (parameter.isEmpty() || parameter.get().isBlank()) {
			return null;
		}
		try {
			Object value = JSON.readValue(parameter.get(), Object.class);
			if (value == null) {
				return null;
			}
			if (value instanceof Map<?, ?> map) {
				return (Map<String, Object>) map;
			}
		}
		catch (JacksonException ex) {
			// answered below
		}
		throw new IllegalArgumentException("参数 " + name + " 应为 JSON 对象 (the " + name
				+ " parameter must be a JSON object, URL-encoded): " + parameter.get());
	}

	private static ServerResponse refuse(HttpStatus status, ErrorCode code, String message) {
		ServerResponse.BodyBuilder answer = ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON);
		if (status == HttpStatus.METHOD_NOT_ALLOWED) {
			answer.allow(HttpMethod.POST);
		}
		return answer.body(ErrorBody.of(code, message));
	}

	/**
	 * The GET as the POST it stands for: Spring for GraphQL reads the body from the
	 * servlet request itself.
	 */
	private static final class PostedJson extends GraphQlHttpGuard.BufferedBody {

		PostedJson(HttpServletRequest request, byte[] body) {
			super(request, body);
		}

		@Override
		public String getMethod() {
			return HttpMethod.POST.name();
		}

		@Override
		public String getContentType() {
			return MediaType.APPLICATION_JSON_VALUE;
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.enumeration(List.of(getContentType()))
					: super.getHeaders(name);
		}

	}

}
