package io.tiexin.people.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.tiexin.TiexinIntegrationTest;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory.ImportCounts;
import io.tiexin.people.PersonDirectory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Importing people files: the demo file again changes nothing; a file naming an unknown
 * area is refused whole. The small fixtures hold citizens only, so they never change
 * anyone's dispatch.
 */
@TiexinIntegrationTest
class PeopleImportIT {

	@Autowired
	PeopleImporter importer;

	@Autowired
	PersonDirectory directory;

	@Autowired
	JdbcClient jdbc;

	@Test
	void importingTheDemoFileAgainChangesNothing() throws IOException {
		byte[] demo = Files.readAllBytes(Path.of("gis-data", "shangli-360322-people.json"));
		String before = fingerprint();

		ImportCounts counts = this.importer.importPeople("demo again", demo);

		assertThat(counts.unchanged()).isTrue();
		assertThat(counts.inFile()).isGreaterThan(2_500);
		assertThat(fingerprint()).isEqualTo(before);
	}

	@Test
	void aChangedEntryIsUpdatedAndItsDutyAreasReplaced() {
		this.importer.importPeople("first", json("""
				[{"username":"import-test-1","name":"测试甲","roles":["CITIZEN"],"phone":"13000000001",
				  "homeAreaCode":"360322101200001","dutyAreaCodes":["360322101200001"]}]"""));
		ImportCounts counts = this.importer.importPeople("second", json("""
				[{"username":"import-test-1","name":"测试乙","roles":["CITIZEN"],"phone":"13000000001",
				  "homeAreaCode":"360322101200001","dutyAreaCodes":["360322101200002"],"onDuty":false}]"""));

		assertThat(counts.peopleWritten()).isEqualTo(1);
		assertThat(counts.dutyAreasChanged()).isEqualTo(2);
		Person person = this.directory.findByUsername("import-test-1").orElseThrow();
		assertThat(person.name()).isEqualTo("测试乙");
		assertThat(person.dutyAreaCodes()).containsExactly("360322101200002");
		assertThat(person.onDuty()).as("onDuty is only the starting state").isTrue();
	}

	@Test
	void aFileWithAnUnknownAreaIsRefusedWholeAndWritesNothing() {
		String before = fingerprint();
		byte[] file = json("""
				[{"username":"import-test-2","name":"测试丙","roles":["CITIZEN"],"homeAreaCode":"360322101200001"},
				 {"username":"import-test-3","name":"测试丁","roles":["GRID_MEMBER"],"dutyAreaCodes":["360322999999999"]},
				 {"username":"import-test-3","name":"","roles":["MAYOR"]}]""");

		assertThatExceptionOfType(PeopleImportRefusedException.class)
			.isThrownBy(() -> this.importer.importPeople("bad file", file))
			.satisfies(refusal -> assertThat(refusal.problems()).hasSize(4)
				.anySatisfy(problem -> assertThat(problem).contains("import-test-3").contains("360322999999999"))
				.anySatisfy(problem -> assertThat(problem).contains("duplicate username"))
				.anySatisfy(problem -> assertThat(problem).contains("MAYOR")))
			.withMessageContaining("nothing was written");
		assertThat(this.directory.findByUsername("import-test-2")).isEmpty();
		assertThat(fingerprint()).isEqualTo(before);
	}

	private String fingerprint() {
		return this.jdbc.sql("""
				SELECT md5(string_agg(p::text || coalesce(d.codes, ''), ',' ORDER BY p.id))
				FROM person p
				LEFT JOIN (SELECT person_id, string_agg(area_code, ' ' ORDER BY area_code) AS codes
				           FROM person_duty_area GROUP BY person_id) d ON d.person_id = p.id""")
			.query(String.class)
			.single();
	}

	private static byte[] json(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
