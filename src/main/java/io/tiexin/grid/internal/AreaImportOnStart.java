package io.tiexin.grid.internal;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Imports the area files named in {@code tiexin.grid.import-on-start} (the demo county in
 * the demo profile). Content imported before is skipped, so restarting never duplicates
 * anything; a refused file stops the start-up with the list of its problems. Runs first:
 * other modules' start-up imports (people) refer to areas.
 */
@Component
@Order(1)
class AreaImportOnStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AreaImportOnStart.class);

	private final AreaImporter importer;

	private final GridProperties properties;

	private final ResourceLoader resources;

	AreaImportOnStart(AreaImporter importer, GridProperties properties, ResourceLoader resources) {
		this.importer = importer;
		this.properties = properties;
		this.resources = resources;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		for (String location : this.properties.importOnStart()) {
			byte[] content = this.resources.getResource(location).getContentAsByteArray();
			AreaImportReport report = this.importer.importAreas(location, content);
			if (report.unchanged()) {
				log.info("Areas from {} were imported before (import {}); nothing to do", location, report.importId());
			}
			report.repaired().forEach(line -> log.warn("Repaired: {}", line));
			report.gaps().forEach(line -> log.warn("Gap: {}", line));
		}
	}

}
