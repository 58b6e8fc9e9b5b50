package io.tiexin.shared.web;

import java.net.InetSocketAddress;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Puts the client's address into the GraphQL context as {@value #CONTEXT_KEY}, for
 * per-address rate limits. Behind a reverse proxy, set
 * {@code server.forward-headers-strategy=framework} so this is the client's address from
 * {@code X-Forwarded-For}, not the proxy's.
 */
@Component
public class ClientAddress implements WebGraphQlInterceptor {

	/** Read with {@code @ContextValue(name = ClientAddress.CONTEXT_KEY)}. */
	public static final String CONTEXT_KEY = "clientAddress";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote != null) {
			String address = (remote.getAddress() != null) ? remote.getAddress().getHostAddress()
					: remote.getHostString();
			request.configureExecutionInput(
					(input, builder) -> builder.graphQLContext(Map.of(CONTEXT_KEY, address)).build());
		}
		return chain.next(request);
	}

}
