package io.tiexin.department;

import java.util.List;

/**
 * A county department as the API shows it.
 *
 * @param dutyPhone the department's public duty phone, or {@code null}
 * @param categoryCodes the petition categories it answers for by default
 * @param staffIds its staff (persons with the role {@code DEPARTMENT_STAFF})
 */
public record Department(String code, String name, String dutyPhone, List<String> categoryCodes, List<Long> staffIds) {

	public Department {
		categoryCodes = List.copyOf(categoryCodes);
		staffIds = List.copyOf(staffIds);
	}

}
