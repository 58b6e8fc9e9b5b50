package io.tiexin.people;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The signed-in person on whose behalf a request runs: who they are, what roles they hold
 * and where they act.
 *
 * @param dutyAreaCodes areas the person works in (grid cells for a grid member, a village
 * for a cadre, a township for an officer, the county for an admin)
 * @param homeAreaCode where the person is from (a liaison's home village), or
 * {@code null}
 */
public record Actor(long personId, String username, Set<Role> roles, List<String> dutyAreaCodes, String homeAreaCode) {

	private static final int COUNTY_CODE_LENGTH = 6;

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

	/**
	 * Whether the area is one of the duty areas or lies below one (codes are
	 * hierarchical).
	 */
	public boolean worksIn(String areaCode) {
		return areaCode != null && this.dutyAreaCodes.stream().anyMatch(areaCode::startsWith);
	}

	/**
	 * The areas whose cases this person may see: a grid member's cells, a cadre's
	 * village, an officer's township, the county for an administrator or planner (duty
	 * areas), and for a liaison also their home village. Empty for a citizen, who sees
	 * only what they submitted.
	 */
	public List<String> scopeAreaCodes() {
		if (has(Role.LIAISON) && this.homeAreaCode != null && !worksIn(this.homeAreaCode)) {
			return Stream.concat(this.dutyAreaCodes.stream(), Stream.of(this.homeAreaCode)).toList();
		}
		return this.dutyAreaCodes;
	}

	/** Whether the area lies in this person's scope (see {@link #scopeAreaCodes()}). */
	public boolean covers(String areaCode) {
		return areaCode != null && scopeAreaCodes().stream().anyMatch(areaCode::startsWith);
	}

	/**
	 * Whether the area is in scope, or contains part of it: the areas whose aggregates
	 * this person may read, and where the people they work with (their superiors
	 * included) are.
	 */
	public boolean overlaps(String areaCode) {
		return areaCode != null && scopeAreaCodes().stream()
			.anyMatch(scope -> areaCode.startsWith(scope) || scope.startsWith(areaCode));
	}

	/** Staff whose scope is the whole county: nothing needs narrowing for them. */
	public boolean coversCounty() {
		return scopeAreaCodes().stream().anyMatch(code -> code.length() == COUNTY_CODE_LENGTH);
	}
}
