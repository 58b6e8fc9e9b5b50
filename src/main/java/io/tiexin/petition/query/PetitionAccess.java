package io.tiexin.petition.query;

import io.tiexin.petition.Petition;
import io.tiexin.petition.lifecycle.PetitionLifecycle;

import java.util.Set;

import io.tiexin.people.Actor;
import io.tiexin.people.Role;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

/**
 * Who may see which petitions, and how much of each: the one place the petition module's
 * read rules live, applied by its services (not by controllers) so every way in obeys
 * them.
 * <ul>
 * <li>A citizen sees the petitions they submitted; others' only as public map points
 * (vector tiles) without personal fields.</li>
 * <li>Staff see the petitions of their scope ({@link Actor#scopeAreaCodes()}: a grid
 * member's cells, a liaison's home village, a cadre's village, an officer's township, the
 * whole county for an administrator) and those they are a party to (submitted, assigned,
 * liaison of).</li>
 * <li>Planners see aggregates only, never an individual petition.</li>
 * </ul>
 * A petition outside one's scope is {@code FORBIDDEN} when asked for by id: ids are
 * sequential and reveal nothing. By tracking number it is {@code NOT_FOUND}, as for a
 * number never issued: tracking numbers are what residents quote on the phone, and "that
 * one exists, but not for you" would tell a caller someone filed it.
 */
public final class PetitionAccess {

	private PetitionAccess() {
	}

	/**
	 * @throws TiexinException {@code FORBIDDEN} for a planner, who reads aggregates only
	 */
	public static void requireCaseReader(Actor actor) {
		if (actor.roles().equals(Set.of(Role.PLANNER))) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"规划人员只能查看统计数据 (planners see aggregates only, not individual petitions)");
		}
	}

	static boolean isCitizenOnly(Actor actor) {
		return actor.roles().equals(Set.of(Role.CITIZEN));
	}

	/** Submitter, assignee or liaison of the petition. */
	static boolean isParty(Petition petition, Actor actor) {
		long me = actor.personId();
		return petition.submitterId() == me || (petition.assigneeId() != null && petition.assigneeId() == me)
				|| (petition.liaisonId() != null && petition.liaisonId() == me);
	}

	public static boolean maySee(Petition petition, Actor actor) {
		if (actor.roles().equals(Set.of(Role.PLANNER))) {
			return false;
		}
		return isParty(petition, actor) || (!isCitizenOnly(actor) && actor.covers(petition.areaCode()));
	}

	/**
	 * @throws TiexinException {@code FORBIDDEN} when the actor may not see the petition
	 */
	public static Petition requireVisible(Petition petition, Actor actor) {
		requireCaseReader(actor);
		if (maySee(petition, actor)) {
			return petition;
		}
		if (isCitizenOnly(actor)) {
			throw new TiexinException(ErrorCode.FORBIDDEN, "只能查看自己提交的诉求 (you can only see petitions you submitted)");
		}
		throw new TiexinException(ErrorCode.FORBIDDEN, "该诉求不在您的辖区内 (this petition is outside the areas you work in)");
	}

	/** The search narrowed to what the actor may see. */
	public static PetitionSearch narrowed(PetitionSearch search, Actor actor) {
		requireCaseReader(actor);
		if (isCitizenOnly(actor)) {
			return search.submittedBy(actor.personId());
		}
		if (actor.coversCounty()) {
			return search;
		}
		return search.withinScope(actor.scopeAreaCodes(), actor.personId());
	}

	/**
	 * Whether the actor may read the petition's personal data (contact name, phone,
	 * address, the exact point of a sensitive category): those handling the case —
	 * submitter, assignee, the village liaison in the loop — and their supervisors, the
	 * cadres and officers of its area. Grid members of the area who are not assigned to
	 * it, and everyone else, get masked values.
	 */
	public static boolean mayReadPersonalData(Petition petition, Actor actor) {
		return isParty(petition, actor) || PetitionLifecycle.isOfficerOf(petition.areaCode(), actor);
	}

}
