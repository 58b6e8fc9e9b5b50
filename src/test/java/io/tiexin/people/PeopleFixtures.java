package io.tiexin.people;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.people.internal.PeopleImporter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestComponent;

/**
 * People for tests, added through the people import API (the same validation as a real
 * people file): a grid member for a cell, the cadre, liaison and officer of a village or
 * township, the administrator of a county, a citizen living in a cell. Usernames are
 * derived from the role and the area ({@code fx-gm-<cell>}, {@code fx-cadre-<village>},
 * …), so asking twice gives the same person and two tests working on different areas
 * never share one.
 */
@TestComponent
public class PeopleFixtures {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PeopleImporter importer;

	private final PersonDirectory directory;

	PeopleFixtures(PeopleImporter importer, PersonDirectory directory) {
		this.importer = importer;
		this.directory = directory;
	}

	/** A grid member on duty in the cell. */
	public Person gridMember(String cellCode) {
		return add("fx-gm-" + cellCode, Role.GRID_MEMBER, null, List.of(cellCode));
	}

	/** The village's cadre, on duty. */
	public Person cadre(String villageCode) {
		return add("fx-cadre-" + villageCode, Role.VILLAGE_CADRE, villageCode, List.of(villageCode));
	}

	/** The village's liaison (贴心人), living there. */
	public Person liaison(String villageCode) {
		return add("fx-liaison-" + villageCode, Role.LIAISON, villageCode, List.of());
	}

	/** An officer of the township. */
	public Person officer(String townshipCode) {
		return add("fx-officer-" + townshipCode, Role.TOWNSHIP_OFFICER, null, List.of(townshipCode));
	}

	/** A county administrator on duty for the county: county-level cases go to them. */
	public Person countyAdmin(String countyCode) {
		return add("fx-admin-" + countyCode, Role.COUNTY_ADMIN, null, List.of(countyCode));
	}

	/** A citizen living in the cell. */
	public Person citizen(String cellCode) {
		return add("fx-citizen-" + cellCode, Role.CITIZEN, cellCode, List.of());
	}

	private Person add(String username, Role role, String homeAreaCode, List<String> dutyAreaCodes) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("username", username);
		entry.put("name", "测试" + role.ordinal());
		entry.put("roles", List.of(role.name()));
		entry.put("phone", "1390000" + String.format("%04d", Math.floorMod(username.hashCode(), 10_000)));
		entry.put("homeAreaCode", homeAreaCode);
		entry.put("dutyAreaCodes", dutyAreaCodes);
		entry.put("onDuty", true);
		this.importer.importPeople("fixture " + username,
				JSON.writeValueAsString(List.of(entry)).getBytes(StandardCharsets.UTF_8));
		return this.directory.findByUsername(username).orElseThrow();
	}

}
