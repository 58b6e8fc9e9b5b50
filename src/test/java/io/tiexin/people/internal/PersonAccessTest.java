package io.tiexin.people.internal;

import java.util.List;
import java.util.Set;

import io.tiexin.people.Actor;
import io.tiexin.people.Person;
import io.tiexin.people.PhoneNumbers;
import io.tiexin.people.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who sees a full phone number and who may change a duty status. */
class PersonAccessTest {

	private static final String CELL = "360322101217006";

	private static final String VILLAGE = "360322101217";

	private final Person gridMember = person(1, Role.GRID_MEMBER, "13812345678", CELL, List.of(CELL));

	private final Person liaison = person(2, Role.LIAISON, "15900001111", VILLAGE, List.of());

	@Test
	void masksAllButTheFirstThreeAndTheLastFourCharacters() {
		assertThat(PhoneNumbers.mask("13812345678")).isEqualTo("138****5678");
		assertThat(PhoneNumbers.mask("+8613812345678")).isEqualTo("+86*******5678");
		assertThat(PhoneNumbers.mask("12345678")).isEqualTo("123*5678");
		assertThat(PhoneNumbers.mask("1234567")).isEqualTo("*******");
	}

	@Test
	void aGridMembersPhoneIsFullForThemselfAndTheirOfficersOnly() {
		assertThat(phoneSeenBy(actor(1, Role.GRID_MEMBER, CELL))).isEqualTo("13812345678");
		assertThat(phoneSeenBy(actor(10, Role.TOWNSHIP_OFFICER, "360322101"))).isEqualTo("13812345678");
		assertThat(phoneSeenBy(actor(11, Role.VILLAGE_CADRE, VILLAGE))).isEqualTo("13812345678");
		assertThat(phoneSeenBy(actor(12, Role.COUNTY_ADMIN, "360322"))).isEqualTo("13812345678");

		assertThat(phoneSeenBy(null)).as("anonymous").isEqualTo("138****5678");
		assertThat(phoneSeenBy(actor(20, Role.CITIZEN))).isEqualTo("138****5678");
		assertThat(phoneSeenBy(actor(21, Role.GRID_MEMBER, "360322101217007"))).as("a neighbour")
			.isEqualTo("138****5678");
		assertThat(phoneSeenBy(actor(22, Role.TOWNSHIP_OFFICER, "360322102"))).as("another township")
			.isEqualTo("138****5678");
		assertThat(phoneSeenBy(actor(23, Role.PLANNER, "360322"))).isEqualTo("138****5678");
		assertThat(phoneSeenBy(actor(24, Role.LIAISON))).isEqualTo("138****5678");
	}

	@Test
	void anOfficerOfTheHomeAreaIsASupervisorToo() {
		Person citizen = person(3, Role.CITIZEN, "18900002222", CELL, List.of());
		assertThat(PersonAccess.phoneAsSeenBy(citizen, actor(11, Role.VILLAGE_CADRE, VILLAGE)))
			.isEqualTo("18900002222");
		assertThat(PersonAccess.phoneAsSeenBy(citizen, actor(1, Role.GRID_MEMBER, CELL))).isEqualTo("189****2222");
	}

	@Test
	void aLiaisonsPhoneIsPublic() {
		assertThat(PersonAccess.phoneAsSeenBy(this.liaison, null)).isEqualTo("15900001111");
		assertThat(PersonAccess.phoneAsSeenBy(this.liaison, actor(20, Role.CITIZEN))).isEqualTo("15900001111");
	}

	@Test
	void noPhoneStaysNoPhone() {
		assertThat(PersonAccess.phoneAsSeenBy(person(4, Role.CITIZEN, null, CELL, List.of()), null)).isNull();
	}

	@Test
	void aDutyStatusIsChangedByThePersonOrTheirOfficers() {
		assertThat(PersonAccess.maySetOnDuty(actor(1, Role.GRID_MEMBER, CELL), this.gridMember)).isTrue();
		assertThat(PersonAccess.maySetOnDuty(actor(11, Role.VILLAGE_CADRE, VILLAGE), this.gridMember)).isTrue();
		assertThat(PersonAccess.maySetOnDuty(actor(10, Role.TOWNSHIP_OFFICER, "360322101"), this.gridMember)).isTrue();
		assertThat(PersonAccess.maySetOnDuty(actor(12, Role.COUNTY_ADMIN, "360322"), this.gridMember)).isTrue();

		assertThat(PersonAccess.maySetOnDuty(actor(21, Role.GRID_MEMBER, CELL), this.gridMember)).as("a colleague")
			.isFalse();
		assertThat(PersonAccess.maySetOnDuty(actor(22, Role.TOWNSHIP_OFFICER, "360322102"), this.gridMember)).isFalse();
		assertThat(PersonAccess.maySetOnDuty(actor(24, Role.LIAISON), this.gridMember)).isFalse();
		assertThat(PersonAccess.maySetOnDuty(actor(20, Role.CITIZEN), this.gridMember)).isFalse();
	}

	@Test
	void peopleAreLookedUpByThoseWhoWorkCasesOnly() {
		assertThat(PersonAccess.mayLookUpPeople(actor(1, Role.GRID_MEMBER, CELL))).isTrue();
		assertThat(PersonAccess.mayLookUpPeople(actor(2, Role.LIAISON))).isTrue();
		assertThat(PersonAccess.mayLookUpPeople(actor(20, Role.CITIZEN))).isFalse();
		assertThat(PersonAccess.mayLookUpPeople(actor(23, Role.PLANNER, "360322"))).isFalse();
	}

	private String phoneSeenBy(Actor viewer) {
		return PersonAccess.phoneAsSeenBy(this.gridMember, viewer);
	}

	private static Person person(long id, Role role, String phone, String home, List<String> duty) {
		return new Person(id, "p" + id, "某人", Set.of(role), phone, home, duty, true);
	}

	private static Actor actor(long id, Role role, String... dutyAreas) {
		return new Actor(id, "a" + id, Set.of(role), List.of(dutyAreas), null);
	}

}
