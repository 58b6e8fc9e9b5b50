package io.tiexin.shared;

import java.time.OffsetDateTime;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Registers the {@code DateTime} scalar (ISO-8601 with offset) from
 * graphql-java-extended-scalars, narrowed to what a person can mean and PostgreSQL can
 * store: an offset under 16 hours either way (real offsets run from -12:00 to +14:00;
 * PostgreSQL refuses ±16:00 and beyond) and a year from 1 to 9999. Anything else is
 * refused as the input it is ({@code VALIDATION}), not found later as a database fault.
 */
@Configuration(proxyBeanMethods = false)
class ScalarConfiguration {

	static final int MAX_OFFSET_SECONDS = 16 * 3600 - 1;

	@Bean
	RuntimeWiringConfigurer dateTimeScalar() {
		return wiring -> wiring.scalar(dateTime());
	}

	@SuppressWarnings("unchecked")
	static GraphQLScalarType dateTime() {
		Coercing<OffsetDateTime, String> base = (Coercing<OffsetDateTime, String>) ExtendedScalars.DateTime
			.getCoercing();
		return GraphQLScalarType.newScalar(ExtendedScalars.DateTime).coercing(new Coercing<OffsetDateTime, String>() {

			@Override
			public String serialize(Object value, GraphQLContext context, Locale locale)
					throws CoercingSerializeException {
				return base.serialize(value, context, locale);
			}

			@Override
			public OffsetDateTime parseValue(Object input, GraphQLContext context, Locale locale)
					throws CoercingParseValueException {
				String problem = problem(base.parseValue(input, context, locale));
				if (problem != null) {
					throw new CoercingParseValueException(problem);
				}
				return base.parseValue(input, context, locale);
			}

			@Override
			public OffsetDateTime parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
					Locale locale) throws CoercingParseLiteralException {
				OffsetDateTime parsed = base.parseLiteral(input, variables, context, locale);
				String problem = problem(parsed);
				if (problem != null) {
					throw new CoercingParseLiteralException(problem);
				}
				return parsed;
			}

			@Override
			public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
				return base.valueToLiteral(input, context, locale);
			}

		}).build();
	}

	/** What is wrong with the time, or null. */
	static String problem(OffsetDateTime time) {
		if (time == null) {
			return null;
		}
		if (Math.abs(time.getOffset().getTotalSeconds()) > MAX_OFFSET_SECONDS) {
			return "时区偏移须小于 16 小时 (the offset " + time.getOffset()
					+ " is not a real one: use one under 16 hours, e.g. +08:00)";
		}
		if (time.getYear() < 1 || time.getYear() > 9999) {
			return "年份须在 1 到 9999 之间 (the year " + time.getYear() + " is out of range: use a year from 1 to 9999)";
		}
		return null;
	}

}
