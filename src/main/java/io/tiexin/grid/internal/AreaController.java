package io.tiexin.grid.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.geo.BBoxInput;
import io.tiexin.geo.CoordinateNormaliser;
import io.tiexin.geo.PointInput;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.grid.Location;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The "Geography" queries. Everything is answered from the in-memory catalog; nested
 * areas resolve in batches, so a list of areas with parents and children costs no query
 * per area.
 */
@Controller
class AreaController {

	private static final int MAX_PLACE_TEXT = 100;

	private final AreaCatalog catalog;

	AreaController(AreaCatalog catalog) {
		this.catalog = catalog;
	}

	@QueryMapping
	Area area(@Argument String code) {
		return this.catalog.find(code).orElse(null);
	}

	@QueryMapping
	List<Area> areas(@Argument AreaLevel level, @Argument String parentCode, @Argument BBoxInput bbox,
			@Argument Geometry intersecting) {
		List<Area> areas = this.catalog.list(level, parentCode, (bbox != null) ? bbox.toEnvelope() : null);
		if (intersecting == null) {
			return areas;
		}
		PreparedGeometry drawn = PreparedGeometryFactory.prepare(intersecting);
		return areas.stream().filter(area -> drawn.intersects(area.boundary())).toList();
	}

	@QueryMapping
	Location locate(@Argument PointInput point) {
		return this.catalog.locate(CoordinateNormaliser.toWgs84(point));
	}

	@QueryMapping
	List<Area> searchPlaces(@Argument String text) {
		if (text.length() > MAX_PLACE_TEXT) {
			throw new TiexinException(ErrorCode.VALIDATION, "地名过长,最多 " + MAX_PLACE_TEXT
					+ " 个字符 (place name too long, at most " + MAX_PLACE_TEXT + " characters)");
		}
		return this.catalog.searchPlaces(text);
	}

	@SchemaMapping(typeName = "Area")
	Geometry boundary(Area area, @Argument Double toleranceMeters) {
		return this.catalog.boundary(area, toleranceMeters);
	}

	@BatchMapping(typeName = "Area")
	Map<Area, Area> parent(List<Area> areas) {
		Map<Area, Area> parents = new LinkedHashMap<>();
		for (Area area : areas) {
			if (area.parentCode() != null) {
				this.catalog.find(area.parentCode()).ifPresent(parent -> parents.put(area, parent));
			}
		}
		return parents;
	}

	@BatchMapping(typeName = "Area")
	Map<Area, List<Area>> children(List<Area> areas) {
		Map<Area, List<Area>> children = new LinkedHashMap<>();
		areas.forEach(area -> children.put(area, this.catalog.children(area.code())));
		return children;
	}

	@BatchMapping(typeName = "Area")
	Map<Area, List<Area>> ancestors(List<Area> areas) {
		Map<Area, List<Area>> ancestors = new LinkedHashMap<>();
		areas.forEach(area -> ancestors.put(area, this.catalog.ancestors(area)));
		return ancestors;
	}

}
