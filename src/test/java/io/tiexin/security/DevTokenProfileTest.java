package io.tiexin.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import io.tiexin.people.PersonDirectory;
import io.tiexin.people.internal.SignedInPeople;
import io.tiexin.shared.web.RateLimiter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /auth/dev-token} and its key pair exist in the demo profile only. A light
 * context with just those classes, no server and no database.
 */
class DevTokenProfileTest {

	// A real directory over a data source that is never asked for a connection here.
	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withBean(JdbcClient.class, () -> JdbcClient.create(new SimpleDriverDataSource()))
		.withBean(SignedInPeople.class)
		.withBean(PersonDirectory.class)
		.withBean(RateLimiter.class,
				() -> new RateLimiter(new RateLimiter.Properties(10, 200, 120, 30, 3_000_000, 6_000_000, 200_000, 20)))
		.withUserConfiguration(DemoTokenKeys.class, DevTokenController.class);

	@Test
	void withoutTheDemoProfileThereIsNoEndpointAndNoKey() {
		this.contexts.withPropertyValues("spring.profiles.active=test").run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(DevTokenController.class);
			assertThat(context).doesNotHaveBean(JwtEncoder.class);
			assertThat(context).doesNotHaveBean(JwtDecoder.class);
		});
	}

	@Test
	void inTheDemoProfileTheEndpointExistsAndItsKeyVerifiesWhatItSigns() {
		this.contexts.withPropertyValues("spring.profiles.active=demo,test").run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(DevTokenController.class);
			Instant now = Instant.now();
			JwtClaimsSet claims = JwtClaimsSet.builder()
				.issuer(DemoTokenKeys.ISSUER)
				.subject("admin")
				.issuedAt(now)
				.expiresAt(now.plus(DevTokenController.LIFETIME))
				.build();
			String token = context.getBean(JwtEncoder.class)
				.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
				.getTokenValue();
			assertThat(context.getBean(JwtDecoder.class).decode(token).getSubject()).isEqualTo("admin");
		});
	}

	@Test
	void replicasGivenTheSameKeyFileAcceptEachOthersTokens(@TempDir Path dir) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes())
					.encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		Path keyFile = Files.writeString(dir.resolve("demo-key.pem"), pem);
		var replicas = this.contexts.withPropertyValues("spring.profiles.active=demo,test",
				"tiexin.security.demo-key-file=" + keyFile);
		AtomicReference<String> signedByOne = new AtomicReference<>();
		replicas.run(one -> signedByOne.set(sign(one.getBean(JwtEncoder.class))));
		replicas.run(other -> assertThat(other.getBean(JwtDecoder.class).decode(signedByOne.get()).getSubject())
			.isEqualTo("admin"));
	}

	private static String sign(JwtEncoder encoder) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(DemoTokenKeys.ISSUER)
			.subject("admin")
			.issuedAt(now)
			.expiresAt(now.plus(DevTokenController.LIFETIME))
			.build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
	}

}
