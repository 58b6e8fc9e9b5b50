package io.tiexin.security;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * GraphQL over WebSocket with the protocol's close codes and sessions that end with their
 * token ({@link SignedInWebSocketHandler}), in place of Spring Boot's handler, with the
 * same settings ({@code spring.graphql.websocket.*}, {@code spring.graphql.cors.*}).
 */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

	@Bean
	GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, GraphQlProperties properties,
			GraphQlCorsProperties cors, JsonMapper json) {
		return new SignedInWebSocketHandler(handler, new JacksonJsonHttpMessageConverter(json),
				properties.getWebsocket().getConnectionInitTimeout(), properties.getWebsocket().getKeepAlive(),
				cors.toCorsConfiguration());
	}

}
