package io.tiexin.analytics.internal;

import java.util.Set;

import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.people.Role;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.SmallCountSuppression;
import io.tiexin.shared.TiexinException;

import org.springframework.stereotype.Component;

/**
 * Who may read analytics: signed-in staff (planners are the main users), never a citizen,
 * for an area in their scope or above it (a grid member compares their cell with the
 * township, but does not read another township's figures). Individual petitions (cluster
 * members) are for staff who handle cases, not planners; small counts are withheld from
 * whoever may not see the cases behind them (k-anonymity, {@link SmallCountSuppression}).
 */
@Component
class AnalyticsAccess {

	private final CurrentActor currentActor;

	AnalyticsAccess(CurrentActor currentActor) {
		this.currentActor = currentActor;
	}

	/**
	 * @throws TiexinException {@code UNAUTHENTICATED} when nobody is signed in,
	 * {@code FORBIDDEN} for a citizen
	 */
	Actor requireStaff() {
		Actor actor = this.currentActor.require();
		if (actor.roles().stream().allMatch(role -> role == Role.CITIZEN)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"统计分析仅对工作人员开放 (analytics are for staff only, not for citizens)");
		}
		return actor;
	}

	/**
	 * @throws TiexinException as {@link #requireStaff()}, and {@code FORBIDDEN} for an
	 * area that neither lies in the person's scope nor contains part of it
	 */
	Actor requireArea(String areaCode) {
		Actor actor = requireStaff();
		if (!actor.coversCounty() && !actor.overlaps(areaCode)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"该区域不在您的辖区内 (this area is outside the areas you work in): " + areaCode);
		}
		return actor;
	}

	/**
	 * Whether the person may see the individual cases of the area, and so its exact small
	 * counts.
	 */
	static boolean maySeeCasesOf(Actor actor, String areaCode) {
		return !actor.roles().equals(Set.of(Role.PLANNER)) && actor.covers(areaCode);
	}

	/** Whether the signed-in person may see individual petitions in analytics answers. */
	boolean maySeePetitions() {
		Actor actor = requireStaff();
		return actor.hasAny(Role.GRID_MEMBER, Role.LIAISON, Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER,
				Role.COUNTY_ADMIN);
	}

}
