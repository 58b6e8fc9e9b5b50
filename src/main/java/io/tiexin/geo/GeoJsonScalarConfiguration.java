package io.tiexin.geo;

import java.util.Locale;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import graphql.scalars.ExtendedScalars;
import io.tiexin.shared.ErrorCode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The {@code GeoJSON} scalar. Outgoing, a JTS geometry is written as an RFC 7946 object
 * and a map (a FeatureCollection built by a resolver) passes through; incoming, an object
 * must be a valid GeoJSON geometry, or the request is refused with {@code VALIDATION}.
 */
@Configuration(proxyBeanMethods = false)
class GeoJsonScalarConfiguration {

	static final GraphQLScalarType GEOJSON = GraphQLScalarType.newScalar()
		.name("GeoJSON")
		.description("An RFC 7946 GeoJSON geometry (or FeatureCollection where stated), WGS84, [lon, lat]")
		.coercing(new GeoJsonCoercing())
		.build();

	@Bean
	RuntimeWiringConfigurer geoJsonScalar() {
		return wiring -> wiring.scalar(GEOJSON);
	}

	private static final class GeoJsonCoercing implements Coercing<Object, Object> {

		@Override
		public Object serialize(Object value, GraphQLContext context, Locale locale) {
			if (value instanceof Geometry geometry) {
				return GeoJson.toMap(geometry);
			}
			if (value instanceof Map<?, ?> map) {
				return map;
			}
			throw new CoercingSerializeException("Not GeoJSON: " + value.getClass().getName());
		}

		@Override
		public Object parseValue(Object input, GraphQLContext context, Locale locale) {
			if (!(input instanceof Map<?, ?> map)) {
				throw invalidValue("GeoJSON 必须是一个 JSON 对象 (GeoJSON must be a JSON object)");
			}
			Geometry geometry;
			try {
				geometry = GeoJson.read(map);
			}
			catch (IllegalArgumentException ex) {
				throw invalidValue("GeoJSON 几何无效 (invalid GeoJSON geometry): " + ex.getMessage());
			}
			for (Coordinate c : geometry.getCoordinates()) {
				if (!(Math.abs(c.x) <= 180 && Math.abs(c.y) <= 90)) {
					throw invalidValue("GeoJSON 坐标超出范围,应为 [经度, 纬度] (GeoJSON coordinate out of range, "
							+ "expected [lon, lat]): " + c.x + ", " + c.y);
				}
			}
			IsValidOp validity = new IsValidOp(geometry);
			if (!validity.isValid()) {
				throw invalidValue("GeoJSON 几何无效 (invalid GeoJSON geometry): " + validity.getValidationError());
			}
			return geometry;
		}

		@Override
		public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
			Object plain = ExtendedScalars.Object.getCoercing().parseLiteral(input, variables, context, locale);
			try {
				return parseValue(plain, context, locale);
			}
			catch (CoercingParseValueException ex) {
				throw CoercingParseLiteralException.newCoercingParseLiteralException()
					.message(ex.getMessage())
					.extensions(Map.of("code", ErrorCode.VALIDATION.name()))
					.build();
			}
		}

		private static CoercingParseValueException invalidValue(String message) {
			return CoercingParseValueException.newCoercingParseValueException()
				.message(message)
				.extensions(Map.of("code", ErrorCode.VALIDATION.name()))
				.build();
		}

	}

}
