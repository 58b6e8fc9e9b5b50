package io.tiexin.security;

import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderThreadLocalAccessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Sign-in for GraphQL over WebSocket. Browsers cannot set headers on a WebSocket
 * handshake, so the token comes in the graphql-transport-ws {@code connection_init}
 * payload as {@code {"Authorization": "Bearer <JWT>"}} and is verified exactly like a
 * bearer header. The connection then runs as that person for every operation it sends,
 * until the token expires ({@link SignedInWebSocketHandler} then closes it with 4403); a
 * refused token closes it with 4403. A connection without a token stays anonymous, as an
 * HTTP request without one does.
 */
@Component
class WebSocketAuthentication implements WebSocketGraphQlInterceptor {

	private static final String AUTHENTICATION = WebSocketAuthentication.class.getName() + ".authentication";

	/** The session attribute with the moment a signed-in session ends (an Instant). */
	static final String SESSION_ENDS_AT = WebSocketAuthentication.class.getName() + ".endsAt";

	/**
	 * The clock skew the token validators allow (Spring Security's default): a session
	 * ends when a request with its token would start being refused.
	 */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private static final String BEARER = "Bearer ";

	// The key under which Spring Security's context travels to data fetchers
	// (context-propagation).
	private static final Object SECURITY_CONTEXT_KEY = new SecurityContextHolderThreadLocalAccessor().key();

	private final ObjectProvider<JwtDecoder> decoders;

	private final JwtActorConverter converter;

	WebSocketAuthentication(ObjectProvider<JwtDecoder> decoders, JwtActorConverter converter) {
		this.decoders = decoders;
		this.converter = converter;
	}

	@Override
	public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
		String token = token(payload);
		if (token == null) {
			return Mono.empty();
		}
		try {
			Jwt jwt = this.decoders.getObject().decode(token);
			Authentication authentication = this.converter.convert(jwt);
			session.getAttributes().put(AUTHENTICATION, authentication);
			if (jwt.getExpiresAt() != null) {
				session.getAttributes().put(SESSION_ENDS_AT, jwt.getExpiresAt().plus(CLOCK_SKEW));
			}
			return Mono.empty();
		}
		catch (JwtException | InvalidBearerTokenException refused) {
			return Mono.error(new InvalidBearerTokenException(refused.getMessage(), refused));
		}
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, WebGraphQlInterceptor.Chain chain) {
		if (request instanceof WebSocketGraphQlRequest socketRequest && socketRequest.getSessionInfo()
			.getAttributes()
			.get(AUTHENTICATION) instanceof Authentication signedIn) {
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(signedIn);
			return chain.next(request).contextWrite(Context.of(SECURITY_CONTEXT_KEY, context));
		}
		return chain.next(request);
	}

	/**
	 * The token of {@code Authorization: Bearer <token>} (the key in any case), or null.
	 */
	private static String token(Map<String, Object> payload) {
		if (payload == null) {
			return null;
		}
		for (Map.Entry<String, Object> entry : payload.entrySet()) {
			if ("authorization".equalsIgnoreCase(entry.getKey()) && entry.getValue() instanceof String value
					&& value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
				return value.substring(BEARER.length()).trim();
			}
		}
		return null;
	}

}
