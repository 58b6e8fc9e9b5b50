package io.tiexin.demo;

import java.util.List;

import io.tiexin.demo.DemoHistoryGenerator.GeneratedPetition;
import io.tiexin.demo.DemoHistoryGenerator.History;
import io.tiexin.demo.DemoHistoryGenerator.Plan;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.Role;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.petition.PetitionHistoryImport;
import io.tiexin.petition.PetitionHistoryImport.HistoricalPetition;
import io.tiexin.petition.PetitionImport;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Generates a history for the demo county's grid cells and hands it to the petition
 * module's {@link PetitionHistoryImport} (one transaction, COPY, no dispatch): a
 * data-loading tool for demos, benchmarks and tests. Submitters are the county's
 * citizens.
 */
@Component
@Profile("demo")
public class DemoHistoryLoader {

	private final AreaCatalog catalog;

	private final PersonDirectory people;

	private final CategoryCatalog categories;

	private final PetitionHistoryImport petitions;

	DemoHistoryLoader(AreaCatalog catalog, PersonDirectory people, CategoryCatalog categories,
			PetitionHistoryImport petitions) {
		this.catalog = catalog;
		this.people = people;
		this.categories = categories;
		this.petitions = petitions;
	}

	/**
	 * Generates the plan's history for the grid cells below its root area and writes it.
	 */
	public History load(Plan plan) {
		List<Area> cells = this.catalog.list(AreaLevel.GRID, null, null)
			.stream()
			.filter(cell -> cell.isWithin(plan.rootAreaCode()))
			.toList();
		List<Long> citizens = this.people.find(null, Role.CITIZEN)
			.stream()
			.filter(person -> !PetitionImport.SUBMITTER_USERNAME.equals(person.username()))
			.map(Person::id)
			.toList();
		History history = new DemoHistoryGenerator(plan, cells, this.categories.all(), citizens,
				this.catalog.gridIndex())
			.generate();
		this.petitions.load(history.petitions().stream().map(DemoHistoryLoader::historical).toList());
		return history;
	}

	private static HistoricalPetition historical(GeneratedPetition p) {
		return new HistoricalPetition(p.title(), p.categoryCode(), p.channel(), p.urgency(), p.status(), p.level(),
				p.point(), p.gridCode(), p.submittedAt(), p.dueAt(), p.closedAt(), p.satisfaction(), p.submitterId());
	}

}
