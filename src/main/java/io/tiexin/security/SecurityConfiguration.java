package io.tiexin.security;

import io.tiexin.shared.web.RateLimiter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.PathRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;

/**
 * The service is an OAuth2 resource server: a request carries
 * {@code Authorization: Bearer <JWT>} or nothing. {@code /graphql} is open without a
 * token, because GraphQL answers per field (the geography is public, {@code me} says
 * {@code UNAUTHENTICATED}); a token that is sent must be valid, or the request ends with
 * 401. {@code /tiles/**} is open too: the grid layer is public and the tile controller
 * itself refuses the petitions layer to anyone but case handlers. The map page
 * ({@code /}, its scripts under {@code /map/} and {@code /vendor/}, and
 * {@code /map/config}) is public, and so is the phone page under {@code /m/}: each signs
 * in from the browser and sends the token itself. Stateless: no session, no cookie, so no
 * CSRF to guard.
 * <p>
 * Tokens are verified by the {@link JwtDecoder} that Spring Boot builds from
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}
 * (Keycloak, a WeChat login service), or, in the demo profile, by the demo key pair.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	/**
	 * No observations of the filter chain, authentication or authorization. With an
	 * observation registry present (Actuator), Spring Security otherwise wraps each of
	 * its filters, and the authentication and authorization managers, in an observation
	 * on every request, which
	 * {@code management.observations.enable.spring.security=false} only turns into a
	 * no-op after asking the registry each time; nothing here reads them
	 * (docs/scaling.md, the fixed cost of a request).
	 */
	@Bean
	static SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Spring Security's strict firewall, its header checks without regular expressions
	 * ({@link HeaderChecks}).
	 */
	@Bean
	static HttpFirewall httpFirewall() {
		return HeaderChecks.firewall();
	}

	// Not in the command-line tools (scripts/import-areas, import-petitions), which serve
	// no requests.
	@Bean
	@ConditionalOnWebApplication
	SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<JwtDecoder> decoders, JwtActorConverter converter,
			RateLimiter rateLimiter, @Value("${tiexin.map.basemap-style-url:}") String basemapStyleUrl)
			throws Exception {
		JwtDecoder decoder = decoders.getIfAvailable();
		if (decoder == null) {
			throw new IllegalStateException("No identity provider is configured to verify sign-in tokens. Set "
					+ "spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri), or run with the demo "
					+ "profile, which signs its own tokens (POST /auth/dev-token).");
		}
		GraphQlAuthenticationEntryPoint entryPoint = new GraphQlAuthenticationEntryPoint(rateLimiter);
		return http.addFilterBefore(new FailedSignInLimit(rateLimiter), BearerTokenAuthenticationFilter.class)
			.csrf(AbstractHttpConfigurer::disable)
			// CrossOriginConfiguration's corsConfigurationSource
			.cors(Customizer.withDefaults())
			.headers(headers -> headers.addHeaderWriter(ContentSecurityPolicy.writer(basemapStyleUrl)))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/graphql", "/graphiql", "/graphiql/**", "/auth/dev-token", "/actuator/health",
						"/actuator/health/**", "/error", "/tiles/**", "/", "/index.html", "/map/**", "/vendor/**",
						"/boards/**",
						// Open311: public reads; a POST carries its own api_key.
						"/open311/**")
				.permitAll()
				.requestMatchers(PathRequest.toStaticResources().atCommonLocations())
				.permitAll()
				.requestMatchers("/m", "/m/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer(server -> server.bearerTokenResolver(HeaderChecks.bearerTokens())
				.jwt(jwt -> jwt.decoder(new VerifiedTokenCache(decoder)).jwtAuthenticationConverter(converter))
				.authenticationEntryPoint(entryPoint))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
			.build();
	}

}
