package io.tiexin.geo;

import java.util.Map;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 7946 GeoJSON in and out, with JTS's reader and writer: WGS84, [lon, lat], no
 * {@code crs} member, 6 decimals (about 10 cm, the RFC's advice), polygons written with
 * exterior rings counter-clockwise and holes clockwise (§3.1.6) whatever their
 * orientation in JTS or PostGIS.
 */
public final class GeoJson {

	private static final int DECIMALS = 6;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private GeoJson() {
	}

	/**
	 * The geometry as a GeoJSON object tree, ready to be written into a JSON response.
	 */
	public static Map<String, Object> toMap(Geometry geometry) {
		return JSON.readValue(write(geometry), OBJECT);
	}

	public static String write(Geometry geometry) {
		GeoJsonWriter writer = new GeoJsonWriter(DECIMALS);
		writer.setEncodeCRS(false);
		writer.setForceCCW(true);
		return writer.write(geometry);
	}

	/**
	 * Reads a GeoJSON geometry object.
	 * @throws IllegalArgumentException naming what is wrong, when the text is not a
	 * GeoJSON geometry
	 */
	public static Geometry read(String geoJson) {
		try {
			Geometry geometry = new GeoJsonReader(Geometries.WGS84).read(geoJson);
			geometry.setSRID(Geometries.WGS84_SRID);
			return geometry;
		}
		catch (ParseException | RuntimeException ex) {
			throw new IllegalArgumentException("not a GeoJSON geometry: " + ex.getMessage(), ex);
		}
	}

	public static Geometry read(Map<?, ?> geoJson) {
		try {
			return read(JSON.writeValueAsString(geoJson));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not a GeoJSON geometry: " + ex.getOriginalMessage(), ex);
		}
	}

}
