package io.tiexin.shared;

import io.tiexin.shared.web.HttpRefusal;
import io.tiexin.shared.web.DatabaseUnavailable;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one place where exceptions become GraphQL errors with a stable
 * {@code extensions.code}. Unexpected exceptions are logged with their stack trace and
 * answered with a generic message, so internals never reach a client. A database that
 * cannot be reached is {@code UNAVAILABLE} (retry shortly), not {@code INTERNAL}.
 * <p>
 * Spring Security's refusals (from {@code @PreAuthorize}) get codes too. This resolver
 * runs before Spring for GraphQL's own security resolver, which would answer them without
 * a code.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class GraphQlErrorResolver extends DataFetcherExceptionResolverAdapter {

	private static final Logger log = LoggerFactory.getLogger(GraphQlErrorResolver.class);

	private static final String SIGN_IN_FIRST = "请先登录 (sign in first): 请求需带上 Authorization: Bearer <令牌> (send Authorization: Bearer <token>)";

	private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		// A refusal raised while binding arguments (an input record's constructor: a
		// period whose from is after its to) arrives wrapped.
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TiexinException refusal) {
				return error(env, refusal.code(), refusal.getMessage(), refusal.details());
			}
		}
		if (ex instanceof AuthenticationException) {
			return error(env, ErrorCode.UNAUTHENTICATED, SIGN_IN_FIRST, Map.of());
		}
		if (ex instanceof AccessDeniedException) {
			// Refused because nobody signed in: signing in may help, so say that rather
			// than FORBIDDEN.
			return TRUST.isAuthenticated(SecurityContextHolder.getContext().getAuthentication())
					? error(env, ErrorCode.FORBIDDEN, "无权执行此操作 (you may not do this)", Map.of())
					: error(env, ErrorCode.UNAUTHENTICATED, SIGN_IN_FIRST, Map.of());
		}
		if (DatabaseUnavailable.explains(ex)) {
			log.warn("Database unavailable in {}: {}", env.getExecutionStepInfo().getPath(), ex.toString());
			HttpRefusal unavailable = HttpRefusal.unavailable();
			return error(env, unavailable.code(), unavailable.message(), Map.of());
		}
		if (DatabaseUnavailable.isUnstorableText(ex)) {
			return error(env, ErrorCode.VALIDATION,
					"文本含有不能保存的字符,如空字符 NUL (U+0000) (text contains a character that " + "cannot be stored, such as NUL)",
					Map.of());
		}
		log.error("Unexpected error in {}", env.getExecutionStepInfo().getPath(), ex);
		return error(env, ErrorCode.INTERNAL, "服务器内部错误,请稍后再试 (internal error, please try again later)", Map.of());
	}

	private static GraphQLError error(DataFetchingEnvironment env, ErrorCode code, String message,
			Map<String, Object> details) {
		Map<String, Object> extensions = new LinkedHashMap<>(details);
		extensions.put("code", code.name());
		return GraphqlErrorBuilder.newError(env).message(message).extensions(extensions).build();
	}

}
