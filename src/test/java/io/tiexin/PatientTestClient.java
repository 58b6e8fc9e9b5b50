package io.tiexin;

import java.time.Duration;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The HTTP client of the integration tests waits a minute for an answer, not
 * WebTestClient's five seconds: CI machines are shared and busy, and a slow answer is not
 * what these tests check (the benchmarks under bench/ measure speed).
 */
@TestConfiguration(proxyBeanMethods = false)
public class PatientTestClient {

	@Bean
	WebTestClientBuilderCustomizer patientResponseTimeout() {
		return builder -> builder.responseTimeout(Duration.ofMinutes(1));
	}

}
