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
import io.tiexin.map.AreaCaseCounts.Counts;
import io.tiexin.map.AreaCaseCounts;
import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.people.Role;
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
 * siblings' that the parent's count minus the children shown gives none back; the layer
 * is public like the geography.
 */
@Controller
class MapLayerController {

	private final AreaCatalog catalog;

	private final ObjectProvider<AreaCaseCounts> caseCounts;

	private final CurrentActor currentActor;

	private final SmallCountSuppression smallCounts;

	MapLayerController(AreaCatalog catalog, ObjectProvider<AreaCaseCounts> caseCounts, CurrentActor currentActor,
			SmallCountSuppression smallCounts) {
		this.catalog = catalog;
		this.caseCounts = caseCounts;
		this.currentActor = currentActor;
		this.smallCounts = smallCounts;
	}

	@QueryMapping
	Map<String, Object> mapLayer(@Argument AreaLevel level, @Argument BBoxInput bbox, @Argument Double toleranceMeters,
			@Argument PeriodInput period) {
		List<Area> areas = this.catalog.list(level, null, (bbox != null) ? bbox.toEnvelope() : null);
		AreaCaseCounts counter = this.caseCounts.getIfAvailable();
		Map<String, Counts> counts = (counter != null) ? counter.countByArea(level, period) : Map.of();
		Actor viewer = this.currentActor.find().orElse(null);
		Map<String, Withheld> withheld = withheldAmongSiblings(level, counts, viewer);
		List<Map<String, Object>> features = new ArrayList<>(areas.size());
		for (Area area : areas) {
			features.add(feature(area, toleranceMeters, counts.getOrDefault(area.code(), Counts.NONE),
					withheld.getOrDefault(area.code(), Withheld.NOTHING)));
		}
		Map<String, Object> collection = new LinkedHashMap<>();
		collection.put("type", "FeatureCollection");
		collection.put("features", features);
		return collection;
	}

	/**
	 * Which counts to withhold, area by area: the small ones, and, among the children of
	 * one parent, enough others that the parent's count (shown on the layer of its level)
	 * minus the children shown cannot give a withheld one back
	 * ({@link SmallCountSuppression#withheld}: at least two withheld, adding up to at
	 * least the minimum). Every child of the parent counts, whether in the bounding box
	 * or not; children whose cases the viewer works see exact counts and are left out
	 * (the viewer knows them anyway).
	 */
	private Map<String, Withheld> withheldAmongSiblings(AreaLevel level, Map<String, Counts> counts, Actor viewer) {
		Map<String, List<Area>> siblings = new LinkedHashMap<>();
		for (Area area : this.catalog.list(level, null, null)) {
			if (!worksCasesIn(viewer, area)) {
				siblings.computeIfAbsent(String.valueOf(area.parentCode()), parent -> new ArrayList<>()).add(area);
			}
		}
		Map<String, Withheld> withheld = new LinkedHashMap<>();
		for (List<Area> children : siblings.values()) {
			boolean[] open = this.smallCounts.withheld(measure(children, counts, Counts::open));
			boolean[] overdue = this.smallCounts.withheld(measure(children, counts, Counts::overdue));
			boolean[] total = this.smallCounts.withheld(measure(children, counts, Counts::total));
			for (int i = 0; i < children.size(); i++) {
				withheld.put(children.get(i).code(), new Withheld(open[i], overdue[i], total[i]));
			}
		}
		return withheld;
	}

	private static long[] measure(List<Area> areas, Map<String, Counts> counts,
			java.util.function.ToLongFunction<Counts> measure) {
		return areas.stream()
			.mapToLong(area -> measure.applyAsLong(counts.getOrDefault(area.code(), Counts.NONE)))
			.toArray();
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

	/** Which of an area's counts are withheld from this viewer. */
	private record Withheld(boolean open, boolean overdue, boolean total) {

		static final Withheld NOTHING = new Withheld(false, false, false);

	}

	/** Staff who may see the area's individual cases (not planners, not citizens). */
	private static boolean worksCasesIn(Actor viewer, Area area) {
		return viewer != null && viewer.hasAny(Role.GRID_MEMBER, Role.LIAISON, Role.VILLAGE_CADRE,
				Role.TOWNSHIP_OFFICER, Role.COUNTY_ADMIN) && viewer.covers(area.code());
	}

}
