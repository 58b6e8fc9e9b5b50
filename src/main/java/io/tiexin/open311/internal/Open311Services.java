package io.tiexin.open311.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tiexin.petition.Category;
import io.tiexin.petition.CategoryCatalog;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The categories as Open311 services: each with the description, keywords and group of
 * {@code open311_service} (its name when it has none), and the extra questions of
 * {@code open311_service_attribute}.
 */
@Component
class Open311Services {

	private final CategoryCatalog categories;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Open311Services(CategoryCatalog categories, JdbcClient jdbc, JsonMapper json) {
		this.categories = categories;
		this.jdbc = jdbc;
		this.json = json;
	}

	List<Service> all() {
		Map<String, Metadata> metadata = metadata();
		Map<String, List<Attribute>> attributes = attributes(null);
		return this.categories.all().stream().map(category -> service(category, metadata, attributes)).toList();
	}

	Optional<Service> find(String code) {
		return this.categories.find(code).map(category -> service(category, metadata(), attributes(code)));
	}

	private Service service(Category category, Map<String, Metadata> metadata,
			Map<String, List<Attribute>> attributes) {
		Metadata about = metadata.getOrDefault(category.code(), new Metadata(category.name(), "", "其他"));
		return new Service(category.code(), category.name(), about.description(), about.keywords(), about.group(),
				attributes.getOrDefault(category.code(), List.of()));
	}

	private Map<String, Metadata> metadata() {
		Map<String, Metadata> metadata = new HashMap<>();
		this.jdbc.sql("SELECT category_code, description, keywords, group_name FROM open311_service")
			.query((rs, row) -> metadata.put(rs.getString("category_code"),
					new Metadata(rs.getString("description"), rs.getString("keywords"), rs.getString("group_name"))))
			.list();
		return metadata;
	}

	/** The attributes of one category, or of all when {@code code} is null, in order. */
	private Map<String, List<Attribute>> attributes(String code) {
		Map<String, List<Attribute>> byCategory = new HashMap<>();
		this.jdbc.sql("""
				SELECT category_code, code, sort_order, datatype, required, description, datatype_description,
				    value_list::text AS value_list
				FROM open311_service_attribute
				WHERE CAST(:code AS text) IS NULL OR category_code = :code
				ORDER BY category_code, sort_order""")
			.param("code", code)
			.query((rs, row) -> byCategory.computeIfAbsent(rs.getString("category_code"), k -> new ArrayList<>())
				.add(new Attribute(rs.getString("code"), rs.getInt("sort_order"), rs.getString("datatype"),
						rs.getBoolean("required"), rs.getString("description"), rs.getString("datatype_description"),
						values(rs.getString("value_list")))))
			.list();
		return byCategory;
	}

	private List<Value> values(String list) {
		return (list != null) ? this.json.readValue(list, new TypeReference<List<Value>>() {
		}) : List.of();
	}

	record Service(String code, String name, String description, String keywords, String group,
			List<Attribute> attributes) {

		boolean hasMetadata() {
			return !this.attributes.isEmpty();
		}
	}

	/** A question of a service definition, with Open311's datatypes. */
	record Attribute(String code, int order, String datatype, boolean required, String description,
			String datatypeDescription, List<Value> values) {

		boolean isList() {
			return this.datatype.endsWith("valuelist");
		}
	}

	record Value(String key, String name) {
	}

	private record Metadata(String description, String keywords, String group) {
	}

}
