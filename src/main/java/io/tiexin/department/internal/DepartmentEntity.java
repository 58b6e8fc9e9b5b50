package io.tiexin.department.internal;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.tiexin.department.Department;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/**
 * A county department, with its default categories and its staff (table
 * {@code department}).
 */
@Entity
@Table(name = "department")
class DepartmentEntity {

	@Id
	private String code;

	private String name;

	@Column(name = "duty_phone")
	private String dutyPhone;

	@Column(name = "sort_order")
	private int sortOrder;

	// Sets, so both collections load with the department in one statement.
	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "department_category", joinColumns = @JoinColumn(name = "department_code"))
	@Column(name = "category_code")
	private Set<String> categoryCodes = new TreeSet<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "department_staff", joinColumns = @JoinColumn(name = "department_code"))
	@Column(name = "person_id")
	private Set<Long> staffIds = new TreeSet<>();

	protected DepartmentEntity() {
	}

	DepartmentEntity(String code) {
		this.code = code;
	}

	String code() {
		return this.code;
	}

	String name() {
		return this.name;
	}

	Set<Long> staffIds() {
		return this.staffIds;
	}

	/**
	 * Makes the department say what the import file says.
	 * @return whether anything changed
	 */
	boolean update(String name, String dutyPhone, int sortOrder, Set<String> categoryCodes, Set<Long> staffIds) {
		boolean changed = !name.equals(this.name) || !Objects.equals(dutyPhone, this.dutyPhone)
				|| sortOrder != this.sortOrder || !categoryCodes.equals(this.categoryCodes)
				|| !staffIds.equals(this.staffIds);
		if (changed) {
			this.name = name;
			this.dutyPhone = dutyPhone;
			this.sortOrder = sortOrder;
			this.categoryCodes.clear();
			this.categoryCodes.addAll(categoryCodes);
			this.staffIds.clear();
			this.staffIds.addAll(staffIds);
		}
		return changed;
	}

	Department view() {
		return new Department(this.code, this.name, this.dutyPhone, List.copyOf(new TreeSet<>(this.categoryCodes)),
				List.copyOf(new TreeSet<>(this.staffIds)));
	}

}
