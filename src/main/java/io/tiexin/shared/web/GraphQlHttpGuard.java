package io.tiexin.shared.web;

import io.tiexin.shared.ErrorCode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /graphql} over HTTP before anything reads a request:
 * <ul>
 * <li>a body larger than {@code tiexin.graphql.max-request-size} (default 1 MB) is
 * refused with 413, unread, whether it declares its length or comes in chunks: Spring for
 * GraphQL would otherwise hold any size in memory;</li>
 * <li>the refusals Spring for GraphQL answers with an empty body (415 for a body that is
 * not JSON, 405 for a GET that is neither a query ({@link GraphQlOverGet}) nor a
 * WebSocket handshake) get a GraphQL-shaped body with a code, and other methods (PUT,
 * DELETE...) get 405 rather than 404.</li>
 * </ul>
 * It runs before Spring Security, so a huge body costs no token check either.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class GraphQlHttpGuard extends OncePerRequestFilter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * POST for queries and mutations, GET for queries ({@link GraphQlOverGet}) and the
	 * WebSocket handshake, OPTIONS for CORS preflight.
	 */
	private static final Set<String> ALLOWED_METHODS = Set.of("POST", "GET", "OPTIONS");

	private final String path;

	private final long maxBytes;

	GraphQlHttpGuard(QueryLimits.Properties limits,
			@org.springframework.beans.factory.annotation.Value("${spring.graphql.http.path:/graphql}") String path) {
		this.path = path;
		this.maxBytes = limits.maxRequestSize().toBytes();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.path.equals(request.getRequestURI().substring(request.getContextPath().length()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpServletRequest checked = request;
		if (!ALLOWED_METHODS.contains(request.getMethod())) {
			write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
					HttpRefusal.of(HttpServletResponse.SC_METHOD_NOT_ALLOWED));
			return;
		}
		if ("POST".equals(request.getMethod())) {
			long declared = request.getContentLengthLong();
			if (declared > this.maxBytes) {
				tooLarge(response);
				return;
			}
			if (declared < 0) {
				byte[] body = request.getInputStream().readNBytes(Math.toIntExact(this.maxBytes + 1));
				if (body.length > this.maxBytes) {
					tooLarge(response);
					return;
				}
				checked = new BufferedBody(request, body);
			}
		}
		ErrorTracking tracked = new ErrorTracking(response);
		chain.doFilter(checked, tracked);
		// sendError answers come back through Spring Boot's error page, which has a body
		// already.
		if (!tracked.sentError && !response.isCommitted() && response.getStatus() >= 400
				&& response.getContentType() == null) {
			write(response, response.getStatus(), HttpRefusal.of(response.getStatus()));
		}
	}

	private void tooLarge(HttpServletResponse response) throws IOException {
		// The rest of the body is left unread; the connection is closed rather than
		// drained.
		response.setHeader("Connection", "close");
		HttpRefusal refusal = new HttpRefusal(ErrorCode.VALIDATION,
				"请求体过大:最多 " + DataSize.ofBytes(this.maxBytes).toKilobytes() + " KB (request body too large: at most "
						+ DataSize.ofBytes(this.maxBytes).toKilobytes() + " KB); "
						+ "附件请上传后只提交链接 (upload media separately and send their URLs)");
		write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, refusal);
	}

	private static void write(HttpServletResponse response, int status, HttpRefusal refusal) throws IOException {
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		JSON.writeValue(response.getOutputStream(),
				Map.of("errors", ErrorBody.errors(refusal.code(), refusal.message())));
	}

	/** Notes whether the answer went to the container's error page. */
	private static final class ErrorTracking extends HttpServletResponseWrapper {

		private boolean sentError;

		ErrorTracking(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void sendError(int status) throws IOException {
			this.sentError = true;
			super.sendError(status);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			this.sentError = true;
			super.sendError(status, message);
		}

	}

	/** A request whose body, read ahead to measure it, is served from memory. */
	static class BufferedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream bytes = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					return bytes.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
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
					throw new UnsupportedOperationException("the body is already read");
				}
			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
