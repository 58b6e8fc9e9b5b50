package io.tiexin.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The demo's own token issuer: an RSA key pair made at start-up and never written
 * anywhere, so no key lives in the repository and a restart invalidates every demo token.
 * Outside the demo profile none of this exists and tokens come from a real identity
 * provider.
 * <p>
 * Demo replicas behind one load balancer must accept each other's tokens: give them all
 * the same PKCS#8 PEM private key in {@code tiexin.security.demo-key-file} (made for the
 * occasion, e.g. {@code openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048};
 * bench/run does so).
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoTokenKeys {

	/** The {@code iss} of demo tokens; a token from anywhere else is refused. */
	static final String ISSUER = "tiexin-grid-demo";

	@Bean
	RSAKey demoSigningKey(@Value("${tiexin.security.demo-key-file:}") String keyFile)
			throws GeneralSecurityException, IOException {
		if (!keyFile.isBlank()) {
			return fromPem(Files.readString(Path.of(keyFile)));
		}
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
	}

	/**
	 * An RSA key from an unencrypted PKCS#8 PEM private key; the public half is derived
	 * from it.
	 */
	static RSAKey fromPem(String pem) throws GeneralSecurityException {
		String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
		KeyFactory rsa = KeyFactory.getInstance("RSA");
		RSAPrivateCrtKey privateKey;
		try {
			privateKey = (RSAPrivateCrtKey) rsa
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
		}
		catch (IllegalArgumentException | ClassCastException ex) {
			throw new GeneralSecurityException("tiexin.security.demo-key-file must be an RSA private key in "
					+ "unencrypted PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)", ex);
		}
		RSAPublicKey publicKey = (RSAPublicKey) rsa
			.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
		try {
			return new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new GeneralSecurityException(ex);
		}
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
