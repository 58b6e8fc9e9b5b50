package io.tiexin.shared;

import graphql.scalars.ExtendedScalars;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Registers the {@code DateTime} scalar (ISO-8601 with offset) from
 * graphql-java-extended-scalars.
 */
@Configuration(proxyBeanMethods = false)
class ScalarConfiguration {

	@Bean
	RuntimeWiringConfigurer dateTimeScalar() {
		return wiring -> wiring.scalar(ExtendedScalars.DateTime);
	}

}
