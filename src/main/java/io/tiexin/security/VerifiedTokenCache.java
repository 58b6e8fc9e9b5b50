package io.tiexin.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * Remembers the tokens it has verified, so that a client sending the same token with
 * every request pays for the signature check (RSA) and the claims' parsing once, not
 * every time: profiled under bench/run, that was a third of the request threads' time on
 * a query that reads nothing.
 * <p>
 * Only tokens that passed every check of the identity provider's decoder are remembered,
 * and a remembered token's timestamps ({@code exp}, {@code nbf}) are checked again on
 * every use, so it is refused the moment it expires, as before. The cache is bounded in
 * size and time; a token it has forgotten is simply verified again.
 */
final class VerifiedTokenCache implements JwtDecoder {

	/**
	 * About 3 KB each: a few thousand people active at once in a county, at most a few
	 * MB.
	 */
	private static final int MAX_TOKENS = 4096;

	private static final Duration REMEMBERED_FOR = Duration.ofMinutes(10);

	private final JwtDecoder verifier;

	private final Cache<String, Jwt> verified = Caffeine.newBuilder()
		.maximumSize(MAX_TOKENS)
		.expireAfterWrite(REMEMBERED_FOR)
		.build();

	// The same rule (and clock skew) as the default validators of Spring Security's
	// decoders.
	private final JwtTimestampValidator timestamps = new JwtTimestampValidator();

	VerifiedTokenCache(JwtDecoder verifier) {
		this.verifier = verifier;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt remembered = this.verified.getIfPresent(token);
		if (remembered != null && !this.timestamps.validate(remembered).hasErrors()) {
			return remembered;
		}
		// Unknown or expired: the verifier decides, and throws for an expired token as it
		// always did.
		Jwt jwt = this.verifier.decode(token);
		this.verified.put(token, jwt);
		return jwt;
	}

}
