package io.tiexin.security;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokenCacheTest {

	private final AtomicInteger verifications = new AtomicInteger();

	@Test
	void aTokenIsVerifiedOnceThenRemembered() {
		JwtDecoder cache = new VerifiedTokenCache(verifierIssuing(Instant.now().plusSeconds(600)));

		Jwt first = cache.decode("token-a");
		assertThat(cache.decode("token-a")).isSameAs(first);
		assertThat(cache.decode("token-a")).isSameAs(first);
		cache.decode("token-b");

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aRefusedTokenIsNeverRemembered() {
		JwtDecoder cache = new VerifiedTokenCache(token -> {
			this.verifications.incrementAndGet();
			throw new BadJwtException("bad signature");
		});

		assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aRememberedTokenThatHasExpiredGoesBackToTheVerifier() {
		// Expired beyond the 60 s clock skew the timestamp rule allows: remembered, then
		// checked again.
		JwtDecoder cache = new VerifiedTokenCache(verifierIssuing(Instant.now().minusSeconds(120)));

		cache.decode("token-a");
		cache.decode("token-a");

		assertThat(this.verifications).hasValue(2);
	}

	/**
	 * A stand-in for the identity provider's decoder: accepts anything, counts its calls.
	 */
	private JwtDecoder verifierIssuing(Instant expiresAt) {
		return token -> {
			this.verifications.incrementAndGet();
			return Jwt.withTokenValue(token)
				.header("alg", "RS256")
				.subject("citizen")
				.issuedAt(expiresAt.minusSeconds(3600))
				.expiresAt(expiresAt)
				.build();
		};
	}

}
