package io.tiexin.people;

import java.util.List;
import java.util.Set;

/**
 * The signed-in person on whose behalf a request runs: who they are, what roles they hold and
 * where they act.
 *
 * @param dutyAreaCodes areas the person works in (grid cells for a grid member, a village for a
 * cadre, a township for an officer, the county for an admin)
 * @param homeAreaCode where the person is from (a liaison's home village), or {@code null}
 */
public record Actor(long personId, String username, Set<Role> roles, List<String> dutyAreaCodes,
		String homeAreaCode) {

	public Actor {
		roles = Set.copyOf(roles);
		dutyAreaCodes = List.copyOf(dutyAreaCodes);
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

	public boolean hasAny(Role... candidates) {
		for (Role role : candidates) {
			if (this.roles.contains(role)) {
				return true;
			}
		}
		return false;
	}

	/** Whether the area is one of the duty areas or lies below one (codes are hierarchical). */
	public boolean worksIn(String areaCode) {
		return areaCode != null && this.dutyAreaCodes.stream().anyMatch(areaCode::startsWith);
	}
}
