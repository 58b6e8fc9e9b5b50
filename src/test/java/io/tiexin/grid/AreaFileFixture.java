package io.tiexin.grid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.geo.GeoJson;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import tools.jackson.databind.json.JsonMapper;

/** Builds small area files for tests from WKT literals, one line per feature. */
final class AreaFileFixture {

	private final List<Map<String, Object>> features = new ArrayList<>();

	static AreaFileFixture areas() {
		return new AreaFileFixture();
	}

	AreaFileFixture area(String code, String name, String level, String parentCode, String wkt) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("code", code);
		properties.put("name", name);
		properties.put("level", level);
		properties.put("parentCode", parentCode);
		Map<String, Object> feature = new LinkedHashMap<>();
		feature.put("type", "Feature");
		feature.put("properties", properties);
		try {
			feature.put("geometry", GeoJson.toMap(new WKTReader().read(wkt)));
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(wkt, ex);
		}
		this.features.add(feature);
		return this;
	}

	byte[] toBytes() {
		return JsonMapper.builder()
			.build()
			.writeValueAsString(Map.of("type", "FeatureCollection", "features", this.features))
			.getBytes(StandardCharsets.UTF_8);
	}

	/** A box as WKT, lon/lat. */
	static String box(double west, double south, double east, double north) {
		return String.format(java.util.Locale.ROOT, "POLYGON ((%s %s, %s %s, %s %s, %s %s, %s %s))", west, south, east,
				south, east, north, west, north, west, south);
	}

}
