package io.tiexin.shared.web;

import io.tiexin.shared.ErrorCode;

import java.util.Map;

import graphql.execution.AbortExecutionException;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.schema.GraphQLAppliedDirective;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Refuses GraphQL documents too deep or too large to answer cheaply (nested areas a
 * hundred levels down, thousands of aliased fields, a hotspot analysis aliased five
 * hundred times) before any resolver runs, with {@code QUERY_TOO_COMPLEX}. Every field
 * counts one towards the complexity, aliases included, unless the SDL marks it
 * {@code @cost(weight: n)} (schema/limits.graphqls): the fields that read or compute far
 * more than one value.
 */
@Configuration(proxyBeanMethods = false)
class QueryLimits {

	@Bean
	MaxQueryDepthInstrumentation maxQueryDepth(Properties properties) {
		return new MaxQueryDepthInstrumentation(properties.maxDepth()) {
			@Override
			protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
				return new TooComplex("查询嵌套过深:" + depth + " 层,最多 " + maxDepth + " 层 (query too deep: " + depth
						+ " levels, at most " + maxDepth + ")");
			}
		};
	}

	@Bean
	MaxQueryComplexityInstrumentation maxQueryComplexity(Properties properties) {
		return new MaxQueryComplexityInstrumentation(properties.maxComplexity(), QueryLimits::cost) {
			@Override
			protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
				return new TooComplex("查询过大:" + complexity + " 个字段,最多 " + maxComplexity + " 个 (query too large: "
						+ complexity + " fields, at most " + maxComplexity + "); 请拆分查询 (split it up)");
			}
		};
	}

	/**
	 * A field's weight from its {@code @cost} directive, else 1, plus what is selected
	 * below it.
	 */
	private static int cost(FieldComplexityEnvironment field, int childComplexity) {
		GraphQLAppliedDirective cost = field.getFieldDefinition().getAppliedDirective("cost");
		int weight = (cost != null) ? cost.getArgument("weight").<Integer>getValue() : 1;
		return weight + childComplexity;
	}

	/**
	 * @param maxDepth the deepest nesting of fields a document may have
	 * @param maxComplexity how many fields a document may select in all, aliases
	 * included, a field marked {@code @cost} counting its weight
	 * @param maxRequestSize the largest body a GraphQL request over HTTP may have
	 */
	@ConfigurationProperties("tiexin.graphql")
	record Properties(@DefaultValue("15") int maxDepth, @DefaultValue("2000") int maxComplexity,
			@DefaultValue("1MB") DataSize maxRequestSize) {
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
