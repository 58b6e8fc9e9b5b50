package io.tiexin.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.coverage.CoverageGapFinder;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed demo county file: reproducible from the generator, and a hierarchy whose
 * every level tiles its parent exactly.
 */
class DemoCountyGeneratorTest {

	private static final Path COMMITTED = Path.of("gis-data", "shangli-360322-areas.geojson");

	private static final String SHANGLI_TOWN = "360322101";

	/** Features of the committed file: county, townships, villages and grid cells. */
	private static final int AREAS = 2_523;

	/** One Feature of the file; the geometry is its single polygon. */
	record Feature(String code, String name, String level, String parentCode, Polygon polygon) {
	}

	private static List<Feature> features;

	private static Map<String, Feature> byCode;

	@BeforeAll
	static void readCommittedFile() throws IOException, ParseException {
		JsonNode collection = JsonMapper.builder().build().readTree(COMMITTED);
		assertThat(collection.get("type").asString()).isEqualTo("FeatureCollection");
		GeoJsonReader geometryReader = new GeoJsonReader();
		features = new ArrayList<>();
		for (JsonNode feature : collection.get("features")) {
			JsonNode properties = feature.get("properties");
			Geometry geometry = geometryReader.read(feature.get("geometry").toString());
			assertThat(geometry).isInstanceOf(MultiPolygon.class);
			assertThat(geometry.getNumGeometries()).isEqualTo(1);
			JsonNode parentCode = properties.path("parentCode");
			features.add(new Feature(properties.get("code").asString(), properties.get("name").asString(),
					properties.get("level").asString(),
					parentCode.isNull() || parentCode.isMissingNode() ? null : parentCode.asString(),
					(Polygon) geometry.getGeometryN(0)));
		}
		byCode = features.stream().collect(Collectors.toMap(Feature::code, Function.identity()));
	}

	@Test
	void generatorReproducesTheCommittedFileByteForByte(@TempDir Path dir) throws IOException {
		Path generated = dir.resolve("areas.geojson");

		DemoCountyGeoJson.writeGeoJson(DemoCountyGenerator.generate().areas(), generated);

		assertThat(Files.mismatch(generated, COMMITTED))
			.as("first differing byte; regenerate gis-data/ as its README says")
			.isEqualTo(-1L);
	}

	/**
	 * The generated county, pinned by a digest of the file it writes and 泉之源's point: the
	 * generator is deterministic, so a refactoring of it must change neither.
	 */
	@Test
	void generatedCountyHasItsPinnedDigest(@TempDir Path dir) throws IOException, NoSuchAlgorithmException {
		DemoCountyGenerator.DemoCounty county = DemoCountyGenerator.generate();
		Path generated = dir.resolve("areas.geojson");
		DemoCountyGeoJson.writeGeoJson(county.areas(), generated);

		byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(generated));

		assertThat(HexFormat.of().formatHex(digest))
			.isEqualTo("eab6a1d5955db8c82b7c0c0f1dc80d97f2df8f7dc5897cebcd466fb60134e980");
		assertThat(county.areas()).hasSize(AREAS);
		assertThat(county.quanzhiyuan().x).isCloseTo(113.8351396, within(1e-9));
		assertThat(county.quanzhiyuan().y).isCloseTo(27.8765156, within(1e-9));
	}

	@Test
	void codesExtendTheirParentsCodeByThreeDigits() {
		assertThat(byCode).hasSameSizeAs(features);
		Map<String, Integer> codeLength = Map.of("COUNTY", 6, "TOWNSHIP", 9, "VILLAGE", 12, "GRID", 15);
		Map<String, String> parentLevel = Map.of("TOWNSHIP", "COUNTY", "VILLAGE", "TOWNSHIP", "GRID", "VILLAGE");
		for (Feature f : features) {
			assertThat(f.code()).as(f.name()).matches("\\d+").hasSize(codeLength.get(f.level()));
			if (f.level().equals("COUNTY")) {
				assertThat(f.parentCode()).isNull();
				continue;
			}
			Feature parent = byCode.get(f.parentCode());
			assertThat(parent).as("parent of " + f.code()).isNotNull();
			assertThat(parent.level()).isEqualTo(parentLevel.get(f.level()));
			assertThat(f.code()).startsWith(parent.code());
		}
	}

	@Test
	void featuresComeCountyFirstThenEachLevelByCode() {
		List<String> levels = List.of("COUNTY", "TOWNSHIP", "VILLAGE", "GRID");
		for (int i = 1; i < features.size(); i++) {
			Feature before = features.get(i - 1);
			Feature after = features.get(i);
			int order = Integer.compare(levels.indexOf(before.level()), levels.indexOf(after.level()));
			assertThat(order < 0 || (order == 0 && before.code().compareTo(after.code()) < 0))
				.as(before.code() + " before " + after.code())
				.isTrue();
		}
	}

	@Test
	void countyHasItsTownshipsVillagesAndGroups() {
		assertThat(features.get(0)).extracting(Feature::code, Feature::name).containsExactly("360322", "上栗县");
		assertThat(ofLevel("TOWNSHIP")).extracting(Feature::name)
			.containsExactly("上栗镇", "桐木镇", "金山镇", "福田镇", "彭高镇", "赤山镇", "鸡冠山乡", "长平乡", "东源乡", "杨岐乡");
		assertThat(ofLevel("VILLAGE")).hasSizeBetween(160, 180);
		assertThat(ofLevel("GRID")).hasSizeBetween(1_500, 3_000);
		assertThat(ofLevel("GRID")).filteredOn(f -> f.code().startsWith(SHANGLI_TOWN)).hasSize(486);
		assertThat(byCode.get("360322101200").name()).isEqualTo("石洋村");
		assertThat(byCode.get("360322101001").name()).isEqualTo("滨河社区");
		assertThat(childrenOf(village("高山村").code())).hasSizeGreaterThanOrEqualTo(12);
		for (Feature v : ofLevel("VILLAGE")) {
			int number = Integer.parseInt(v.code().substring(9));
			assertThat(v.name().endsWith("社区") ? number < 100 : number >= 200).as(v.code() + " " + v.name()).isTrue();
			assertThat(childrenOf(v.code())).as(v.name()).hasSizeBetween(3, 30);
		}
		assertThat(ofLevel("VILLAGE").stream().map(Feature::name).distinct()).hasSize(ofLevel("VILLAGE").size());
	}

	@Test
	void groupsAreNamedWithChineseOrdinals() {
		assertThat(DemoCountyGenerator.chineseNumber(1)).isEqualTo("一");
		assertThat(DemoCountyGenerator.chineseNumber(10)).isEqualTo("十");
		assertThat(DemoCountyGenerator.chineseNumber(12)).isEqualTo("十二");
		assertThat(DemoCountyGenerator.chineseNumber(20)).isEqualTo("二十");
		assertThat(DemoCountyGenerator.chineseNumber(21)).isEqualTo("二十一");
		for (Feature cell : ofLevel("GRID")) {
			int group = Integer.parseInt(cell.code().substring(12));
			assertThat(cell.name()).isEqualTo(DemoCountyGenerator.chineseNumber(group) + "组");
		}
	}

	@Test
	void everyLevelTilesItsParentExactly() {
		Map<String, List<Feature>> children = features.stream()
			.filter(f -> f.parentCode() != null)
			.collect(Collectors.groupingBy(Feature::parentCode));
		for (Map.Entry<String, List<Feature>> family : children.entrySet()) {
			Polygon parent = byCode.get(family.getKey()).polygon();
			Geometry[] tiles = family.getValue().stream().map(Feature::polygon).toArray(Geometry[]::new);

			assertThat(CoverageValidator.validate(tiles)).as("overlaps in " + family.getKey()).containsOnlyNulls();
			assertThat(CoverageGapFinder.findGaps(tiles, 1e-5).isEmpty()).as("gaps in " + family.getKey()).isTrue();
			Geometry union = CoverageUnion.union(tiles);
			assertThat(union.norm().equalsExact(parent.norm())).as(family.getKey() + " = its children").isTrue();
			assertThat(Math.abs(union.getArea() - parent.getArea())).isLessThanOrEqualTo(1e-9 * parent.getArea());
		}
		Geometry[] allCells = ofLevel("GRID").stream().map(Feature::polygon).toArray(Geometry[]::new);
		assertThat(CoverageValidator.validate(allCells)).containsOnlyNulls();
	}

	@Test
	void areasAreCloseToTheirTargets() {
		assertThat(DemoCountyGenerator.geodesicAreaKm2(features.get(0).polygon())).isCloseTo(721.0, within(3.0));
		for (DemoCountyNames.Township township : DemoCountyNames.TOWNSHIPS) {
			assertThat(DemoCountyGenerator.geodesicAreaKm2(byCode.get(township.code()).polygon())).as(township.name())
				.isCloseTo(township.areaKm2(), within(0.05 * township.areaKm2()));
		}
	}

	@Test
	void shuiyuanDatangAndQuantangMeetAtOneVertex() {
		List<Polygon> three = List.of(village("水源村").polygon(), village("达塘村").polygon(), village("泉塘村").polygon());
		Set<Coordinate> common = vertices(three.get(0));
		common.retainAll(vertices(three.get(1)));
		common.retainAll(vertices(three.get(2)));

		assertThat(common).hasSize(1);
		assertThat(three.get(0).touches(three.get(1))).isTrue();
		assertThat(three.get(1).touches(three.get(2))).isTrue();
		assertThat(three.get(0).touches(three.get(2))).isTrue();
		assertThat(List.of("水源村", "达塘村", "泉塘村"))
			.allSatisfy(name -> assertThat(village(name).parentCode()).isEqualTo(SHANGLI_TOWN));
	}

	@Test
	void everyGeometryIsValidCounterClockwiseAndRoundedToSevenDecimals() {
		for (Feature f : features) {
			Polygon p = f.polygon();
			assertThat(p.isValid()).as(f.code()).isTrue();
			assertThat(p.getNumInteriorRing()).as(f.code()).isZero();
			assertThat(Orientation.isCCW(p.getExteriorRing().getCoordinates())).as(f.code()).isTrue();
			for (Coordinate c : p.getCoordinates()) {
				assertThat(c.x).isBetween(113.5, 114.1);
				assertThat(c.y).isBetween(27.6, 28.2);
				assertThat(c.x * 1e7 - Math.rint(c.x * 1e7)).isCloseTo(0.0, within(1e-6));
				assertThat(c.y * 1e7 - Math.rint(c.y * 1e7)).isCloseTo(0.0, within(1e-6));
			}
		}
	}

	private static List<Feature> ofLevel(String level) {
		return features.stream().filter(f -> f.level().equals(level)).toList();
	}

	private static List<Feature> childrenOf(String code) {
		return features.stream().filter(f -> code.equals(f.parentCode())).toList();
	}

	private static Feature village(String name) {
		List<Feature> found = ofLevel("VILLAGE").stream().filter(f -> f.name().equals(name)).toList();
		assertThat(found).as(name).hasSize(1);
		return found.get(0);
	}

	private static Set<Coordinate> vertices(Polygon polygon) {
		return new HashSet<>(Arrays.asList(polygon.getExteriorRing().getCoordinates()));
	}

}
