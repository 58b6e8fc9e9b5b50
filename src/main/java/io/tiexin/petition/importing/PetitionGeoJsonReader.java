package io.tiexin.petition.importing;

import io.tiexin.petition.PetitionImportFormat;
import io.tiexin.petition.PetitionImportSource;

import java.io.InputStream;
import java.util.Map;
import java.util.NoSuchElementException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a GeoJSON export (RFC 7946) one feature at a time: a FeatureCollection of Point
 * features whose properties are the columns of {@link PetitionImportFormat} (the point
 * gives lon/lat; a feature without geometry needs area_code or place_text). The feature's
 * {@code id} stands in for a missing external_id; properties that are no column are
 * ignored. A feature's line is where it starts in the file.
 */
public final class PetitionGeoJsonReader implements PetitionImportSource {

	private static final ObjectMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final CountingInputStream counted;

	private final JsonParser parser;

	private final long size;

	private SourceRecord next;

	private boolean done;

	/**
	 * @param size the file's length in bytes, for {@link #fractionRead()}; 0 when unknown
	 */
	public PetitionGeoJsonReader(InputStream in, long size) {
		this.counted = new CountingInputStream(in);
		this.size = size;
		try {
			this.parser = JSON.createParser(this.counted);
			toFeatures();
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("不是有效的 GeoJSON (not valid GeoJSON): " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Moves to the start of the features array, checking the collection's type on the
	 * way.
	 */
	private void toFeatures() {
		if (this.parser.nextToken() != JsonToken.START_OBJECT) {
			throw notACollection();
		}
		while (this.parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = this.parser.currentName();
			JsonToken value = this.parser.nextToken();
			if (name.equals("type") && !"FeatureCollection".equals(this.parser.getValueAsString())) {
				throw notACollection();
			}
			if (name.equals("features")) {
				if (value != JsonToken.START_ARRAY) {
					throw notACollection();
				}
				return;
			}
			this.parser.skipChildren();
		}
		throw notACollection();
	}

	private static IllegalArgumentException notACollection() {
		return new IllegalArgumentException("GeoJSON 须为含 features 数组的 FeatureCollection (the GeoJSON must be a "
				+ "FeatureCollection with a features array)");
	}

	@Override
	public boolean hasNext() {
		if (this.next == null && !this.done) {
			this.next = read();
			this.done = (this.next == null);
		}
		return this.next != null;
	}

	@Override
	public SourceRecord next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		SourceRecord record = this.next;
		this.next = null;
		return record;
	}

	private SourceRecord read() {
		long line = 0;
		JsonNode feature;
		try {
			JsonToken token = this.parser.nextToken();
			if (token == JsonToken.END_ARRAY || token == null) {
				return null;
			}
			line = this.parser.currentTokenLocation().getLineNr();
			feature = JSON.readTree(this.parser);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("第 "
					+ Math.max(line, ex.getLocation() != null ? ex.getLocation().getLineNr() : 0)
					+ " 行 GeoJSON 语法错误,导入中止 (GeoJSON syntax error; the import stops): " + ex.getOriginalMessage(), ex);
		}
		return record(line, feature);
	}

	private static SourceRecord record(long line, JsonNode feature) {
		if (!feature.isObject() || !"Feature".equals(feature.path("type").asString(null))) {
			return new SourceRecord(line, null, "不是 Feature 对象 (not a Feature object)");
		}
		String[] values = new String[PetitionImportFormat.COLUMNS.size()];
		for (Map.Entry<String, JsonNode> property : feature.path("properties").properties()) {
			int column = PetitionImportFormat.indexOf(property.getKey());
			if (column < 0) {
				continue;
			}
			JsonNode value = property.getValue();
			if ((value.isObject() || value.isArray())) {
				return new SourceRecord(line, null, "属性“" + property.getKey() + "”须为文字或数值 (property '"
						+ property.getKey() + "' must be a string or a number)");
			}
			values[column] = value.isNull() ? null : value.asString();
		}
		JsonNode id = feature.path("id");
		if (values[PetitionImportFormat.EXTERNAL_ID] == null && (id.isString() || id.isNumber())) {
			values[PetitionImportFormat.EXTERNAL_ID] = id.asString();
		}
		JsonNode geometry = feature.path("geometry");
		if (!geometry.isMissingNode() && !geometry.isNull()) {
			JsonNode coordinates = geometry.path("coordinates");
			if (!"Point".equals(geometry.path("type").asString(null)) || !coordinates.isArray()
					|| coordinates.size() < 2 || !coordinates.get(0).isNumber() || !coordinates.get(1).isNumber()) {
				return new SourceRecord(line, null,
						"geometry 须为 Point,坐标为 [经度, 纬度] (geometry must be a Point with " + "coordinates [lon, lat])");
			}
			values[PetitionImportFormat.LON] = coordinates.get(0).asString();
			values[PetitionImportFormat.LAT] = coordinates.get(1).asString();
		}
		return SourceRecord.of(line, values);
	}

	@Override
	public double fractionRead() {
		return (this.size > 0) ? Math.min(1.0, (double) this.counted.count() / this.size) : Double.NaN;
	}

	@Override
	public void close() {
		this.parser.close();
	}

}
