package io.tiexin.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.tiexin.demo.DemoHistoryGenerator.History;
import io.tiexin.demo.DemoHistoryGenerator.Plan;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.petition.PetitionHistoryImport;
import io.tiexin.shared.ServiceTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Loads the demo history ({@code tiexin.analytics.demo-history.petitions}, a year of the
 * county in the demo) after the areas and people, when the petition table holds fewer
 * petitions than that. The load is one transaction, so a restart finds either all of it,
 * and does nothing, or none.
 */
@Component
@Profile("demo")
@Order(3)
class DemoHistoryOnStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoHistoryOnStart.class);

	private final DemoHistoryLoader loader;

	private final DemoHistoryProperties properties;

	private final AreaCatalog catalog;

	private final PetitionHistoryImport petitions;

	private final Clock clock;

	DemoHistoryOnStart(DemoHistoryLoader loader, DemoHistoryProperties properties, AreaCatalog catalog,
			PetitionHistoryImport petitions, Clock clock) {
		this.loader = loader;
		this.properties = properties;
		this.catalog = catalog;
		this.petitions = petitions;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		DemoHistoryProperties settings = this.properties;
		if (settings.petitions() <= 0) {
			return;
		}
		long existing = this.petitions.count();
		Area county = this.catalog.list(AreaLevel.COUNTY, null, null).stream().findFirst().orElse(null);
		if (existing >= settings.petitions() || county == null) {
			return;
		}
		long started = System.nanoTime();
		OffsetDateTime now = ServiceTime.now(this.clock);
		LocalDate today = now.toLocalDate();
		History history = this.loader
			.load(new Plan(county.code(), settings.petitions(), today.minusDays(settings.days() - 1L), settings.days(),
					now, settings.seed(), settings.plantedClusters()));
		log.info("Loaded a demo history of {} petitions over {} days in {} ms; planted clusters: {}",
				history.petitions().size(), settings.days(), (System.nanoTime() - started) / 1_000_000,
				history.clusters());
	}

}
