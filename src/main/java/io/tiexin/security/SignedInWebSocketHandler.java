package io.tiexin.security;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * GraphQL over WebSocket (graphql-transport-ws) with the protocol's close codes and a
 * session that ends with its token:
 * <ul>
 * <li>a message that is no JSON object with a known {@code type} (or a {@code subscribe}
 * without an id and a payload) closes the socket with 4400, where Spring's handler would
 * fail with 1011;</li>
 * <li>a refused token in {@code connection_init} closes it with 4403 Forbidden, as the
 * protocol says (Spring closes 4401, which the protocol keeps for a {@code subscribe}
 * before the acknowledgement);</li>
 * <li>a signed-in session is closed with 4403 when its token expires (its {@code exp}
 * plus the clock skew HTTP allows), by a timer, so a subscription that only receives
 * events ends too; every message after that moment is refused the same way.</li>
 * </ul>
 */
class SignedInWebSocketHandler extends GraphQlWebSocketHandler implements DisposableBean {

	static final CloseStatus INVALID_MESSAGE = new CloseStatus(4400, "Invalid message");

	static final CloseStatus FORBIDDEN = new CloseStatus(4403, "Forbidden");

	static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4403, "Forbidden: token expired");

	private static final Set<String> TYPES = Set.of("connection_init", "ping", "pong", "subscribe", "complete");

	private static final String EXPIRY_SCHEDULED = SignedInWebSocketHandler.class.getName() + ".expiryScheduled";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ScheduledExecutorService expiries = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "websocket-token-expiry");
		thread.setDaemon(true);
		return thread;
	});

	SignedInWebSocketHandler(WebGraphQlHandler graphQlHandler, HttpMessageConverter<Object> converter,
			Duration connectionInitTimeout, Duration keepAlive, CorsConfiguration cors) {
		super(graphQlHandler, converter, connectionInitTimeout, keepAlive, cors);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
		String type = typeOf(message.getPayload());
		if (type == null) {
			session.close(INVALID_MESSAGE);
			return;
		}
		if (expired(session)) {
			session.close(TOKEN_EXPIRED);
			return;
		}
		super.handleTextMessage("connection_init".equals(type) ? new ForbiddenNotUnauthorized(session) : session,
				message);
		scheduleExpiry(session);
	}

	@Override
	public void destroy() {
		this.expiries.shutdownNow();
	}

	/**
	 * The message's type if it is a graphql-transport-ws message at all, else null.
	 */
	private static String typeOf(String payload) {
		JsonNode message;
		try {
			message = JSON.readTree(payload);
		}
		catch (JacksonException malformed) {
			return null;
		}
		if (message == null || !message.isObject() || !message.path("type").isString()) {
			return null;
		}
		String type = message.path("type").asString();
		if (!TYPES.contains(type)) {
			return null;
		}
		if (("subscribe".equals(type) && (!message.path("id").isString() || !message.path("payload").isObject()
				|| !message.path("payload").path("query").isString()))
				|| ("complete".equals(type) && !message.path("id").isString())) {
			return null;
		}
		return type;
	}

	private static boolean expired(WebSocketSession session) {
		return session.getAttributes().get(WebSocketAuthentication.SESSION_ENDS_AT) instanceof Instant endsAt
				&& !Instant.now().isBefore(endsAt);
	}

	/** Once signed in: a timer closes the session when its token expires. */
	private void scheduleExpiry(WebSocketSession session) {
		if (session.getAttributes().get(WebSocketAuthentication.SESSION_ENDS_AT) instanceof Instant endsAt
				&& session.getAttributes().putIfAbsent(EXPIRY_SCHEDULED, Boolean.TRUE) == null) {
			long delay = Math.max(0, Duration.between(Instant.now(), endsAt).toMillis());
			this.expiries.schedule(() -> closeQuietly(session, TOKEN_EXPIRED), delay, TimeUnit.MILLISECONDS);
		}
	}

	private static void closeQuietly(WebSocketSession session, CloseStatus status) {
		if (session.isOpen()) {
			try {
				session.close(status);
			}
			catch (IOException | RuntimeException alreadyGone) {
				// the client went away at the same moment: nothing left to end
			}
		}
	}

	/**
	 * The session as Spring's handler sees it while it handles {@code connection_init}:
	 * its 4401 for a refused token becomes the protocol's 4403.
	 */
	private static final class ForbiddenNotUnauthorized extends WebSocketSessionDecorator {

		ForbiddenNotUnauthorized(WebSocketSession session) {
			super(session);
		}

		@Override
		public void close(CloseStatus status) throws IOException {
			super.close((status.getCode() == 4401) ? FORBIDDEN : status);
		}

	}

}
