package io.tiexin.shared.web;

import io.tiexin.shared.ErrorCode;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * GraphQL queries over GET, as GraphQL over HTTP and Apollo's automatic persisted queries
 * describe them:
 * {@code /graphql?query=…&operationName=…&variables=<JSON>&extensions=<JSON>}, or with
 * the hash alone ({@code extensions={"persistedQuery":{"version":1,"sha256Hash":…}}})
 * once the query is registered, which a CDN or browser cache can then key on. Spring for
 * GraphQL 2.0 serves POST only, so {@link GraphQlHttpGuard} (before Spring Security)
 * passes the GET on as the JSON POST it stands for: security, interceptors, limits, error
 * codes and media types are then those of any POST.
 * <p>
 * GET is for queries only: a mutation (or subscription) over GET is refused with 405 and
 * {@code Allow: POST} before anything runs, also when it comes as a registered hash; a
 * GET carrying neither {@code query} nor {@code extensions} is left as it was (the
 * WebSocket handshake, or 405).
 */
@Component
class GraphQlOverGet {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ParsedQueryCache documents;

	private final String path;

	GraphQlOverGet(ParsedQueryCache documents, @Value("${spring.graphql.http.path:/graphql}") String path) {
		this.documents = documents;
		this.path = path;
	}

	/**
	 * A GET of the GraphQL path with a query or extensions, and no WebSocket handshake.
	 */
	boolean handles(HttpServletRequest request) {
		return HttpMethod.GET.name().equals(request.getMethod())
				&& this.path.equals(request.getRequestURI().substring(request.getContextPath().length()))
				&& request.getHeader(HttpHeaders.UPGRADE) == null
				&& (request.getParameter("query") != null || request.getParameter("extensions") != null);
	}

	/**
	 * The GET as the JSON POST it stands for, to pass on; null when it was refused (the
	 * answer written).
	 */
	HttpServletRequest asPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		try {
			putText(request, "query", body);
			putText(request, "operationName", body);
			putJsonObject(request, "variables", body);
			putJsonObject(request, "extensions", body);
		}
		catch (IllegalArgumentException ex) {
			write(response, HttpServletResponse.SC_BAD_REQUEST, ex.getMessage());
			return null;
		}
		if (isNotAQuery(textOf(body), (String) body.get("operationName"))) {
			response.setHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
			write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
					"GET 只能用于查询,变更和订阅请用 POST 或 WebSocket (GET is for queries only: send mutations "
							+ "with POST, subscriptions over the WebSocket)");
			return null;
		}
		// Spring for GraphQL's handler reads the servlet request's own stream.
		return new JsonPost(request, JSON.writeValueAsBytes(body));
	}

	private static void write(HttpServletResponse response, int status, String message) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		JSON.writeValue(response.getOutputStream(), Map.of("errors", ErrorBody.errors(ErrorCode.VALIDATION, message)));
	}

	private static void putText(HttpServletRequest request, String name, Map<String, Object> body) {
		String value = request.getParameter(name);
		if (value != null) {
			body.put(name, value);
		}
	}

	/** The text that will run: the query sent, else the one registered for the hash. */
	private String textOf(Map<String, Object> body) {
		if (body.get("query") instanceof String query && !query.isBlank()) {
			return query;
		}
		if (body.get("extensions") instanceof Map<?, ?> extensions
				&& extensions.get("persistedQuery") instanceof Map<?, ?> persisted) {
			return this.documents.persistedQueryText(persisted.get("sha256Hash"));
		}
		return null;
	}

	/**
	 * Whether the operation that would run is a mutation or a subscription. A document
	 * that does not parse, or names no operation it has, is left to the handler, which
	 * answers it as over POST.
	 */
	static boolean isNotAQuery(String text, String operationName) {
		if (text == null) {
			return false;
		}
		Document document;
		try {
			document = Parser.parse(text);
		}
		catch (InvalidSyntaxException ex) {
			return false;
		}
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class)
			.stream()
			.filter(definition -> operationName == null || operationName.equals(definition.getName()))
			.toList();
		return operations.size() == 1 && operations.get(0).getOperation() != OperationDefinition.Operation.QUERY;
	}

	private static void putJsonObject(HttpServletRequest request, String name, Map<String, Object> body) {
		String value = request.getParameter(name);
		if (value == null || value.isBlank()) {
			return;
		}
		Object parsed;
		try {
			parsed = JSON.readValue(value, Object.class);
		}
		catch (JacksonException ex) {
			parsed = null;
		}
		if (!(parsed instanceof Map<?, ?>)) {
			throw new IllegalArgumentException(
					"参数 " + name + " 应为 JSON 对象 (the " + name + " parameter must be a JSON object, URL-encoded)");
		}
		body.put(name, parsed);
	}

	/** The GET as the JSON POST it stands for. */
	private static final class JsonPost extends HttpServletRequestWrapper {

		private final byte[] body;

		JsonPost(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
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
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public String getHeader(String name) {
			if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
				return getContentType();
			}
			if (HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
				return Integer.toString(this.body.length);
			}
			return super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			String value = getHeader(name);
			return (value != null) ? Collections.enumeration(List.of(value)) : Collections.emptyEnumeration();
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
			names.add(HttpHeaders.CONTENT_TYPE);
			names.add(HttpHeaders.CONTENT_LENGTH);
			return Collections.enumeration(names);
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream bytes = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return bytes.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return bytes.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return bytes.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("blocking reads only");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

	}

}
