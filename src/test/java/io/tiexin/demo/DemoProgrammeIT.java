package io.tiexin.demo;

import java.util.List;

import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The programme's demo history for one village (the tests switch the start-up run off):
 * profiles, visits and meetings through the public operations, filed items closed with
 * their petitions.
 */
@TiexinIntegrationTest
class DemoProgrammeIT {

	@Autowired
	DemoProgrammeOnStart demo;

	@Autowired
	AreaCatalog areas;

	@Autowired
	JdbcClient jdbc;

	@Test
	void oneVillagesYearOfMeetingsVisitsAndProfiles() {
		Area village = this.areas.children("360322201").get(2);
		int[] counts = this.demo.load(List.of(village), 4);
		assertThat(counts[0]).as("profiles")
			.isEqualTo(this.jdbc.sql(
					"SELECT count(*) FROM liaison_profile p JOIN person x ON x.id = p.person_id WHERE x.home_area_code LIKE ? || '%'")
				.param(village.code())
				.query(Integer.class)
				.single());
		assertThat(counts[2]).as("meetings held").isEqualTo(4);
		assertThat(this.jdbc.sql("SELECT count(*) FROM meeting WHERE status = 'HELD' AND area_code LIKE ? || '%'")
			.param(village.code())
			.query(Integer.class)
			.single()).isEqualTo(4);
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM meeting_item i JOIN petition p ON p.id = i.petition_id
				WHERE i.area_code LIKE ? || '%' AND (i.status = 'CLOSED') <> (p.status IN ('CLOSED', 'WITHDRAWN'))""")
			.param(village.code())
			.query(Integer.class)
			.single()).as("items out of step with their petitions").isZero();
		assertThat(counts[4]).as("filed items closed").isLessThanOrEqualTo(counts[3]);
	}

}
