package io.tiexin.people.internal;

import java.util.stream.Stream;

import io.tiexin.people.Actor;
import io.tiexin.people.Person;
import io.tiexin.people.PhoneNumbers;
import io.tiexin.people.Role;

/**
 * Who may see and change what of a person. A supervisor is an officer (village cadre,
 * township officer) whose duty area contains one of the person's areas, or a county
 * administrator.
 */
public final class PersonAccess {

	private PersonAccess() {
	}

	/**
	 * The phone number as the viewer may see it: in full for the person themself, their
	 * supervisors and for any liaison (their numbers are on a public board by design);
	 * otherwise masked like {@code 138****5678}. {@code viewer} is {@code null} for an
	 * anonymous request.
	 */
	static String phoneAsSeenBy(Person person, Actor viewer) {
		if (person.phone() == null) {
			return null;
		}
		boolean full = person.has(Role.LIAISON) || isSelf(viewer, person) || supervises(viewer, person);
		return full ? person.phone() : PhoneNumbers.mask(person.phone());
	}

	/**
	 * Whether the viewer sees who the person is (full name, username, home area, open
	 * cases), or only a masked name ({@code 张**}), {@code ***} for the username and
	 * nothing else personal. Public by design: liaisons, whose names, phones, duties and
	 * home villages are on the liaison board. Otherwise the person themself, their
	 * supervisors, and, for staff, any colleague who works cases, and the citizens whose
	 * cases they handle; never anonymous callers or planners. A citizen is seen only by
	 * themself and their supervisors: a grid member who sees a petition's contact as
	 * {@code 张**} sees its submitter on the timeline the same way. {@code viewer} is
	 * {@code null} for an anonymous request.
	 */
	public static boolean showsIdentity(Person person, Actor viewer) {
		return person.has(Role.LIAISON) || showsWorkload(person, viewer);
	}

	/**
	 * Whether the viewer sees the person's workload ({@code openCases}): who may see who
	 * they are, except that a liaison's is not on the public board: for anonymous callers
	 * and planners it is 0, as it is for every other member of staff.
	 */
	public static boolean showsWorkload(Person person, Actor viewer) {
		if (isSelf(viewer, person) || supervises(viewer, person)) {
			return true;
		}
		// staff are known to whoever signs in (a submitter sees who handles their case),
		// never to anonymous callers or planners (aggregates only)
		boolean staff = person.roles().stream().anyMatch(role -> role != Role.CITIZEN && role != Role.PLANNER);
		return staff && viewer != null && !viewer.roles().equals(java.util.Set.of(Role.PLANNER));
	}

	static boolean supervises(Actor actor, Person person) {
		if (actor == null) {
			return false;
		}
		if (actor.has(Role.COUNTY_ADMIN)) {
			return true;
		}
		return actor.hasAny(Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER)
				&& Stream.concat(person.dutyAreaCodes().stream(), Stream.ofNullable(person.homeAreaCode()))
					.anyMatch(actor::worksIn);
	}

	/**
	 * The person themself, a county administrator, or an officer whose duty area contains
	 * one of the person's duty areas: who arranges the work may say who is on duty.
	 */
	static boolean maySetOnDuty(Actor actor, Person person) {
		if (isSelf(actor, person) || actor.has(Role.COUNTY_ADMIN)) {
			return true;
		}
		return actor.hasAny(Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER)
				&& person.dutyAreaCodes().stream().anyMatch(actor::worksIn);
	}

	/**
	 * Whether the actor may look other people up ({@code person}, {@code people}): those
	 * who work cases. Citizens may not, and neither may planners, who read aggregates
	 * only, never personal data.
	 */
	static boolean mayLookUpPeople(Actor actor) {
		return actor.hasAny(Role.GRID_MEMBER, Role.LIAISON, Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER,
				Role.COUNTY_ADMIN);
	}

	/**
	 * Whether the person works in the actor's areas or above them (their supervisors):
	 * whom staff may look up. County staff are related to everyone.
	 */
	static boolean isRelated(Actor actor, Person person) {
		return isSelf(actor, person) || actor.coversCounty()
				|| Stream.concat(person.dutyAreaCodes().stream(), Stream.ofNullable(person.homeAreaCode()))
					.anyMatch(actor::overlaps);
	}

	private static boolean isSelf(Actor actor, Person person) {
		return actor != null && actor.personId() == person.id();
	}

}
