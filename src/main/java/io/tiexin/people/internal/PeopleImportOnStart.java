package io.tiexin.people.internal;

import java.io.IOException;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Imports the people files named in {@code tiexin.people.import-on-start} (the demo
 * people in the demo profile). Runs after the area import, because people refer to areas.
 * Restarting changes nothing; a refused file stops the start-up with the list of its
 * problems.
 */
@Component
@Order(2)
class PeopleImportOnStart implements ApplicationRunner {

	private final PeopleImporter importer;

	private final PeopleProperties properties;

	private final ResourceLoader resources;

	PeopleImportOnStart(PeopleImporter importer, PeopleProperties properties, ResourceLoader resources) {
		this.importer = importer;
		this.properties = properties;
		this.resources = resources;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		for (String location : this.properties.importOnStart()) {
			byte[] content = this.resources.getResource(location).getContentAsByteArray();
			this.importer.importPeople(location, content);
		}
	}

}
