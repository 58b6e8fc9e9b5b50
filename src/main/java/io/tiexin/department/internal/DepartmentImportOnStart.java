package io.tiexin.department.internal;

import java.io.IOException;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Imports the departments files named in {@code tiexin.departments.import-on-start} (the
 * demo county's departments in the demo profile), after the people. Restarting changes
 * nothing; a refused file stops the start-up with the list of its problems.
 */
@Component
@Order(3)
class DepartmentImportOnStart implements ApplicationRunner {

	private final DepartmentImporter importer;

	private final DepartmentProperties properties;

	private final ResourceLoader resources;

	DepartmentImportOnStart(DepartmentImporter importer, DepartmentProperties properties, ResourceLoader resources) {
		this.importer = importer;
		this.properties = properties;
		this.resources = resources;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		for (String location : this.properties.importOnStart()) {
			this.importer.importDepartments(location, this.resources.getResource(location).getContentAsByteArray());
		}
	}

}
