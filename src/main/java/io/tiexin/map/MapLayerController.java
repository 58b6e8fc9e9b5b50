package io.tiexin.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.geo.BBoxInput;
import io.tiexin.geo.GeoJson;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.map.AreaCaseCounts.Counts;
import io.tiexin.shared.PeriodInput;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code mapLayer}: one GeoJSON Feature per area of a level, with its case counts. */
@Controller
class MapLayerController {

	private final AreaCatalog catalog;

	private final ObjectProvider<AreaCaseCounts> caseCounts;

	MapLayerController(AreaCatalog catalog, ObjectProvider<AreaCaseCounts> caseCounts) {
		this.catalog = catalog;
		this.caseCounts = caseCounts;
	}

	@QueryMapping
	Map<String, Object> mapLayer(@Argument AreaLevel level, @Argument BBoxInput bbox, @Argument Double toleranceMeters,
			@Argument PeriodInput period) {
		List<Area> areas = this.catalog.list(level, null, (bbox != null) ? bbox.toEnvelope() : null);
		AreaCaseCounts counter = this.caseCounts.getIfAvailable();
		Map<String, Counts> counts = (counter != null) ? counter.countByArea(level, period) : Map.of();
		List<Map<String, Object>> features = new ArrayList<>(areas.size());
		for (Area area : areas) {
			features.add(feature(area, toleranceMeters, counts.getOrDefault(area.code(), Counts.NONE)));
		}
		Map<String, Object> collection = new LinkedHashMap<>();
		collection.put("type", "FeatureCollection");
		collection.put("features", features);
		return collection;
	}

	private Map<String, Object> feature(Area area, Double toleranceMeters, Counts counts) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("code", area.code());
		properties.put("name", area.name());
		properties.put("level", area.level().name());
		properties.put("open", counts.open());
		properties.put("overdue", counts.overdue());
		properties.put("total", counts.total());
		Map<String, Object> feature = new LinkedHashMap<>();
		feature.put("type", "Feature");
		feature.put("id", area.code());
		feature.put("geometry", GeoJson.toMap(this.catalog.boundary(area, toleranceMeters)));
		feature.put("properties", properties);
		return feature;
	}
}
