package io.tiexin.open311.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.xml.XmlMapper;
import tools.jackson.dataformat.xml.XmlWriteFeature;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The two formats of GeoReport v2, chosen by the resource's extension. Answers are built
 * as ordered maps (the standard's field names as keys) and written by Jackson: a list is
 * a JSON array, and in XML a root element holding one element per item
 * ({@code <services><service>…}), with an XML declaration in UTF-8 as the standard asks.
 */
enum Open311Format {

	JSON(MediaType.parseMediaType("application/json;charset=UTF-8")),
	XML(MediaType.parseMediaType("text/xml;charset=UTF-8"));

	private static final ObjectMapper JSON_MAPPER = JsonMapper.builder().build();

	private static final ObjectMapper XML_MAPPER = XmlMapper.builder()
		.enable(XmlWriteFeature.WRITE_XML_DECLARATION)
		.build();

	private final MediaType mediaType;

	Open311Format(MediaType mediaType) {
		this.mediaType = mediaType;
	}

	static Open311Format of(String extension) {
		return switch (extension) {
			case "json" -> JSON;
			case "xml" -> XML;
			default -> throw Open311Error.notFound("未知格式 (unknown format; use .json or .xml): " + extension);
		};
	}

	/** A list: in XML the root element {@code root} with one {@code element} per item. */
	ResponseEntity<String> list(HttpStatus status, String root, String element, List<?> items) {
		return ResponseEntity.status(status).contentType(this.mediaType).body(write(root, nested(element, items)));
	}

	/** A single object: in XML the root element {@code root}. */
	ResponseEntity<String> single(String root, Map<String, Object> object) {
		return ResponseEntity.ok().contentType(this.mediaType).body(write(root, object));
	}

	/**
	 * A nested list as this format writes it: a JSON array, or in XML an element holding
	 * one {@code element} per item.
	 */
	Object nested(String element, List<?> items) {
		if (this == JSON) {
			return items;
		}
		Map<String, Object> wrapper = new LinkedHashMap<>();
		wrapper.put(element, items);
		return wrapper;
	}

	private String write(String root, Object value) {
		if (this == JSON) {
			return JSON_MAPPER.writeValueAsString(value);
		}
		return XML_MAPPER.writer().withRootName(root).writeValueAsString(value);
	}

}
