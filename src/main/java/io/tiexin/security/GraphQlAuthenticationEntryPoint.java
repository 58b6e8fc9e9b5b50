package io.tiexin.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.security.JwtActorConverter.UnknownPersonException;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.web.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request whose token is refused (invalid, expired, forged, or for an unknown
 * person), or an anonymous request to a path that needs sign-in: HTTP 401 with the
 * {@code WWW-Authenticate} header of RFC 6750 and a body shaped like a GraphQL response,
 * so a client reads {@code errors[0].extensions.code} whatever went wrong.
 */
final class GraphQlAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final RateLimiter rateLimiter;

	GraphQlAuthenticationEntryPoint(RateLimiter rateLimiter) {
		this.rateLimiter = rateLimiter;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refusal)
			throws IOException {
		if (refusal instanceof UnknownPersonException || refusal instanceof InvalidBearerTokenException) {
			FailedSignInLimit.recordFailure(this.rateLimiter, request);
		}
		this.bearer.commence(request, response, refusal);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message(refusal));
		error.put("extensions", Map.of("code", ErrorCode.UNAUTHENTICATED.name()));
		JSON.writeValue(response.getOutputStream(), Map.of("errors", List.of(error)));
	}

	static String message(AuthenticationException refusal) {
		if (refusal instanceof UnknownPersonException unknown) {
			return "令牌无效 (invalid token): 令牌中的用户 " + ((unknown.username() != null) ? unknown.username() + " " : "")
					+ "不存在 (the token names no known person); 请重新登录 (sign in again)";
		}
		if (refusal instanceof InvalidBearerTokenException) {
			return "令牌无效或已过期 (invalid or expired token): 请重新登录获取新令牌 (sign in again for a new token)";
		}
		return "请先登录 (sign in first): 请求需带上 Authorization: Bearer <令牌> (send Authorization: Bearer <token>)";
	}

}
