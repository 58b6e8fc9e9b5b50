package io.tiexin.map.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import org.locationtech.jts.geom.Envelope;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /tiles/{layer}.json}: TileJSON 3.0.0 for each vector tile layer, so
 * MapLibre, OpenLayers and QGIS find the tiles, zooms, the county's bounds and each
 * layer's fields without reading the README. Public (the petitions tiles themselves still
 * ask for a token).
 */
@RestController
class TileJsonController {

	/** A layer as TileJSON's {@code vector_layers} describes it. */
	record LayerDescription(String id, String description, int minzoom, int maxzoom, Map<String, String> fields) {
	}

	static final Map<String, LayerDescription> LAYERS = Map.of("grid",
			new LayerDescription("grid",
					"网格单元及其诉求数 (grid cells with petitions of the last 365 days; small counts withheld "
							+ "from the public tile, exact for staff where they work); id: the 15-digit cell code",
					6, 14,
					fields("code", "String: 15-digit cell code", "name", "String: cell name (village group)", "open",
							"Number: open petitions; absent when withheld", "overdue",
							"Number: open past due; absent when withheld", "total",
							"Number: all petitions; absent when withheld", "suppressed",
							"Boolean: some count of the cell is withheld (1 to k-1)")),
			"petitions",
			new LayerDescription("petitions",
					"诉求 (petitions of the last 365 days as the caller may see them; signed-in citizens and case "
							+ "handlers only): clusters below z" + VectorTileRepository.POINTS_FROM_ZOOM
							+ ", single points from it on (at most " + VectorTileRepository.POINT_CAP
							+ " a tile, newest first); id: the petition id, or the cluster's place in the tile",
					8, 14,
					fields("id", "Number: petition id (points)", "status", "String: petition status (points)",
							"category_code", "String: category code (points)", "cluster", "Boolean: true on clusters",
							"point_count", "Number: petitions in the cluster", "open",
							"Number: open petitions in the cluster")),
			"labels",
			new LayerDescription("labels",
					"地名 (a point inside each township from z9, village from z11, grid cell from z13); id: the area code",
					9, 14, fields("code", "String: area code", "name", "String: area name (Chinese)", "level",
							"String: TOWNSHIP, VILLAGE or GRID")));

	private final AreaCatalog areas;

	TileJsonController(AreaCatalog areas) {
		this.areas = areas;
	}

	@GetMapping("/tiles/{layer}.json")
	ResponseEntity<Map<String, Object>> tileJson(@PathVariable String layer) {
		LayerDescription description = LAYERS.get(layer);
		if (description == null) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("message", "没有这个图层 (no such layer): " + layer + "; 可用 (available): "
						+ String.join(", ", VectorTileController.LAYERS)));
		}
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
		Envelope county = this.areas.list(AreaLevel.COUNTY, null, null).get(0).boundary().getEnvelopeInternal();
		Map<String, Object> tileJson = new LinkedHashMap<>();
		tileJson.put("tilejson", "3.0.0");
		tileJson.put("name", layer);
		tileJson.put("description", description.description());
		tileJson.put("scheme", "xyz");
		tileJson.put("tiles", List.of(base + "/tiles/" + layer + "/{z}/{x}/{y}.mvt"));
		tileJson.put("minzoom", description.minzoom());
		tileJson.put("maxzoom", description.maxzoom());
		tileJson.put("bounds", List.of(round(county.getMinX()), round(county.getMinY()), round(county.getMaxX()),
				round(county.getMaxY())));
		tileJson.put("center", List.of(round(county.centre().getX()), round(county.centre().getY()), 10));
		tileJson.put("vector_layers", List.of(description));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
			.body(tileJson);
	}

	private static double round(double degrees) {
		return Math.round(degrees * 1e6) / 1e6;
	}

	private static Map<String, String> fields(String... namesAndDescriptions) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i < namesAndDescriptions.length; i += 2) {
			fields.put(namesAndDescriptions[i], namesAndDescriptions[i + 1]);
		}
		return fields;
	}

}
