package io.tiexin.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.web.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits guessing of tokens: every request whose token is refused counts against its
 * client address ({@link GraphQlAuthenticationEntryPoint} records it), and once an
 * address has used up its failures
 * ({@code tiexin.rate-limits.failed-sign-ins-per-address-per-minute}) every request from
 * it that carries a token is answered 429 {@code RATE_LIMITED} before the token is even
 * checked, until the bucket refills. Requests without a token are not affected: the
 * public map stays readable.
 */
final class FailedSignInLimit extends OncePerRequestFilter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RateLimiter rateLimiter;

	FailedSignInLimit(RateLimiter rateLimiter) {
		this.rateLimiter = rateLimiter;
	}

	/** Counts one refused token against the request's address. */
	static void recordFailure(RateLimiter rateLimiter, HttpServletRequest request) {
		rateLimiter.record(RateLimiter.Action.FAILED_SIGN_IN_PER_ADDRESS, request.getRemoteAddr());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null
				&& this.rateLimiter.exhausted(RateLimiter.Action.FAILED_SIGN_IN_PER_ADDRESS, request.getRemoteAddr())) {
			response.setStatus(429);
			response.setHeader(HttpHeaders.RETRY_AFTER, "60");
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			JSON.writeValue(response.getOutputStream(),
					Map.of("errors", List.of(Map.of("message",
							"无效令牌过多,请 60 秒后再试 (too many refused tokens from this address; retry in 60 s)", "extensions",
							Map.of("code", ErrorCode.RATE_LIMITED.name(), "retryAfterSeconds", 60)))));
			return;
		}
		chain.doFilter(request, response);
	}

}
