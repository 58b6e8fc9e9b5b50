package io.tiexin.shared.web;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.QueryCost;
import io.tiexin.shared.TiexinException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Node;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.unit.DataSize;

/**
 * Refuses GraphQL documents too deep or too large to answer cheaply (nested areas a
 * hundred levels down, thousands of aliased fields, a hotspot analysis aliased five
 * hundred times, lists of lists of areas) before any resolver runs, with
 * {@code QUERY_TOO_COMPLEX}: the cost ({@link QueryCost}) is what the answer is expected
 * to hold, lists multiplied by their size, and a caller not signed in gets a far smaller
 * budget. What an operation costs is also drawn from per-person and per-address budgets a
 * minute ({@link RateLimiter}), so cheap requests in a loop are limited too.
 */
@Configuration(proxyBeanMethods = false)
class QueryLimits {

	/**
	 * Both limits in one instrumentation, the depth first: graphql-java calls a chain of
	 * several (even of no-ops) through a list of their contexts around every field, where
	 * one alone is called directly; the limits act once per operation.
	 */
	@Bean
	Instrumentation depthAndCostLimits(Properties properties, RateLimiter rateLimiter) {
		Depths depths = new Depths();
		return new SimplePerformantInstrumentation() {

			@Override
			public InstrumentationContext<ExecutionResult> beginExecuteOperation(
					InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
				int depth = depths.of(parameters.getExecutionContext());
				if (depth > properties.maxDepth()) {
					throw new TooComplex("查询嵌套过深:" + depth + " 层,最多 " + properties.maxDepth() + " 层 (query too deep: "
							+ depth + " levels, at most " + properties.maxDepth() + ")");
				}
				ExecutionContext context = parameters.getExecutionContext();
				Authentication caller = SecurityContextHolder.getContext().getAuthentication();
				boolean signedIn = caller != null && caller.isAuthenticated()
						&& !(caller instanceof AnonymousAuthenticationToken);
				long budget = signedIn ? properties.maxCost() : properties.maxAnonymousCost();
				long cost = QueryCost.of(context, budget);
				if (cost > budget) {
					String who = signedIn ? "" : ",未登录 (signed out)";
					throw new TooComplex("查询过大:代价超过 " + budget + who + " (query too large: costs more than " + budget
							+ (signedIn ? "" : " for a caller not signed in")
							+ "; a list counts its size times what is selected in it); 请拆分查询或减小 first (split it up, or ask for fewer)");
				}
				// Expensive reads draw on the caller's budget of points a minute: per
				// person when signed in, and per client address always (several people
				// behind one office's address share it, so its limit is larger).
				String address = context.getGraphQLContext().get(ClientAddress.CONTEXT_KEY);
				try {
					if (signedIn) {
						rateLimiter.consume(RateLimiter.Action.COST_PER_PERSON, caller.getName(), cost);
					}
					if (address != null) {
						rateLimiter.consume(signedIn ? RateLimiter.Action.COST_PER_ADDRESS
								: RateLimiter.Action.ANONYMOUS_COST_PER_ADDRESS, address, cost);
					}
				}
				catch (TiexinException limited) {
					throw new Refused(limited);
				}
				return super.beginExecuteOperation(parameters, state);
			}

		};
	}

	/**
	 * The depth of an operation as graphql-java's {@code MaxQueryDepthInstrumentation}
	 * measures it (the most fields nested, fragments expanded, {@code @skip} and
	 * {@code @include} applied), measured once per parsed document and operation
	 * ({@link ParsedQueryCache} hands out the same document each time) unless the
	 * document has directives, whose variables may change it. Walking even {@code {
	 * __typename }} with graphql-java's query traverser was a twentieth of a request's
	 * time in a profile (docs/scaling.md, the fixed cost of a request).
	 */
	static final class Depths {

		/** By document, compared by identity and held no longer than it is. */
		private final Cache<Document, Map<String, Integer>> known = Caffeine.newBuilder().weakKeys().build();

		int of(ExecutionContext context) {
			Document document = context.getDocument();
			String operation = Objects.requireNonNullElse(context.getExecutionInput().getOperationName(), "");
			Map<String, Integer> operations = this.known.getIfPresent(document);
			Integer depth = (operations != null) ? operations.get(operation) : null;
			if (depth != null) {
				return depth;
			}
			int measured = QueryTraverser.newQueryTraverser()
				.schema(context.getGraphQLSchema())
				.document(document)
				.operationName(context.getExecutionInput().getOperationName())
				.coercedVariables(context.getCoercedVariables())
				.build()
				.reducePreOrder((field, deepest) -> Math.max(deepest, pathLength(field)), 0);
			if (!hasDirectives(document)) {
				this.known.get(document, key -> new ConcurrentHashMap<>()).put(operation, measured);
			}
			return measured;
		}

		private static int pathLength(QueryVisitorFieldEnvironment field) {
			int length = 1;
			for (QueryVisitorFieldEnvironment parent = field.getParentEnvironment(); parent != null; parent = parent
				.getParentEnvironment()) {
				length++;
			}
			return length;
		}

		private static boolean hasDirectives(Node<?> node) {
			if (node instanceof Directive) {
				return true;
			}
			for (Node<?> child : node.getChildren()) {
				if (hasDirectives(child)) {
					return true;
				}
			}
			return false;
		}

	}

	/**
	 * @param maxDepth the deepest nesting of fields a document may have
	 * @param maxCost the most a signed-in caller's operation may cost
	 * ({@link QueryCost}): some 5 s of work, room for one emerging hot spot analysis
	 * @param maxAnonymousCost the most an operation may cost a caller not signed in: some
	 * 0.2 s of work, enough for the public map and the liaison board
	 * @param maxRequestSize the largest body a GraphQL request over HTTP may have
	 */
	@ConfigurationProperties("tiexin.graphql")
	record Properties(@DefaultValue("15") int maxDepth, @DefaultValue("500000") long maxCost,
			@DefaultValue("20000") long maxAnonymousCost, @DefaultValue("1MB") DataSize maxRequestSize) {
	}

	/** A {@link TiexinException} raised before execution, answered as a GraphQL error. */
	private static final class Refused extends AbortExecutionException {

		private final TiexinException refusal;

		Refused(TiexinException refusal) {
			super(refusal.getMessage());
			this.refusal = refusal;
		}

		@Override
		public Map<String, Object> getExtensions() {
			Map<String, Object> extensions = new LinkedHashMap<>(this.refusal.details());
			extensions.put("code", this.refusal.code().name());
			return extensions;
		}

	}

	private static final class TooComplex extends AbortExecutionException {

		TooComplex(String message) {
			super(message);
		}

		@Override
		public Map<String, Object> getExtensions() {
			return Map.of("code", ErrorCode.QUERY_TOO_COMPLEX.name());
		}

	}

}
