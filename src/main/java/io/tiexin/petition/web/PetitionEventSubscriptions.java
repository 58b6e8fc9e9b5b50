package io.tiexin.petition.web;

import java.util.List;

import io.tiexin.grid.AreaCatalog;
import io.tiexin.people.Actor;
import io.tiexin.people.Role;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

import org.springframework.stereotype.Component;

/**
 * Who may follow petition events live, and over which areas: staff only, each within
 * their own areas (an area outside them is FORBIDDEN; without one, the events of all
 * their areas); citizens and planners follow cases through queries.
 */
@Component
class PetitionEventSubscriptions {

	private final AreaCatalog areas;

	PetitionEventSubscriptions(AreaCatalog areas) {
		this.areas = areas;
	}

	/**
	 * The areas whose events the actor receives, {@code null} for the whole county;
	 * refuses with FORBIDDEN or NOT_FOUND.
	 */
	List<String> scopeOf(Actor actor, String areaCode) {
		if (!actor.hasAny(Role.GRID_MEMBER, Role.LIAISON, Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER,
				Role.COUNTY_ADMIN)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"只有工作人员可以订阅诉求动态 (only staff may follow petition events live)");
		}
		if (areaCode != null && this.areas.find(areaCode).isEmpty()) {
			throw new TiexinException(ErrorCode.NOT_FOUND, "找不到区域 (no such area): " + areaCode);
		}
		if (actor.coversCounty()) {
			return null;
		}
		if (areaCode != null && !actor.covers(areaCode)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"该区域不在您的辖区内 (this area is outside the areas you work in): " + areaCode);
		}
		return actor.scopeAreaCodes();
	}

}
