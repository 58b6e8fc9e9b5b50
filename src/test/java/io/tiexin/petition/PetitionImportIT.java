package io.tiexin.petition;

import io.tiexin.petition.intake.TrackingNumbers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.tiexin.TiexinIntegrationTest;
import io.tiexin.petition.PetitionImport.Format;
import io.tiexin.petition.PetitionImport.Options;
import io.tiexin.petition.PetitionImport.Rejection;
import io.tiexin.petition.PetitionImport.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk import end to end against PostGIS: COPY into staging, per-row rejections with line
 * numbers, grid matching, tracking numbers, timeline events, dispatch of the open cases,
 * all-or-nothing and idempotent re-import. The petitions it writes are removed
 * afterwards, so the other tests sharing the database see the county as they left it.
 */
@TiexinIntegrationTest
class PetitionImportIT {

	/**
	 * Lines 2–5 good (two open: dispatched), line 6 swapped coordinates, line 7 far
	 * outside, line 8 repeats line 2's id.
	 */
	private static final String CSV = """
			external_id,submitted_at,title,description,category_code,channel,urgency,lon,lat,crs,area_code,place_text,status,closed_at,satisfaction,contact_name,contact_phone,address
			IT-1,2026-03-02 09:14:00,路灯不亮,"路口的灯,坏了三天",STREET_LIGHT,HOTLINE_12345,NORMAL,113.830206,27.870462,WGS84,,,SUBMITTED,,,李桂英,13807990001,泉塘村六组路口
			IT-2,2026-03-02 10:30:00,路面坑洼,,ROADS,HOTLINE_12345,URGENT,113.831207,27.877329,,,,IN_PROGRESS,,,,,
			IT-3,2026-02-11T08:05:00+08:00,垃圾未清运,,环境卫生,,,,,,360322101217001,,CLOSED,2026-02-12 16:40:00,满意,,,
			IT-4,2026-02-20 15:00:00,邻里纠纷,,DISPUTE,,,,,,,泉塘村六组,RESOLVED,,,,,
			IT-5,2026-03-03 11:00:00,路面坑洼,,ROADS,,,27.870462,113.830206,,,,SUBMITTED,,,,,
			IT-6,2026-03-03 11:00:00,路面坑洼,,ROADS,,,116.40,39.90,,,,SUBMITTED,,,,,
			IT-1,2026-03-03 11:00:00,路灯不亮,,STREET_LIGHT,,,113.830206,27.870462,,,,SUBMITTED,,,,,
			""";

	@Autowired
	PetitionImport petitionImport;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path folder;

	@AfterEach
	void removeImportedPetitions() {
		this.jdbc
			.sql("""
					DELETE FROM petition_event WHERE petition_id IN (SELECT id FROM petition WHERE external_source LIKE 'it-%')""")
			.update();
		this.jdbc.sql("DELETE FROM petition WHERE external_source LIKE 'it-%'").update();
	}

	@Test
	void goodRowsLoadMatchedAndDispatchedWhileBadLinesAreReported() throws IOException {
		Report report = importCsv(CSV, "it-csv", false);

		assertThat(report.read()).isEqualTo(7);
		assertThat(report.loaded()).isEqualTo(4);
		assertThat(report.rejected()).isEqualTo(3);
		assertThat(report.rejections()).extracting(Rejection::line).containsExactly(6L, 7L, 8L);
		assertThat(report.rejections().get(0).reason()).contains("latitude must be between -90 and 90");
		assertThat(report.rejections().get(1).reason()).contains("outside the service area");
		assertThat(report.rejections().get(2).reason()).contains("external_id repeats the one on line 2");
		assertThat(report.assigned() + report.queued()).isEqualTo(2);
		assertThat(this.jdbc
			.sql("SELECT detail FROM audit_log WHERE action = 'PETITIONS_IMPORTED' AND detail LIKE 'source=it-csv,%'")
			.query(String.class)
			.list()).as("one audit entry for the run").containsExactly("source=it-csv, read=7, loaded=4, rejected=3");
		assertThat(count("SELECT count(*) FROM audit_log a JOIN petition p ON p.id = a.petition_id "
				+ "WHERE p.external_source = 'it-csv' AND a.action = 'PETITION_IMPORTED'"))
			.as("the imported rows' own events are not copied into the audit log (their dispatch is)")
			.isZero();

		List<Map<String, Object>> rows = this.jdbc.sql("""
				SELECT external_id, status, grid_code, area_code, match_method, assignee_id IS NOT NULL AS assigned,
				       due_at IS NOT NULL AS has_due, satisfaction, tracking_number, contact_name
				FROM petition WHERE external_source = 'it-csv' ORDER BY external_id""").query().listOfRows();
		assertThat(rows).extracting(r -> r.get("external_id")).containsExactly("IT-1", "IT-2", "IT-3", "IT-4");
		Map<String, Object> streetLight = rows.get(0);
		assertThat(streetLight.get("grid_code")).isEqualTo("360322101217006");
		assertThat(streetLight.get("match_method")).isEqualTo("CONTAINS");
		assertThat(streetLight.get("status")).isEqualTo("ASSIGNED");
		assertThat(streetLight.get("assigned")).isEqualTo(true);
		assertThat(streetLight.get("has_due")).isEqualTo(true);
		assertThat(streetLight.get("contact_name")).isEqualTo("李桂英");
		assertThat(TrackingNumbers.isWellFormed((String) streetLight.get("tracking_number"))).isTrue();
		assertThat((String) streetLight.get("tracking_number")).startsWith("260302-");
		// IN_PROGRESS in the export: dispatched afresh here, to a township officer (a
		// ROADS case).
		assertThat(rows.get(1).get("grid_code")).isEqualTo("360322101217001");
		assertThat(rows.get(1).get("status")).isEqualTo("ASSIGNED");
		assertThat(rows.get(2).get("status")).isEqualTo("CLOSED");
		assertThat(rows.get(2).get("grid_code")).isEqualTo("360322101217001");
		assertThat(rows.get(2).get("satisfaction")).isEqualTo("SATISFIED");
		assertThat(rows.get(3).get("status")).isEqualTo("RESOLVED");
		assertThat(rows.get(3).get("grid_code")).isEqualTo("360322101217006");

		List<String> timeline = this.jdbc.sql("""
				SELECT e.type FROM petition_event e JOIN petition p ON p.id = e.petition_id
				WHERE p.external_source = 'it-csv' AND p.external_id = 'IT-1' ORDER BY e.id""")
			.query(String.class)
			.list();
		assertThat(timeline).containsExactly("IMPORTED", "ASSIGNED");
		assertThat(count("SELECT count(*) FROM petition_event e JOIN petition p ON p.id = e.petition_id "
				+ "WHERE p.external_source = 'it-csv' AND e.type = 'IMPORTED'"))
			.isEqualTo(4);
	}

	@Test
	void importingTheSameFileAgainLoadsNothingNew() throws IOException {
		importCsv(CSV, "it-again", false);
		long events = count("SELECT count(*) FROM petition_event e JOIN petition p ON p.id = e.petition_id "
				+ "WHERE p.external_source = 'it-again'");

		Report again = importCsv(CSV, "it-again", false);

		assertThat(again.loaded()).isZero();
		assertThat(again.alreadyImported()).isEqualTo(4);
		assertThat(again.assigned() + again.queued()).isZero();
		assertThat(count("SELECT count(*) FROM petition WHERE external_source = 'it-again'")).isEqualTo(4);
		assertThat(count("SELECT count(*) FROM petition_event e JOIN petition p ON p.id = e.petition_id "
				+ "WHERE p.external_source = 'it-again'"))
			.isEqualTo(events);
	}

	@Test
	void allOrNothingLoadsNothingWhenOneLineIsBad() throws IOException {
		long before = count("SELECT count(*) FROM petition");

		Report report = importCsv(CSV, "it-all", true);

		assertThat(report.refused()).isTrue();
		assertThat(report.loaded()).isZero();
		assertThat(report.rejections()).extracting(Rejection::line).containsExactly(6L, 7L, 8L);
		assertThat(count("SELECT count(*) FROM petition")).isEqualTo(before);

		String good = CSV.lines().limit(5).reduce("", (a, b) -> a + b + "\n");
		Report clean = importCsv(good, "it-all", true);
		assertThat(clean.refused()).isFalse();
		assertThat(clean.loaded()).isEqualTo(4);
	}

	@Test
	void geoJsonFeaturesLoadWithTheirPointsAndBadFeaturesAreNamedByLine() throws IOException {
		String geojson = """
				{
				  "type": "FeatureCollection",
				  "features": [
				    {
				      "type": "Feature",
				      "id": "GJ-1",
				      "geometry": { "type": "Point", "coordinates": [113.830206, 27.870462] },
				      "properties": { "submitted_at": "2026-03-02 09:14:00", "title": "自来水停水",
				                      "category_code": "WATER_SUPPLY", "status": "SUBMITTED", "layer": "ignored" }
				    },
				    {
				      "type": "Feature",
				      "geometry": null,
				      "properties": { "external_id": "GJ-2", "submitted_at": "2026-02-11 08:05", "title": "垃圾未清运",
				                      "category_code": "ENVIRONMENT", "area_code": "360322101217001",
				                      "status": "CLOSED", "closed_at": "2026-02-12 16:40", "satisfaction": "BASICALLY_SATISFIED" }
				    },
				    {
				      "type": "Feature",
				      "geometry": { "type": "LineString", "coordinates": [[113.83, 27.87], [113.84, 27.88]] },
				      "properties": { "external_id": "GJ-3", "submitted_at": "2026-03-02 09:14:00", "title": "x",
				                      "category_code": "ROADS" }
				    },
				    {
				      "type": "Feature",
				      "geometry": { "type": "Point", "coordinates": [113.830206, 27.870462] },
				      "properties": { "external_id": "GJ-4", "submitted_at": "2026-03-02 09:14:00", "title": "x",
				                      "category_code": "NO_SUCH" }
				    }
				  ]
				}
				""";
		Path file = this.folder.resolve("export.geojson");
		Files.writeString(file, geojson);

		Report report = this.petitionImport.importFile(file, Format.of(file), StandardCharsets.UTF_8,
				Options.of("it-geojson", false), PetitionImport.Progress.NONE);

		assertThat(report.read()).isEqualTo(4);
		assertThat(report.loaded()).isEqualTo(2);
		assertThat(report.rejections()).extracting(Rejection::line).containsExactly(18L, 24L);
		assertThat(report.rejections().get(0).reason()).contains("geometry must be a Point");
		assertThat(report.rejections().get(1).reason()).contains("unknown category_code): NO_SUCH");
		assertThat(report.assigned() + report.queued()).isEqualTo(1);
		List<Map<String, Object>> rows = this.jdbc.sql("""
				SELECT external_id, grid_code, status, assignee_id IS NOT NULL AS assigned FROM petition
				WHERE external_source = 'it-geojson' ORDER BY external_id""").query().listOfRows();
		assertThat(rows).extracting(r -> r.get("external_id")).containsExactly("GJ-1", "GJ-2");
		assertThat(rows.get(0).get("grid_code")).isEqualTo("360322101217006");
		assertThat(rows.get(0).get("status")).isEqualTo("ASSIGNED");
		assertThat(rows.get(0).get("assigned")).isEqualTo(true);
		assertThat(rows.get(1).get("grid_code")).isEqualTo("360322101217001");
		assertThat(rows.get(1).get("status")).isEqualTo("CLOSED");
	}

	private Report importCsv(String csv, String source, boolean allOrNothing) throws IOException {
		Path file = this.folder.resolve(source + "-" + System.nanoTime() + ".csv");
		Files.writeString(file, csv);
		return this.petitionImport.importFile(file, Format.CSV, StandardCharsets.UTF_8,
				Options.of(source, allOrNothing), PetitionImport.Progress.NONE);
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
