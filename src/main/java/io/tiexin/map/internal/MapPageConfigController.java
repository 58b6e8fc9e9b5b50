package io.tiexin.map.internal;

import java.util.List;

import io.tiexin.petition.PetitionStatus;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /map/config}: what the map page ({@code static/index.html}) reads before it
 * draws, because a static page cannot see the service's properties. Public, like the
 * page.
 */
@RestController
class MapPageConfigController {

	private static final List<String> OPEN_STATUSES = PetitionStatus.OPEN.stream().map(Enum::name).toList();

	private final MapProperties properties;

	MapPageConfigController(MapProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/map/config")
	MapPageConfig config() {
		String basemap = this.properties.basemapStyleUrl();
		return new MapPageConfig((basemap == null || basemap.isBlank()) ? null : basemap.strip(), OPEN_STATUSES);
	}

	/**
	 * @param basemapStyleUrl the basemap's MapLibre style URL; null: draw on a plain
	 * background
	 * @param openStatuses the statuses the page draws as open (PetitionStatus.OPEN)
	 */
	record MapPageConfig(String basemapStyleUrl, List<String> openStatuses) {
	}

}
