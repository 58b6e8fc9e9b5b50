package io.tiexin.grid;

import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.internal.AreaImportRefusedException;
import io.tiexin.grid.internal.AreaImportReport;
import io.tiexin.grid.internal.AreaImporter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.tiexin.grid.AreaFileFixture.areas;
import static io.tiexin.grid.AreaFileFixture.box;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Importing area files: small hierarchies far from the demo county (so they never touch
 * it), one refusal per fixture, each leaving the database exactly as it was.
 */
@TiexinIntegrationTest
class AreaImportIT {

	@Autowired
	AreaImporter importer;

	@Autowired
	AreaCatalog catalog;

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	/**
	 * A county at 100°E 30°N whose village has two cells with a gap about 19 m wide
	 * between them.
	 */
	private static AreaFileFixture countyWithGap(String county) {
		return areas().area(county, "测试县", "COUNTY", null, box(100.00, 30.00, 100.02, 30.02))
			.area(county + "101", "测试镇", "TOWNSHIP", county, box(100.00, 30.00, 100.02, 30.02))
			.area(county + "101200", "测试村", "VILLAGE", county + "101", box(100.00, 30.00, 100.02, 30.02))
			.area(county + "101200001", "一组", "GRID", county + "101200", box(100.00, 30.00, 100.01, 30.02))
			.area(county + "101200002", "二组", "GRID", county + "101200", box(100.0102, 30.00, 100.02, 30.02));
	}

	@Test
	void aGapIsReportedAndAPointInItIsNearestWithTheGeodesicDistance() {
		AreaImportReport report = this.importer.importAreas("gap fixture", countyWithGap("990001").toBytes());

		assertThat(report.unchanged()).isFalse();
		assertThat(report.gaps()).singleElement().asString().contains("990001101200");
		assertThat(this.catalog.find("990001101200002")).isPresent();

		Map<String, Object> located = this.client.anonymous()
			.documentName("grid/locateInImportedCounty")
			.execute()
			.path("locate")
			.entity(Map.class)
			.get();
		double expected = this.jdbc.sql("""
				SELECT ST_Distance(boundary::geography, ST_SetSRID(ST_MakePoint(100.01005, 30.01), 4326)::geography)
				FROM area WHERE code = '990001101200001'""").query(Double.class).single();
		assertThat(located.get("method")).isEqualTo("NEAREST");
		assertThat(((Map<?, ?>) located.get("grid")).get("code")).isEqualTo("990001101200001");
		assertThat((Double) located.get("distanceMeters")).isCloseTo(expected, within(0.01)).isBetween(4.0, 6.0);
	}

	@Test
	void importingTheSameContentTwiceWritesNothingTheSecondTime() {
		byte[] file = countyWithGap("990002").toBytes();
		AreaImportReport first = this.importer.importAreas("twice", file);
		String before = databaseFingerprint();

		AreaImportReport second = this.importer.importAreas("twice", file);

		assertThat(second.unchanged()).isTrue();
		assertThat(second.importId()).isEqualTo(first.importId());
		assertThat(databaseFingerprint()).isEqualTo(before);
	}

	@Test
	void anInvalidRingIsRepairedAndReported() {
		String bowTie = "POLYGON ((100.1 30.1, 100.12 30.12, 100.12 30.1, 100.1 30.12, 100.1 30.1))";
		AreaImportReport report = this.importer.importAreas("bow tie",
				areas().area("990003", "自交县", "COUNTY", null, bowTie).toBytes());

		assertThat(report.repaired()).singleElement().asString().contains("990003").contains("GeometryFixer");
		assertThat(this.catalog.find("990003").orElseThrow().boundary().isValid()).isTrue();
	}

	@Test
	void anUnknownParentIsRefused() {
		assertRefusedChangingNothing(
				areas().area("990004101", "孤镇", "TOWNSHIP", "990004", box(100.2, 30.2, 100.21, 30.21)), "990004101",
				"unknown parent 990004");
	}

	@Test
	void aMissingParentIsRefused() {
		assertRefusedChangingNothing(
				areas().area("990001102", "无父镇", "TOWNSHIP", null, box(100.0, 30.0, 100.01, 30.01)), "990001102",
				"missing parentCode");
	}

	@Test
	void aCodeThatDoesNotExtendItsParentsIsRefused() {
		assertRefusedChangingNothing(
				countyWithGap("990005").area("990005102200", "错码村", "VILLAGE", "990005101",
						box(100.0, 30.0, 100.001, 30.001)),
				"990005102200", "not its parent's code 990005101 plus three digits");
	}

	@Test
	void aChildOutsideItsParentIsRefused() {
		assertRefusedChangingNothing(
				areas().area("990006", "外县", "COUNTY", null, box(100.4, 30.4, 100.42, 30.42))
					.area("990006101", "越界镇", "TOWNSHIP", "990006", box(100.4, 30.4, 100.43, 30.42)),
				"990006101", "lies outside its parent 990006");
	}

	@Test
	void overlappingSiblingsAreRefused() {
		assertRefusedChangingNothing(
				areas().area("990007", "叠县", "COUNTY", null, box(100.5, 30.5, 100.52, 30.52))
					.area("990007101", "东镇", "TOWNSHIP", "990007", box(100.5, 30.5, 100.512, 30.52))
					.area("990007102", "西镇", "TOWNSHIP", "990007", box(100.51, 30.5, 100.52, 30.52)),
				"990007101", "overlaps its sibling feature 990007102");
	}

	@Test
	void aFileThatIsNotGeoJsonIsRefused() {
		String before = databaseFingerprint();
		assertThatExceptionOfType(AreaImportRefusedException.class)
			.isThrownBy(() -> this.importer.importAreas("junk", "{\"type\": \"Feature\"".getBytes()))
			.satisfies(refused -> assertThat(refused.problems()).singleElement().asString().startsWith("not JSON"));
		assertThat(databaseFingerprint()).isEqualTo(before);
	}

	private void assertRefusedChangingNothing(AreaFileFixture file, String featureCode, String reason) {
		String before = databaseFingerprint();
		assertThatExceptionOfType(AreaImportRefusedException.class)
			.isThrownBy(() -> this.importer.importAreas("bad fixture", file.toBytes()))
			.satisfies(refused -> assertThat(refused.problems())
				.anySatisfy(problem -> assertThat(problem).contains(featureCode).contains(reason)));
		assertThat(databaseFingerprint()).isEqualTo(before);
	}

	/**
	 * Everything an import writes, hashed: equal fingerprints mean an unchanged database.
	 */
	private String databaseFingerprint() {
		return this.jdbc.sql("""
				SELECT (SELECT md5(coalesce(string_agg(code || name || level || coalesce(parent_code, '')
				                                     || encode(ST_AsBinary(boundary), 'hex'), ',' ORDER BY code), ''))
				        FROM area)
				    || (SELECT count(*) FROM area_import)""").query(String.class).single();
	}

}
