package io.tiexin.petition;

import io.tiexin.people.Actor;

/**
 * Who may read a petition's contact details (name, phone, address): the submitter, the assignee,
 * and cadres and officers of its area. Everyone else gets masked values.
 */
final class ContactDetails {

	private ContactDetails() {
	}

	static boolean mayRead(Petition petition, Actor actor) {
		return petition.submitterId() == actor.personId()
				|| (petition.assigneeId() != null && petition.assigneeId() == actor.personId())
				|| PetitionLifecycle.isOfficerOf(petition.areaCode(), actor);
	}

	/** {@code 王*}, {@code 欧阳**}: the family name stays. */
	static String maskName(String name) {
		if (name == null || name.isEmpty()) {
			return name;
		}
		return name.charAt(0) + "*".repeat(Math.max(1, name.length() - 1));
	}
}
