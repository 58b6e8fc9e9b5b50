package io.tiexin.department.internal;

import java.nio.charset.StandardCharsets;

import io.tiexin.TiexinIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The departments file: the demo county's loaded at start, importing it again changes
 * nothing, and a bad file is refused whole, listing its problems, with nothing written.
 */
@TiexinIntegrationTest
class DepartmentImportIT {

	@Autowired
	DepartmentImporter importer;

	@Autowired
	ResourceLoader resources;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDemoCountysDepartmentsAreLoadedAndImportingThemAgainChangesNothing() throws Exception {
		assertThat(count("SELECT count(*) FROM department")).isEqualTo(14);
		assertThat(count("SELECT count(*) FROM department_staff")).isEqualTo(28);
		assertThat(count("SELECT count(*) FROM person WHERE 'DEPARTMENT_STAFF' = ANY (roles)")).isEqualTo(28);
		String location = "classpath:gis-data/shangli-360322-departments.json";
		byte[] file = this.resources.getResource(location).getContentAsByteArray();

		assertThat(this.importer.importDepartments(location, file)).isZero();
		assertThat(count("SELECT count(*) FROM department_staff")).isEqualTo(28);
	}

	@Test
	void aBadFileIsRefusedWholeListingEachProblem() {
		String bad = """
				[{"code":"NEW_DEPT","name":"新部门","categories":["ROADS"],"staff":[{"username":"dept-new-1","name":"张三"}]},
				 {"code":"lower","name":"x"},
				 {"code":"TRANSPORT","name":"","categories":["NO_SUCH"]},
				 {"code":"HEALTH","name":"卫健委","dutyPhone":"call me","staff":[{"username":"dept-new-1","name":"李四"}]}]""";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.importer.importDepartments("bad.json", bad.getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("department 2) lower: code")
			.withMessageContaining("unknown category")
			.withMessageContaining("name missing")
			.withMessageContaining("invalid dutyPhone")
			.withMessageContaining("duplicate staff username");
		assertThat(count("SELECT count(*) FROM department WHERE code = 'NEW_DEPT'")).isZero();
		assertThat(count("SELECT count(*) FROM person WHERE username = 'dept-new-1'")).isZero();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.importer.importDepartments("bad.json", "{".getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("not valid JSON");
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

}
