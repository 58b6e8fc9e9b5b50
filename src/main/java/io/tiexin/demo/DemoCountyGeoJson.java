package io.tiexin.demo;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.tiexin.demo.DemoCountyGenerator.AreaFeature;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes the demo county as one RFC 7946 GeoJSON FeatureCollection, byte for byte the
 * same on every run: polygons oriented counter-clockwise, coordinates with at most 7
 * decimals.
 */
final class DemoCountyGeoJson {

	private DemoCountyGeoJson() {
	}

	/** One Feature per line, so a change to one area is a one-line diff. */
	static void writeGeoJson(List<AreaFeature> areas, Path output) throws IOException {
		if (output.toAbsolutePath().getParent() != null) {
			Files.createDirectories(output.toAbsolutePath().getParent());
		}
		try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
			out.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
			for (int i = 0; i < areas.size(); i++) {
				out.write(feature(areas.get(i)));
				out.write(i + 1 < areas.size() ? ",\n" : "\n");
			}
			out.write("]}\n");
		}
	}

	private static String feature(AreaFeature area) {
		StringBuilder json = new StringBuilder(256);
		json.append("{\"type\":\"Feature\",\"properties\":{\"code\":")
			.append(quoted(area.code()))
			.append(",\"name\":")
			.append(quoted(area.name()))
			.append(",\"level\":")
			.append(quoted(area.level().name()))
			.append(",\"parentCode\":")
			.append(area.parentCode() == null ? "null" : quoted(area.parentCode()))
			.append("},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[");
		appendPolygon(json, rfc7946Oriented(area.boundary()));
		return json.append("]}}").toString();
	}

	/**
	 * Exterior ring counter-clockwise, holes clockwise (RFC 7946), each starting at its
	 * lowest vertex.
	 */
	static Polygon rfc7946Oriented(Polygon polygon) {
		Polygon normalized = (Polygon) polygon.norm();
		return (Polygon) normalized.reverse();
	}

	private static void appendPolygon(StringBuilder json, Polygon polygon) {
		json.append('[');
		appendRing(json, polygon.getExteriorRing());
		for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
			json.append(',');
			appendRing(json, polygon.getInteriorRingN(h));
		}
		json.append(']');
	}

	private static void appendRing(StringBuilder json, LinearRing ring) {
		json.append('[');
		Coordinate[] coordinates = ring.getCoordinates();
		for (int i = 0; i < coordinates.length; i++) {
			json.append(i == 0 ? "[" : ",[")
				.append(decimal(coordinates[i].x))
				.append(',')
				.append(decimal(coordinates[i].y))
				.append(']');
		}
		json.append(']');
	}

	/**
	 * Exactly seven decimals, so every coordinate prints the same way on every platform.
	 */
	static String decimal(double value) {
		return BigDecimal.valueOf(StrictMath.round(value * 1e7), 7).toPlainString();
	}

	private static String quoted(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char ch : text.toCharArray()) {
			if (ch == '"' || ch == '\\') {
				quoted.append('\\').append(ch);
			}
			else if (ch < 0x20) {
				quoted.append(String.format("\\u%04x", (int) ch));
			}
			else {
				quoted.append(ch);
			}
		}
		return quoted.append('"').toString();
	}

}
