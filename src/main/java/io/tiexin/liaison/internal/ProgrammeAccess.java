package io.tiexin.liaison.internal;

import java.util.stream.Stream;

import io.tiexin.people.Actor;
import io.tiexin.people.Person;
import io.tiexin.people.Role;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

/**
 * Who may do what with visits and liaison profiles; the same rules as people's
 * (PersonAccess): a supervisor is a village cadre or township officer whose duty area
 * contains one of the person's areas, or a county administrator.
 */
final class ProgrammeAccess {

	private ProgrammeAccess() {
	}

	static boolean isStaff(Actor actor) {
		return actor.hasAny(Role.GRID_MEMBER, Role.LIAISON, Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER,
				Role.COUNTY_ADMIN);
	}

	static Actor requireStaff(Actor actor) {
		if (!isStaff(actor)) {
			throw new TiexinException(ErrorCode.FORBIDDEN, "仅限网格员、贴心人和干部 (grid members, liaisons and officers only)");
		}
		return actor;
	}

	/** The area lies in the actor's scope or contains part of it, as for people(). */
	static void requireAreaOverlap(Actor actor, String areaCode) {
		if (!actor.coversCounty() && !actor.overlaps(areaCode)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"该区域不在您的辖区内 (this area is outside the areas you work in): " + areaCode);
		}
	}

	static boolean isSelf(Actor actor, long personId) {
		return actor != null && actor.personId() == personId;
	}

	/**
	 * County administrator, or cadre / officer whose duty area holds one of the person's
	 * areas.
	 */
	static boolean supervises(Actor actor, Person person) {
		if (actor.has(Role.COUNTY_ADMIN)) {
			return true;
		}
		return actor.hasAny(Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER)
				&& Stream.concat(person.dutyAreaCodes().stream(), Stream.ofNullable(person.homeAreaCode()))
					.anyMatch(actor::worksIn);
	}

	/** Officer (cadre, township officer, county administrator) of the area. */
	static boolean isOfficerOf(Actor actor, String areaCode) {
		return actor.has(Role.COUNTY_ADMIN)
				|| (actor.hasAny(Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER) && actor.worksIn(areaCode));
	}

	/** {@code 王*}, {@code 欧阳**}: the family name stays. */
	static String maskName(String name) {
		if (name == null || name.isEmpty()) {
			return name;
		}
		return name.charAt(0) + "*".repeat(Math.max(1, name.length() - 1));
	}

	/**
	 * The person as someone who may not see them in full does: masked name, nothing else.
	 */
	static Person masked(Person person) {
		return new Person(person.id(), "", maskName(person.name()), person.roles(), null, null, java.util.List.of(),
				person.onDuty());
	}

}
