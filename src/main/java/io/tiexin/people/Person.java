package io.tiexin.people;

import java.util.List;
import java.util.Set;

/**
 * A person as other modules see them. {@code phone} is the full number; masking for the
 * viewer happens where a person is shown.
 */
public record Person(long id, String username, String name, Set<Role> roles, String phone, String homeAreaCode,
		List<String> dutyAreaCodes, boolean onDuty) {

	public Person {
		roles = Set.copyOf(roles);
		dutyAreaCodes = List.copyOf(dutyAreaCodes);
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

	public Actor asActor() {
		return new Actor(this.id, this.username, this.roles, this.dutyAreaCodes, this.homeAreaCode);
	}
}
