package io.tiexin.grid.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.geo.Geometries;
import io.tiexin.geo.LocalMetricProjection;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaLevel;
import io.tiexin.grid.GridIndex;
import org.locationtech.jts.coverage.CoverageSimplifier;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Every area as loaded from PostGIS at one moment, with the indexes the API reads.
 * Immutable, so the catalog swaps a whole new snapshot in after an import while requests
 * finish on the old one.
 */
public final class AreaSnapshot {

	private static final int SIMPLIFIED_LEVELS_KEPT = 16;

	private final long importId;

	private final Map<String, Area> byCode = new LinkedHashMap<>();

	private final Map<String, List<Area>> childrenByCode = new LinkedHashMap<>();

	private final Map<AreaLevel, STRtree> treeByLevel = new EnumMap<>(AreaLevel.class);

	private final GridIndex gridIndex;

	private final Gazetteer gazetteer;

	/**
	 * Simplified boundaries of a whole level per tolerance, least recently used dropped
	 * first.
	 */
	private final Map<Simplification, Map<String, Geometry>> simplified = Collections
		.synchronizedMap(new LinkedHashMap<>(SIMPLIFIED_LEVELS_KEPT, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Simplification, Map<String, Geometry>> eldest) {
				return size() > SIMPLIFIED_LEVELS_KEPT;
			}
		});

	public AreaSnapshot(long importId, List<Area> areas, double nearestToleranceMeters) {
		this.importId = importId;
		List<Area> sorted = areas.stream().sorted(Comparator.comparing(Area::code)).toList();
		List<Area> cells = new ArrayList<>();
		for (AreaLevel level : AreaLevel.values()) {
			this.treeByLevel.put(level, new STRtree());
		}
		for (Area area : sorted) {
			this.byCode.put(area.code(), area);
			this.childrenByCode.computeIfAbsent(area.code(), code -> new ArrayList<>());
			if (area.parentCode() != null) {
				this.childrenByCode.computeIfAbsent(area.parentCode(), code -> new ArrayList<>()).add(area);
			}
			this.treeByLevel.get(area.level()).insert(area.boundary().getEnvelopeInternal(), area);
			if (area.level() == AreaLevel.GRID) {
				cells.add(area);
			}
		}
		this.treeByLevel.values().forEach(STRtree::build);
		this.gridIndex = GridIndex.of(cells, nearestToleranceMeters);
		this.gazetteer = new Gazetteer(sorted, this::ancestors);
	}

	public static AreaSnapshot empty(double nearestToleranceMeters) {
		return new AreaSnapshot(0, List.of(), nearestToleranceMeters);
	}

	public long importId() {
		return this.importId;
	}

	int size() {
		return this.byCode.size();
	}

	public Area find(String code) {
		return this.byCode.get(code);
	}

	public List<Area> children(String code) {
		return this.childrenByCode.getOrDefault(code, List.of());
	}

	public List<Area> ancestors(Area area) {
		List<Area> ancestors = new ArrayList<>();
		for (Area parent = find(area.parentCode()); parent != null; parent = find(parent.parentCode())) {
			ancestors.add(0, parent);
		}
		return ancestors;
	}

	public GridIndex gridIndex() {
		return this.gridIndex;
	}

	public Gazetteer gazetteer() {
		return this.gazetteer;
	}

	/**
	 * Areas of one level, or of every level, below a parent and touching a box, ordered
	 * by code.
	 */
	public List<Area> list(AreaLevel level, String parentCode, Envelope bbox) {
		List<Area> candidates = new ArrayList<>();
		for (AreaLevel each : (level == null) ? List.of(AreaLevel.values()) : List.of(level)) {
			candidates.addAll(candidatesOf(each, bbox));
		}
		PreparedGeometry box = (bbox == null) ? null
				: PreparedGeometryFactory.prepare(Geometries.WGS84.toGeometry(bbox));
		return candidates.stream()
			.filter(area -> parentCode == null || parentCode.equals(area.parentCode()))
			.filter(area -> box == null || box.intersects(area.boundary()))
			.sorted(Comparator.comparing(Area::code))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private List<Area> candidatesOf(AreaLevel level, Envelope bbox) {
		if (bbox == null) {
			return this.byCode.values().stream().filter(area -> area.level() == level).toList();
		}
		return this.treeByLevel.get(level).query(bbox);
	}

	/**
	 * The area's boundary simplified so that no vertex moves more than the tolerance,
	 * with its whole level simplified together as one coverage: neighbours keep sharing
	 * their edges exactly.
	 */
	public Geometry simplifiedBoundary(Area area, double toleranceMeters) {
		Map<String, Geometry> level = this.simplified.computeIfAbsent(new Simplification(area.level(), toleranceMeters),
				this::simplifyLevel);
		return level.get(area.code());
	}

	private Map<String, Geometry> simplifyLevel(Simplification key) {
		List<Area> areas = this.byCode.values().stream().filter(area -> area.level() == key.level()).toList();
		Geometry[] coverage = areas.stream().map(Area::boundary).toArray(Geometry[]::new);
		LocalMetricProjection metric = LocalMetricProjection
			.around(Geometries.WGS84.createGeometryCollection(coverage));
		Geometry[] meters = new Geometry[coverage.length];
		for (int i = 0; i < coverage.length; i++) {
			meters[i] = metric.toMeters(coverage[i]);
		}
		Geometry[] simplifiedMeters = CoverageSimplifier.simplify(meters, key.toleranceMeters());
		Map<String, Geometry> byCode = new LinkedHashMap<>();
		for (int i = 0; i < areas.size(); i++) {
			byCode.put(areas.get(i).code(), Geometries.asMultiPolygon(metric.toDegrees(simplifiedMeters[i])));
		}
		return byCode;
	}

	private record Simplification(AreaLevel level, double toleranceMeters) {
	}

}
