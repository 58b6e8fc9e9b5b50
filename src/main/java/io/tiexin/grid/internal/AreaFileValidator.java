package io.tiexin.grid.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import io.tiexin.geo.GeoJson;
import io.tiexin.geo.Geometries;
import io.tiexin.geo.LocalMetricProjection;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaLevel;
import io.tiexin.grid.internal.AreaRepository.ImportedArea;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.operation.valid.IsValidOp;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an area hierarchy file (a GeoJSON FeatureCollection, format in
 * gis-data/README.md) and checks it as a survey office would before accepting it: codes
 * and parents, children inside their parent, siblings not overlapping. Invalid rings are
 * repaired and reported; gaps between siblings are reported but accepted. Every problem
 * found is listed, each naming its feature.
 */
final class AreaFileValidator {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_NAME_LENGTH = 100;

	private final double toleranceMeters;

	/** Areas already in the database, which the file may add children to or replace. */
	private final Function<String, Area> existing;

	private final Function<String, List<Area>> existingChildren;

	private final List<String> problems = new ArrayList<>();

	private final List<String> repaired = new ArrayList<>();

	private final List<String> gaps = new ArrayList<>();

	private final List<String> keptNotInFile = new ArrayList<>();

	AreaFileValidator(double toleranceMeters, Function<String, Area> existing,
			Function<String, List<Area>> existingChildren) {
		this.toleranceMeters = toleranceMeters;
		this.existing = existing;
		this.existingChildren = existingChildren;
	}

	/**
	 * The file's areas, parents before children; throws listing every problem when there
	 * is one.
	 */
	ValidatedAreaFile validate(String source, byte[] content) {
		List<ImportedArea> areas = readFeatures(content);
		if (this.problems.isEmpty()) {
			checkHierarchy(areas);
		}
		if (this.problems.isEmpty()) {
			checkGeometry(areas);
		}
		if (!this.problems.isEmpty()) {
			throw new AreaImportRefusedException(source, this.problems);
		}
		List<ImportedArea> parentsFirst = areas.stream()
			.sorted(Comparator.comparing(ImportedArea::level).thenComparing(ImportedArea::code))
			.toList();
		return new ValidatedAreaFile(parentsFirst, this.repaired, this.gaps, this.keptNotInFile);
	}

	private List<ImportedArea> readFeatures(byte[] content) {
		JsonNode root;
		try {
			root = JSON.readTree(content);
		}
		catch (JacksonException ex) {
			this.problems.add("not JSON: " + ex.getOriginalMessage());
			return List.of();
		}
		if (!"FeatureCollection".equals(root.path("type").asString(null)) || !root.path("features").isArray()) {
			this.problems.add("not a GeoJSON FeatureCollection with a \"features\" array");
			return List.of();
		}
		List<ImportedArea> areas = new ArrayList<>();
		int index = 0;
		for (JsonNode feature : root.path("features")) {
			ImportedArea area = readFeature(index++, feature);
			if (area != null) {
				areas.add(area);
			}
		}
		if (index == 0) {
			this.problems.add("the FeatureCollection has no features");
		}
		return areas;
	}

	private ImportedArea readFeature(int index, JsonNode feature) {
		JsonNode properties = feature.path("properties");
		String code = text(properties.path("code"));
		String name = text(properties.path("name"));
		String levelName = text(properties.path("level"));
		String parentCode = text(properties.path("parentCode"));
		String label = "feature #" + index + " (code " + code + (name != null ? " " + name : "") + ")";
		int before = this.problems.size();
		if (code == null || !code.matches("[0-9]{6}([0-9]{3}){0,3}")) {
			this.problems.add(label + ": code must be 6, 9, 12 or 15 digits");
		}
		if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
			this.problems.add(label + ": name must be 1 to " + MAX_NAME_LENGTH + " characters");
		}
		AreaLevel level = parseLevel(levelName);
		if (level == null) {
			this.problems.add(label + ": level must be one of COUNTY, TOWNSHIP, VILLAGE, GRID");
		}
		else if (code != null && code.length() != level.codeLength()) {
			this.problems.add(label + ": a " + level + " code has " + level.codeLength() + " digits");
		}
		if (level == AreaLevel.COUNTY && parentCode != null) {
			this.problems.add(label + ": a county has no parent");
		}
		if (level != null && level != AreaLevel.COUNTY) {
			if (parentCode == null) {
				this.problems.add(label + ": missing parentCode");
			}
			else if (code != null && !(code.startsWith(parentCode) && code.length() == parentCode.length() + 3)) {
				this.problems.add(label + ": code is not its parent's code " + parentCode + " plus three digits");
			}
		}
		Geometry boundary = readBoundary(label, feature.path("geometry"));
		if (this.problems.size() > before || boundary == null) {
			return null;
		}
		return new ImportedArea(code, name.strip(), level, parentCode, Geometries.asMultiPolygon(boundary));
	}

	private Geometry readBoundary(String label, JsonNode geometry) {
		if (geometry.isMissingNode() || geometry.isNull()) {
			this.problems.add(label + ": missing geometry");
			return null;
		}
		Geometry boundary;
		try {
			boundary = GeoJson.read(geometry.toString());
		}
		catch (IllegalArgumentException ex) {
			this.problems.add(label + ": " + ex.getMessage());
			return null;
		}
		if (!(boundary instanceof Polygonal) || boundary.isEmpty()) {
			this.problems.add(label + ": geometry must be a non-empty Polygon or MultiPolygon, not "
					+ boundary.getGeometryType());
			return null;
		}
		IsValidOp validity = new IsValidOp(boundary);
		if (validity.isValid()) {
			return boundary;
		}
		Geometry fixed = polygonsOf(GeometryFixer.fix(boundary));
		if (fixed.isEmpty()) {
			this.problems.add(label + ": invalid geometry that cannot be repaired: " + validity.getValidationError());
			return null;
		}
		this.repaired.add(label + ": " + validity.getValidationError() + " -> repaired with GeometryFixer");
		return fixed;
	}

	private void checkHierarchy(List<ImportedArea> areas) {
		Map<String, ImportedArea> inFile = new LinkedHashMap<>();
		for (ImportedArea area : areas) {
			if (inFile.putIfAbsent(area.code(), area) != null) {
				this.problems.add(label(area) + ": code appears more than once in the file");
			}
		}
		for (ImportedArea area : areas) {
			if (area.parentCode() != null && !inFile.containsKey(area.parentCode())
					&& this.existing.apply(area.parentCode()) == null) {
				this.problems.add(label(area) + ": unknown parent " + area.parentCode()
						+ " (neither in the file nor in the database)");
			}
		}
	}

	private void checkGeometry(List<ImportedArea> areas) {
		Map<String, Geometry> boundaries = new LinkedHashMap<>();
		for (ImportedArea area : areas) {
			boundaries.put(area.code(), area.boundary());
		}
		LocalMetricProjection metric = LocalMetricProjection
			.around(Geometries.WGS84.buildGeometry(new ArrayList<>(boundaries.values())));
		Map<String, List<Sibling>> siblingsByParent = new LinkedHashMap<>();
		for (ImportedArea area : areas) {
			if (area.parentCode() != null) {
				siblingsByParent.computeIfAbsent(area.parentCode(), code -> new ArrayList<>())
					.add(new Sibling(label(area), metric.toMeters(area.boundary())));
			}
		}
		siblingsByParent.forEach((parentCode, children) -> {
			addExistingSiblings(parentCode, children, boundaries.keySet(), metric);
			Geometry parent = metric.toMeters(Objects.requireNonNullElseGet(boundaries.get(parentCode),
					() -> this.existing.apply(parentCode).boundary()));
			checkInsideParent(parentCode, parent, children);
			checkNoOverlaps(children);
			reportGaps(parentCode, parent, children, metric);
		});
	}

	private void addExistingSiblings(String parentCode, List<Sibling> children, Set<String> inFile,
			LocalMetricProjection metric) {
		for (Area existingChild : this.existingChildren.apply(parentCode)) {
			if (!inFile.contains(existingChild.code())) {
				children.add(new Sibling("existing area " + existingChild.code() + " " + existingChild.name(),
						metric.toMeters(existingChild.boundary())));
				this.keptNotInFile.add(existingChild.code() + " " + existingChild.name());
			}
		}
	}

	private void checkInsideParent(String parentCode, Geometry parent, List<Sibling> children) {
		PreparedGeometry parentWithTolerance = PreparedGeometryFactory.prepare(parent.buffer(this.toleranceMeters));
		for (Sibling child : children) {
			if (!parentWithTolerance.covers(child.meters())) {
				double outside = OverlayNGRobust.overlay(child.meters(), parent, OverlayNG.DIFFERENCE).getArea();
				this.problems.add(
						String.format(Locale.ROOT, "%s: lies outside its parent %s (%.0f m² outside; tolerance %.1f m)",
								child.label(), parentCode, outside, this.toleranceMeters));
			}
		}
	}

	private void checkNoOverlaps(List<Sibling> siblings) {
		Geometry[] coverage = siblings.stream().map(Sibling::meters).toArray(Geometry[]::new);
		Geometry[] invalidEdges = CoverageValidator.validate(coverage);
		for (int i = 0; i < siblings.size(); i++) {
			if (invalidEdges[i] == null) {
				continue;
			}
			// Edges that do not match exactly may still only touch; measure the overlap.
			for (int j = i + 1; j < siblings.size(); j++) {
				Geometry a = coverage[i];
				Geometry b = coverage[j];
				if (!a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) {
					continue;
				}
				Geometry overlap = OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION);
				if (isWiderThanTolerance(overlap)) {
					this.problems.add(String.format(Locale.ROOT, "%s: overlaps its sibling %s (%.0f m²)",
							siblings.get(i).label(), siblings.get(j).label(), overlap.getArea()));
				}
			}
		}
	}

	private void reportGaps(String parentCode, Geometry parent, List<Sibling> children, LocalMetricProjection metric) {
		Geometry covered = UnaryUnionOp.union(children.stream().map(Sibling::meters).toList());
		Geometry uncovered = OverlayNGRobust.overlay(parent, covered, OverlayNG.DIFFERENCE);
		for (int i = 0; i < uncovered.getNumGeometries(); i++) {
			Geometry gap = uncovered.getGeometryN(i);
			if (isWiderThanTolerance(gap)) {
				Coordinate at = metric.toDegrees(gap.getInteriorPoint()).getCoordinate();
				this.gaps.add(String.format(Locale.ROOT,
						"gap of %.0f m² in %s that none of its children covers, near %.6f, %.6f", gap.getArea(),
						parentCode, at.x, at.y));
			}
		}
	}

	/** Slivers narrower than the tolerance are survey noise, not overlaps or gaps. */
	private boolean isWiderThanTolerance(Geometry polygonal) {
		Geometry polygons = polygonsOf(polygonal);
		return !polygons.isEmpty() && !polygons.buffer(-this.toleranceMeters / 2).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static Geometry polygonsOf(Geometry geometry) {
		if (geometry instanceof Polygonal) {
			return geometry;
		}
		return geometry.getFactory().buildGeometry(PolygonExtracter.getPolygons(geometry));
	}

	private static AreaLevel parseLevel(String name) {
		try {
			return (name == null) ? null : AreaLevel.valueOf(name.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String text(JsonNode node) {
		return (node.isString() || node.isIntegralNumber()) ? node.asString().strip() : null;
	}

	private static String label(ImportedArea area) {
		return "feature " + area.code() + " " + area.name();
	}

	private record Sibling(String label, Geometry meters) {
	}

	record ValidatedAreaFile(List<ImportedArea> areas, List<String> repaired, List<String> gaps,
			List<String> keptNotInFile) {
	}

}
