package io.tiexin.people;

import java.util.List;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The "People" API over HTTP on the demo county, signed in with dev tokens. */
@TiexinIntegrationTest
class PeopleIT {

	private static final String MASKED = "\\d{3}\\*{4}\\d{4}";

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	/** Only the demo county: other tests import small counties of their own. */
	@Test
	void everyGridCellHasAGridMemberAndEveryVillageALiaisonAndACadre() {
		assertThat(count("""
				SELECT count(*) FROM area a WHERE a.level = 'GRID' AND a.code LIKE '360322%' AND NOT EXISTS (
				    SELECT 1 FROM person p JOIN person_duty_area d ON d.person_id = p.id
				    WHERE 'GRID_MEMBER' = ANY (p.roles) AND d.area_code = a.code)""")).as("cells without a grid member")
			.isZero();
		assertThat(count("""
				SELECT count(*) FROM area a WHERE a.level = 'VILLAGE' AND a.code LIKE '360322%' AND NOT EXISTS (
				    SELECT 1 FROM person p WHERE 'LIAISON' = ANY (p.roles) AND p.home_area_code LIKE a.code || '%')"""))
			.as("villages without a liaison")
			.isZero();
		assertThat(count("""
				SELECT count(*) FROM area a WHERE a.level = 'VILLAGE' AND a.code LIKE '360322%' AND NOT EXISTS (
				    SELECT 1 FROM person p JOIN person_duty_area d ON d.person_id = p.id
				    WHERE 'VILLAGE_CADRE' = ANY (p.roles) AND d.area_code = a.code)""")).as("villages without a cadre")
			.isZero();
		assertThat(count("SELECT count(*) FROM area WHERE level = 'GRID' AND code LIKE '360322%'"))
			.isGreaterThan(1_500);
	}

	@Test
	void aCellsGridMembersAndItsVillagesLiaison() {
		String cell = cellWithTwoGridMembers();
		String village = cell.substring(0, 12);
		this.client.admin()
			.documentName("people/cellPeople")
			.variable("code", cell)
			.execute()
			.path("area.gridMembers[*].username")
			.entityList(String.class)
			.containsExactly("gm-" + cell, "gm-" + cell + "-2")
			.path("area.gridMembers[0].roles")
			.entityList(String.class)
			.containsExactly("GRID_MEMBER")
			.path("area.gridMembers[0].dutyAreas[*].code")
			.entityList(String.class)
			.containsExactly(cell)
			.path("area.liaisons[*].username")
			.entityList(String.class)
			.containsExactly("liaison-" + village)
			.path("area.liaisons[0].homeArea.level")
			.entity(String.class)
			.isEqualTo("VILLAGE");
		this.client.anonymous()
			.documentName("people/areaPeople")
			.variable("code", village)
			.execute()
			.path("area.liaisons[*].username")
			.entityList(String.class)
			.containsExactly("liaison-" + village)
			.path("area.gridMembers[*].username")
			.entityList(String.class)
			.hasSize(count("SELECT count(*) FROM person WHERE username LIKE 'gm-" + village + "%'"));
	}

	@Test
	void theCellsOfATownshipLoadTheirPeopleInBatches() {
		List<String> cells = this.jdbc
			.sql("SELECT code FROM area WHERE level = 'GRID' AND code LIKE '360322105%' ORDER BY code")
			.query(String.class)
			.list();
		List<String> members = this.client.admin()
			.documentName("people/townshipCellPeople")
			.execute()
			.path("area.children[*].children[*].gridMembers[*].username")
			.entityList(String.class)
			.get();
		assertThat(members).hasSize(count("SELECT count(*) FROM person WHERE username LIKE 'gm-360322105%'"));
		assertThat(members.stream().map(username -> username.substring(3, 18)).distinct().toList())
			.containsExactlyElementsOf(cells);
	}

	@Test
	void meNeedsSignIn() {
		for (String document : List.of("people/myId", "people/personOne", "people/everyonesIds",
				"people/putPersonOneOnDuty")) {
			this.client.anonymous()
				.documentName(document)
				.execute()
				.errors()
				.expect(error -> "UNAUTHENTICATED".equals(error.getExtensions().get("code")))
				.verify();
		}
	}

	@Test
	void aCitizenMayLookUpOnlyThemself() {
		GraphQlTester citizen = this.client.as("citizen");
		long self = idOf("citizen");
		citizen.documentName("people/personWithPhone")
			.variable("id", self)
			.execute()
			.path("person.username")
			.entity(String.class)
			.isEqualTo("citizen")
			.path("person.phone")
			.entity(String.class)
			.isEqualTo(phoneOf("citizen"));
		citizen.documentName("people/person")
			.variable("id", idOf("admin"))
			.execute()
			.errors()
			.expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code")))
			.verify()
			.path("person")
			.valueIsNull();
		citizen.documentName("people/allLiaisons")
			.execute()
			.errors()
			.expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code")))
			.verify();
		this.client.as("planner")
			.documentName("people/everyone")
			.execute()
			.errors()
			.expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code")))
			.verify();
	}

	@Test
	void peopleFiltersByAreaAndRole() {
		String village = "360322101217";
		List<String> expected = this.jdbc.sql("""
				SELECT p.username FROM person p
				WHERE starts_with(p.home_area_code, ?)
				   OR EXISTS (SELECT 1 FROM person_duty_area d WHERE d.person_id = p.id AND starts_with(d.area_code, ?))
				ORDER BY p.id""").params(village, village).query(String.class).list();
		GraphQlTester cadre = this.client.as("cadre-" + village);
		cadre.documentName("people/peopleOfArea")
			.variable("code", village)
			.execute()
			.path("people[*].username")
			.entityList(String.class)
			.satisfies(usernames -> assertThat(usernames).containsExactlyElementsOf(expected)
				.contains("citizen", "liaison-" + village, "cadre-" + village));
		this.client.as("officer-360322101")
			.documentName("people/liaisonsOfArea")
			.variable("code", "360322101")
			.execute()
			.path("people[*].username")
			.entityList(String.class)
			.hasSize(count("SELECT count(*) FROM area WHERE level = 'VILLAGE' AND code LIKE '360322101%'"))
			.satisfies(usernames -> assertThat(usernames)
				.allSatisfy(username -> assertThat(username).startsWith("liaison-360322101")));
		// Above their own village, a cadre sees only the people of their village and
		// above it.
		cadre.documentName("people/liaisonsOfArea")
			.variable("code", "360322101")
			.execute()
			.path("people[*].username")
			.entityList(String.class)
			.containsExactly("liaison-" + village);
		cadre.documentName("people/liaisonsOfArea")
			.variable("code", "360322102")
			.execute()
			.errors()
			.expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code")))
			.verify();
		cadre.documentName("people/peopleOfUnknownArea")
			.execute()
			.errors()
			.expect(error -> "NOT_FOUND".equals(error.getExtensions().get("code")))
			.verify();
		cadre.documentName("people/personWithMalformedId")
			.execute()
			.errors()
			.expect(error -> "VALIDATION".equals(error.getExtensions().get("code")))
			.verify();
		cadre.documentName("people/unknownPerson").execute().path("person").valueIsNull();
	}

	@Test
	void aGridMembersPhoneIsFullForThemAndTheirOfficersMaskedForOthersAndHiddenOutsideScope() {
		String cell = "360322101217006";
		String member = "gm-" + cell;
		String phone = phoneOf(member);

		this.client.as("citizen")
			.documentName("people/gridMemberPhonesOfArea")
			.variable("code", cell)
			.execute()
			.path("area.gridMembers[0].username")
			.entity(String.class)
			.isEqualTo(member)
			.path("area.gridMembers[0].phone")
			.entity(String.class)
			.satisfies(masked -> assertThat(masked).matches(MASKED)
				.isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7)));
		this.client.anonymous()
			.documentName("people/gridMemberPhonesOfArea")
			.variable("code", cell)
			.execute()
			.path("area.gridMembers[0].phone")
			.entity(String.class)
			.matches(masked -> masked.matches(MASKED));
		this.client.as(member)
			.documentName("people/myPhone")
			.execute()
			.path("me.phone")
			.entity(String.class)
			.isEqualTo(phone);
		this.client.as("officer-360322101")
			.documentName("people/personWithPhone")
			.variable("id", idOf(member))
			.execute()
			.path("person.phone")
			.entity(String.class)
			.isEqualTo(phone);
		this.client.as("cadre-360322101217")
			.documentName("people/personWithPhone")
			.variable("id", idOf(member))
			.execute()
			.path("person.phone")
			.entity(String.class)
			.isEqualTo(phone);
		// Outside one's areas, people cannot be looked up at all; inside but not
		// supervising: masked.
		this.client.as("officer-360322102")
			.documentName("people/personWithPhone")
			.variable("id", idOf(member))
			.execute()
			.errors()
			.expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code")))
			.verify();
		this.client.as("gm-360322101217007")
			.documentName("people/personWithPhone")
			.variable("id", idOf(member))
			.execute()
			.errors()
			.expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code")))
			.verify();
		this.client.as("liaison-360322101217")
			.documentName("people/personWithPhone")
			.variable("id", idOf(member))
			.execute()
			.path("person.phone")
			.entity(String.class)
			.matches(masked -> masked.matches(MASKED));
	}

	@Test
	void aLiaisonsPhoneIsFullForAnyone() {
		String village = "360322101217";
		String phone = phoneOf("liaison-" + village);
		this.client.as("citizen3")
			.documentName("people/liaisonPhonesOfArea")
			.variable("code", village)
			.execute()
			.path("area.liaisons[0].phone")
			.entity(String.class)
			.isEqualTo(phone);
		this.client.anonymous()
			.documentName("people/liaisonPhonesOfArea")
			.variable("code", village)
			.execute()
			.path("area.liaisons[0].phone")
			.entity(String.class)
			.isEqualTo(phone);
	}

	@Test
	void aGridMemberGoesOffDutyAndTheirOfficerPutsThemBack() {
		String cell = quietCell();
		String member = "gm-" + cell;
		long id = idOf(member);
		try {
			this.client.as(member)
				.documentName("people/setOnDutyWithUsername")
				.variable("id", id)
				.variable("onDuty", false)
				.execute()
				.path("setOnDuty.onDuty")
				.entity(Boolean.class)
				.isEqualTo(false);
			assertThat(onDuty(member)).isFalse();

			this.client.as("officer-" + cell.substring(0, 9))
				.documentName("people/setOnDutyWithUsername")
				.variable("id", id)
				.variable("onDuty", true)
				.execute()
				.path("setOnDuty.username")
				.entity(String.class)
				.isEqualTo(member)
				.path("setOnDuty.onDuty")
				.entity(Boolean.class)
				.isEqualTo(true);
			assertThat(onDuty(member)).isTrue();

			this.client.as("cadre-" + cell.substring(0, 12))
				.documentName("people/setOnDutyWithUsername")
				.variable("id", id)
				.variable("onDuty", false)
				.execute()
				.path("setOnDuty.onDuty")
				.entity(Boolean.class)
				.isEqualTo(false);
			assertThat(onDuty(member)).isFalse();
		}
		finally {
			this.jdbc.sql("UPDATE person SET on_duty = true WHERE username = ?").param(member).update();
		}
	}

	@Test
	void anUnrelatedGridMemberMayNotChangeSomeonesDutyStatus() {
		String cell = quietCell();
		String member = "gm-" + cell;
		String stranger = "gm-360322101217006";
		for (String who : List.of(stranger, "citizen", "liaison-" + cell.substring(0, 12), "officer-360322101",
				"planner")) {
			this.client.as(who)
				.documentName("people/setOffDuty")
				.variable("id", idOf(member))
				.execute()
				.errors()
				.expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code")))
				.verify()
				.path("setOnDuty")
				.pathDoesNotExist();
			assertThat(onDuty(member)).as("after an attempt by " + who).isTrue();
		}
		this.client.as("admin")
			.documentName("people/setUnknownPersonOffDuty")
			.execute()
			.errors()
			.expect(error -> "NOT_FOUND".equals(error.getExtensions().get("code")))
			.verify();
	}

	/** The first cell, by code, with two grid members. */
	private String cellWithTwoGridMembers() {
		return this.jdbc.sql("""
				SELECT d.area_code FROM person_duty_area d JOIN person p ON p.id = d.person_id
				WHERE 'GRID_MEMBER' = ANY (p.roles) AND length(d.area_code) = 15 AND d.area_code LIKE '360322%'
				GROUP BY d.area_code HAVING count(*) = 2 ORDER BY d.area_code LIMIT 1""").query(String.class).single();
	}

	/**
	 * A cell of 杨岐乡, far from where other tests work, whose only grid member is on duty:
	 * changing them for a moment disturbs nobody's dispatch.
	 */
	private String quietCell() {
		return this.jdbc.sql("""
				SELECT d.area_code FROM person_duty_area d JOIN person p ON p.id = d.person_id
				WHERE 'GRID_MEMBER' = ANY (p.roles) AND d.area_code LIKE '360322203%'
				GROUP BY d.area_code HAVING count(*) = 1 AND bool_and(p.on_duty)
				ORDER BY d.area_code DESC LIMIT 1""").query(String.class).single();
	}

	private long idOf(String username) {
		return this.jdbc.sql("SELECT id FROM person WHERE username = ?").param(username).query(Long.class).single();
	}

	private String phoneOf(String username) {
		return this.jdbc.sql("SELECT phone FROM person WHERE username = ?")
			.param(username)
			.query(String.class)
			.single();
	}

	private boolean onDuty(String username) {
		return this.jdbc.sql("SELECT on_duty FROM person WHERE username = ?")
			.param(username)
			.query(Boolean.class)
			.single();
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

}
