package io.tiexin.analytics;

import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.people.Role;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

import org.springframework.stereotype.Component;

/**
 * Who may read analytics: any signed-in member of staff (planners are the main users), never a
 * citizen. Individual petitions (cluster members) are for staff who handle cases, not planners.
 */
@Component
class AnalyticsAccess {

	private final CurrentActor currentActor;

	AnalyticsAccess(CurrentActor currentActor) {
		this.currentActor = currentActor;
	}

	/**
	 * @throws TiexinException {@code UNAUTHENTICATED} when nobody is signed in, {@code FORBIDDEN}
	 * for a citizen
	 */
	Actor requireStaff() {
		Actor actor = this.currentActor.require();
		if (actor.roles().stream().allMatch(role -> role == Role.CITIZEN)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"统计分析仅对工作人员开放 (analytics are for staff only, not for citizens)");
		}
		return actor;
	}

	/** Whether the signed-in person may see individual petitions in analytics answers. */
	boolean maySeePetitions() {
		Actor actor = requireStaff();
		return actor.hasAny(Role.GRID_MEMBER, Role.LIAISON, Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER,
				Role.COUNTY_ADMIN);
	}
}
