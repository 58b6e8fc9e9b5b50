package io.tiexin.security;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * CORS for the machine interfaces ({@code /graphql}, {@code /tiles/**},
 * {@code /open311/**}): a dashboard served from another host may call them when its
 * origin is listed in {@code tiexin.cors.allowed-origins} (default none). Applied by
 * Spring Security's CORS filter, before sign-in, so preflight requests (which carry no
 * token) are answered. Tokens travel in the Authorization header, never in cookies, so
 * credentials stay off.
 */
@Configuration(proxyBeanMethods = false)
class CrossOriginConfiguration {

	static final List<String> PATHS = List.of("/graphql", "/tiles/**", "/open311/**");

	@Bean
	CorsConfigurationSource corsConfigurationSource(
			@Value("${tiexin.cors.allowed-origins:}") List<String> allowedOrigins) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(allowedOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList());
		cors.setAllowedMethods(List.of("GET", "POST", "HEAD", "OPTIONS"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
				HttpHeaders.IF_NONE_MATCH, "X-Requested-With"));
		cors.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER));
		cors.setAllowCredentials(false);
		cors.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		for (String path : PATHS) {
			source.registerCorsConfiguration(path, cors);
		}
		return source;
	}

}
