package io.tiexin.security;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in over HTTP with real tokens: the demo's dev tokens, and tokens that are
 * forged, expired, from another issuer or for nobody, each refused with HTTP 401 and a
 * GraphQL-shaped body.
 */
@TiexinIntegrationTest
class SignInIT {

	@Autowired
	GraphQlClient client;

	@Autowired
	WebTestClient http;

	@Autowired
	DevTokens tokens;

	/** The demo profile's own encoder: signs with the key the service trusts. */
	@Autowired
	JwtEncoder demoEncoder;

	@Test
	void meWithoutATokenIsUnauthenticated() {
		this.client.anonymous()
			.documentName("security/me")
			.execute()
			.errors()
			.expect(error -> "UNAUTHENTICATED".equals(error.getExtensions().get("code"))
					&& error.getMessage().startsWith("请先登录 (sign in first)"))
			.verify()
			.path("me")
			.valueIsNull();
	}

	@Test
	void meWithADevTokenIsThatPerson() {
		this.client.as("admin")
			.documentName("security/me")
			.execute()
			.path("me.username")
			.entity(String.class)
			.isEqualTo("admin")
			.path("me.roles")
			.entityList(String.class)
			.containsExactly("COUNTY_ADMIN")
			.path("me.dutyAreas[*].code")
			.entityList(String.class)
			.containsExactly("360322");
		this.client.as("citizen")
			.documentName("security/myHomeArea")
			.execute()
			.path("me.roles")
			.entityList(String.class)
			.containsExactly("CITIZEN")
			.path("me.homeArea.name")
			.entity(String.class)
			.isEqualTo("六组")
			.path("me.homeArea.parent.name")
			.entity(String.class)
			.isEqualTo("泉塘村");
	}

	@Test
	void theGeographyStaysPublicWithAToken() {
		this.client.as("planner")
			.documentName("security/countyName")
			.execute()
			.path("area.name")
			.entity(String.class)
			.isEqualTo("上栗县");
	}

	@Test
	void aTokenSignedWithAnotherKeyIsRefusedWith401() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		var pair = generator.generateKeyPair();
		RSAKey forgersKey = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
			.privateKey((RSAPrivateKey) pair.getPrivate())
			.keyID("forged")
			.build();
		JwtEncoder forger = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(forgersKey)));

		assertRefused(sign(forger, claims("admin", DemoTokenKeys.ISSUER, Instant.now(), Duration.ofHours(1))),
				"令牌无效或已过期 (invalid or expired token)");
	}

	@Test
	void anExpiredTokenIsRefusedWith401() {
		// Well past the decoder's one minute of allowed clock skew.
		Instant issued = Instant.now().minus(Duration.ofHours(3));
		assertRefused(sign(this.demoEncoder, claims("admin", DemoTokenKeys.ISSUER, issued, Duration.ofHours(1))),
				"令牌无效或已过期 (invalid or expired token)");
	}

	@Test
	void aTokenFromAnotherIssuerIsRefusedWith401() {
		assertRefused(
				sign(this.demoEncoder,
						claims("admin", "https://elsewhere.example", Instant.now(), Duration.ofHours(1))),
				"令牌无效或已过期 (invalid or expired token)");
	}

	@Test
	void aTokenThatIsNoJwtIsRefusedWith401() {
		assertRefused("not-a-jwt", "令牌无效或已过期 (invalid or expired token)");
	}

	@Test
	void aValidTokenForAnUnknownSubjectIsAFirstSignInThatMayOnlyRegister() {
		String token = sign(this.demoEncoder,
				claims("nobody-here", DemoTokenKeys.ISSUER, Instant.now(), Duration.ofHours(1)));
		this.tokens.withToken(token).documentName("security/me").execute().path("me").valueIsNull();
		this.tokens.withToken(token)
			.documentName("security/myCasesCount")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN"))
				.satisfies(error -> assertThat(error.getMessage()).contains("register")));
	}

	@Test
	void aValidTokenWhoseSubjectIsNoUsableUsernameIsRefusedWith401() {
		assertRefused(
				sign(this.demoEncoder,
						claims("no body here", DemoTokenKeys.ISSUER, Instant.now(), Duration.ofHours(1))),
				"no body here");
	}

	@Test
	void theDevTokenIsAOneHourJwtForThatUsername() {
		Map<?, ?> answer = this.http.post()
			.uri("/auth/dev-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "planner"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		String token = (String) answer.get("token");
		assertThat(token.split("\\.")).as("header.payload.signature").hasSize(3);
		Instant expiresAt = Instant.parse((String) answer.get("expiresAt"));
		assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofMinutes(59),
				Duration.ofMinutes(61));
		this.client.withToken(token)
			.documentName("security/me")
			.execute()
			.path("me.username")
			.entity(String.class)
			.isEqualTo("planner");
	}

	@Test
	void aDevTokenForAMalformedUsernameIsRefused() {
		this.http.post()
			.uri("/auth/dev-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "nobody here"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.message")
			.value(String.class, message -> assertThat(message).contains("nobody here"))
			.jsonPath("$.token")
			.doesNotExist();
		this.http.post()
			.uri("/auth/dev-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", " "))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.message")
			.exists();
		this.http.post()
			.uri("/auth/dev-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{not json")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.message")
			.exists();
	}

	@Test
	void healthIsPublicButOtherEndpointsNeedSignIn() {
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk();
		this.http.get()
			.uri("/actuator/info")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("UNAUTHENTICATED");
		this.http.get()
			.uri("/actuator/info")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.tokens.tokenFor("admin"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private void assertRefused(String token, String messageContains) {
		this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", GraphQlClient.documentText("security/me")))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, header -> assertThat(header).startsWith("Bearer"))
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("UNAUTHENTICATED")
			.jsonPath("$.errors[0].message")
			.value(String.class, message -> assertThat(message).contains(messageContains))
			.jsonPath("$.data")
			.doesNotExist();
	}

	private static JwtClaimsSet claims(String subject, String issuer, Instant issuedAt, Duration lifetime) {
		return JwtClaimsSet.builder()
			.issuer(issuer)
			.subject(subject)
			.issuedAt(issuedAt)
			.expiresAt(issuedAt.plus(lifetime))
			.build();
	}

	private static String sign(JwtEncoder encoder, JwtClaimsSet claims) {
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
	}

}
