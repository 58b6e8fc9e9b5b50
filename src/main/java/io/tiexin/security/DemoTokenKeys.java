package io.tiexin.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The demo's own token issuer: an RSA key pair made at start-up and never written anywhere, so no
 * key lives in the repository and a restart invalidates every demo token. Outside the demo profile
 * none of this exists and tokens come from a real identity provider.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoTokenKeys {

	/** The {@code iss} of demo tokens; a token from anywhere else is refused. */
	static final String ISSUER = "tiexin-grid-demo";

	@Bean
	RSAKey demoSigningKey() throws NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
	}

	@Bean
	JwtEncoder demoJwtEncoder(RSAKey demoSigningKey) {
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(demoSigningKey)));
	}

	@Bean
	JwtDecoder demoJwtDecoder(RSAKey demoSigningKey) throws Exception {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(demoSigningKey.toRSAPublicKey()).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
		return decoder;
	}
}
