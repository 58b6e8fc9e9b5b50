package io.tiexin.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tiexin.demo.DemoPeopleGenerator.DemoArea;
import io.tiexin.people.Role;
import io.tiexin.demo.DemoPeopleGenerator.DemoPerson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed demo people: reproducible from the generator, and covering every area.
 */
class DemoPeopleGeneratorTest {

	private static final Path COMMITTED = Path.of("gis-data", "shangli-360322-people.json");

	private static List<DemoArea> areas;

	private static List<DemoPerson> people;

	@BeforeAll
	static void generate() throws IOException {
		areas = DemoPeopleGenerator.readAreas(DemoPeopleGenerator.DEFAULT_AREAS);
		people = DemoPeopleGenerator.generate(areas);
	}

	@Test
	void generatorReproducesTheCommittedFileByteForByte(@TempDir Path dir) throws IOException {
		Path generated = dir.resolve("people.json");

		DemoPeopleGenerator.write(people, generated);

		assertThat(Files.mismatch(generated, COMMITTED))
			.as("first differing byte; regenerate gis-data/ as its README says")
			.isEqualTo(-1L);
	}

	@Test
	void theContractsDemoAccountsExist() {
		Map<String, DemoPerson> byUsername = people.stream()
			.collect(Collectors.toMap(DemoPerson::username, Function.identity()));
		assertThat(byUsername).hasSameSizeAs(people);
		assertThat(byUsername.get("admin").roles()).containsExactly(Role.COUNTY_ADMIN);
		assertThat(byUsername.get("admin").dutyAreaCodes()).containsExactly("360322");
		assertThat(byUsername.get("planner").roles()).containsExactly(Role.PLANNER);
		assertThat(byUsername.get("citizen").roles()).containsExactly(Role.CITIZEN);
		assertThat(byUsername.get("citizen").homeAreaCode()).startsWith("360322101").hasSize(15);
		assertThat(byUsername).containsKeys("county-officer", "citizen2", "citizen5");
	}

	@Test
	void everyCellHasAGridMemberEveryVillageACadreAndALiaisonEveryTownshipAnOfficer() {
		for (DemoArea area : areas) {
			switch (area.level()) {
				case "GRID" -> assertThat(holding(Role.GRID_MEMBER, area.code())).as(area.code())
					.isNotEmpty()
					.hasSizeLessThanOrEqualTo(2)
					.allSatisfy(member -> assertThat(member.username()).startsWith("gm-" + area.code()));
				case "VILLAGE" -> {
					assertThat(holding(Role.VILLAGE_CADRE, area.code())).as(area.code())
						.singleElement()
						.extracting(DemoPerson::username)
						.isEqualTo("cadre-" + area.code());
					assertThat(people).as(area.code())
						.filteredOn(p -> p.roles().contains(Role.LIAISON) && area.code().equals(p.homeAreaCode()))
						.singleElement()
						.extracting(DemoPerson::username)
						.isEqualTo("liaison-" + area.code());
				}
				case "TOWNSHIP" -> assertThat(holding(Role.TOWNSHIP_OFFICER, area.code())).as(area.code())
					.singleElement()
					.extracting(DemoPerson::username)
					.isEqualTo("officer-" + area.code());
				default -> {
				}
			}
		}
	}

	@Test
	void someGridCellsHaveTwoMembersAndAFewMembersAreOffDuty() {
		List<DemoPerson> members = people.stream().filter(p -> p.roles().contains(Role.GRID_MEMBER)).toList();
		long cells = areas.stream().filter(area -> area.level().equals("GRID")).count();
		assertThat(members.size() - cells).as("second members").isBetween(cells / 20, cells / 5);
		long offDuty = members.stream().filter(member -> !member.onDuty()).count();
		assertThat(offDuty).isBetween(members.size() / 100L, members.size() / 20L);
		assertThat(people).filteredOn(p -> !p.roles().contains(Role.GRID_MEMBER)).allMatch(DemoPerson::onDuty);
	}

	@Test
	void namesArePlausibleAndPhonesUniqueElevenDigitMobiles() {
		Set<String> phones = people.stream().map(DemoPerson::phone).collect(Collectors.toSet());
		assertThat(phones).hasSameSizeAs(people).allMatch(phone -> phone.matches("1[358]\\d{9}"));
		assertThat(people).allSatisfy(p -> assertThat(p.name()).matches("\\p{IsHan}{2,4}"));
		assertThat(people.stream().map(DemoPerson::name).distinct().count()).as("distinct names")
			.isGreaterThan(people.size() / 2);
	}

	@Test
	void everyAreaCodeIsOneOfTheCountys() {
		Set<String> codes = areas.stream().map(DemoArea::code).collect(Collectors.toSet());
		for (DemoPerson person : people) {
			assertThat(person.dutyAreaCodes()).as(person.username()).allMatch(codes::contains);
			if (person.homeAreaCode() != null) {
				assertThat(codes).as(person.username()).contains(person.homeAreaCode());
			}
		}
	}

	private static List<DemoPerson> holding(Role role, String dutyAreaCode) {
		return people.stream()
			.filter(p -> p.roles().contains(role) && p.dutyAreaCodes().contains(dutyAreaCode))
			.toList();
	}

}
