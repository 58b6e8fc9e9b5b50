package io.tiexin.people;

import java.util.List;
import java.util.Set;

/**
 * One person of a people file, validated: what the import writes.
 *
 * @param homeAreaCode {@code null} when the file gives none
 * @param onDuty the state a newly added person starts in
 */
record PersonEntry(String username, String name, Set<Role> roles, String phone, String homeAreaCode,
		List<String> dutyAreaCodes, boolean onDuty) {

	PersonEntry {
		roles = Set.copyOf(roles);
		dutyAreaCodes = List.copyOf(dutyAreaCodes);
	}
}
