package io.tiexin.shared;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Gives a refused subscription (a {@link TiexinException} from a subscription method or
 * its stream) the same {@code extensions.code} a query would get; anything else is left
 * to the default, which reveals no internals.
 */
@Component
class SubscriptionErrorResolver extends SubscriptionExceptionResolverAdapter {

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex) {
		if (ex instanceof TiexinException refusal) {
			Map<String, Object> extensions = new LinkedHashMap<>(refusal.details());
			extensions.put("code", refusal.code().name());
			return GraphqlErrorBuilder.newError().message(refusal.getMessage()).extensions(extensions).build();
		}
		return null;
	}

}
