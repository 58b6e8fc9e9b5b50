package io.tiexin.people.internal;

import java.util.List;
import java.util.Set;

import io.tiexin.people.Role;

/**
 * One person of a people file, validated: what the import writes.
 *
 * @param homeAreaCode {@code null} when the file gives none
 * @param onDuty the state a newly added person starts in
 */
public record PersonEntry(String username, String name, Set<Role> roles, String phone, String homeAreaCode,
		List<String> dutyAreaCodes, boolean onDuty) {

	public PersonEntry {
		roles = Set.copyOf(roles);
		dutyAreaCodes = List.copyOf(dutyAreaCodes);
	}
}
