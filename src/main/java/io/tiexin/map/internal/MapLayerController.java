package io.tiexin.map.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.geo.BBoxInput;
import io.tiexin.geo.GeoJson;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.map.AreaCaseCounts;
import io.tiexin.map.AreaCaseCounts.Counts;
import io.tiexin.map.AreaCaseCounts.Withheld;
import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.people.Role;
import io.tiexin.shared.CalendarPeriod;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.SmallCountSuppression;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code mapLayer}: one GeoJSON Feature per area of a level, with its case counts. Counts
 * from 1 to k-1 are null (with {@code suppressed: true}) unless the viewer works cases in
 * that area (k-anonymity, {@link SmallCountSuppression}), and so are enough of their
 * siblings' that the parent's count minus the children shown gives none back: the one
 * choice of {@link AreaCaseCounts.Counts#withheld()} that the tiles, stats and trends
 * read too ({@link SmallCountSuppression#withheldInTree}). Every child of a parent
 * counts, in the bounding box or not. The layer is public like the geography.
 */
@Controller
class MapLayerController {

	private final AreaCatalog catalog;

	private final ObjectProvider<AreaCaseCounts> caseCounts;

	private final CurrentActor currentActor;

	MapLayerController(AreaCatalog catalog, ObjectProvider<AreaCaseCounts> caseCounts, CurrentActor currentActor) {
		this.catalog = catalog;
		this.caseCounts = caseCounts;
		this.currentActor = currentActor;
	}

	@QueryMapping
	Map<String, Object> mapLayer(@Argument AreaLevel level, @Argument BBoxInput bbox, @Argument Double toleranceMeters,
			@Argument PeriodInput period) {
		List<Area> areas = this.catalog.list(level, null, (bbox != null) ? bbox.toEnvelope() : null);
		Actor viewer = this.currentActor.find().orElse(null);
		boolean anyExact = areas.stream().anyMatch(area -> worksCasesIn(viewer, area));
		boolean allExact = areas.stream().allMatch(area -> worksCasesIn(viewer, area));
		AreaCaseCounts counter = this.caseCounts.getIfAvailable();
		Map<String, Counts> published = Map.of();
		if (!allExact) {
			// Counts some are withheld from: nodes of the calendar tree only, as counts
			// of arbitrary periods could be subtracted from each other; and as published,
			// from the snapshot every such viewer reads (as of up to a minute ago).
			CalendarPeriod node = CalendarPeriod.require(period);
			published = (counter != null) ? counter.publishedByArea(level, node) : Map.of();
		}
		// Staff get the areas whose cases they work live and exact.
		Map<String, Counts> live = (anyExact && counter != null) ? counter.countByArea(level, period) : Map.of();
		List<Map<String, Object>> features = new ArrayList<>(areas.size());
		for (Area area : areas) {
			boolean exact = worksCasesIn(viewer, area);
			Counts areaCounts = (exact ? live : published).getOrDefault(area.code(), Counts.NONE);
			features.add(feature(area, toleranceMeters, areaCounts, exact ? Withheld.NOTHING : areaCounts.withheld()));
		}
		Map<String, Object> collection = new LinkedHashMap<>();
		collection.put("type", "FeatureCollection");
		collection.put("features", features);
		return collection;
	}

	private Map<String, Object> feature(Area area, Double toleranceMeters, Counts counts, Withheld withheld) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("code", area.code());
		properties.put("name", area.name());
		properties.put("level", area.level().name());
		properties.put("open", withheld.open() ? null : counts.open());
		properties.put("overdue", withheld.overdue() ? null : counts.overdue());
		properties.put("total", withheld.total() ? null : counts.total());
		properties.put("suppressed", withheld.open() || withheld.overdue() || withheld.total());
		Map<String, Object> feature = new LinkedHashMap<>();
		feature.put("type", "Feature");
		feature.put("id", area.code());
		feature.put("geometry", GeoJson.toMap(this.catalog.boundary(area, toleranceMeters)));
		feature.put("properties", properties);
		return feature;
	}

	/** Staff who may see the area's individual cases (not planners, not citizens). */
	private static boolean worksCasesIn(Actor viewer, Area area) {
		return viewer != null && viewer.hasAny(Role.GRID_MEMBER, Role.LIAISON, Role.VILLAGE_CADRE,
				Role.TOWNSHIP_OFFICER, Role.COUNTY_ADMIN) && viewer.covers(area.code());
	}

}
