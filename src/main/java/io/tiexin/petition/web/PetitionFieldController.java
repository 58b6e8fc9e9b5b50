package io.tiexin.petition.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.people.CurrentActor;
import io.tiexin.petition.Category;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionEvent;
import io.tiexin.petition.PetitionQueries;
import io.tiexin.petition.internal.PetitionProperties;
import io.tiexin.petition.internal.PetitionRepository;
import io.tiexin.shared.ServiceTime;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * A petition's nested fields that hold no personal data, loaded in batches: a page of
 * petitions with categories, areas, timelines and duplicates costs the same few
 * statements whatever its size.
 */
@Controller
class PetitionFieldController {

	private final PetitionQueries queries;

	private final PetitionRepository repository;

	private final CategoryCatalog categories;

	private final AreaCatalog areas;

	private final CurrentActor currentActor;

	private final PetitionProperties properties;

	private final Clock clock;

	PetitionFieldController(PetitionQueries queries, PetitionRepository repository, CategoryCatalog categories,
			AreaCatalog areas, CurrentActor currentActor, PetitionProperties properties, Clock clock) {
		this.queries = queries;
		this.repository = repository;
		this.categories = categories;
		this.areas = areas;
		this.currentActor = currentActor;
		this.properties = properties;
		this.clock = clock;
	}

	@SchemaMapping(typeName = "Petition")
	boolean overdue(Petition petition) {
		return petition.isOverdue(ServiceTime.now(this.clock));
	}

	@BatchMapping(typeName = "Petition")
	Map<Petition, Category> category(List<Petition> petitions) {
		Map<Petition, Category> result = new LinkedHashMap<>();
		petitions.forEach(p -> result.put(p, this.categories.find(p.categoryCode()).orElseThrow()));
		return result;
	}

	@BatchMapping(typeName = "Petition")
	Map<Petition, Area> grid(List<Petition> petitions) {
		Map<Petition, Area> result = new LinkedHashMap<>();
		petitions.stream()
			.filter(p -> p.gridCode() != null)
			.forEach(p -> this.areas.find(p.gridCode()).ifPresent(cell -> result.put(p, cell)));
		return result;
	}

	@BatchMapping(typeName = "Petition")
	Map<Petition, Area> area(List<Petition> petitions) {
		Map<Petition, Area> result = new LinkedHashMap<>();
		petitions.forEach(p -> this.areas.find(p.areaCode()).ifPresent(area -> result.put(p, area)));
		return result;
	}

	@BatchMapping(typeName = "Petition")
	Map<Petition, List<PetitionEvent>> timeline(List<Petition> petitions) {
		Map<Long, List<PetitionEvent>> byPetition = new LinkedHashMap<>();
		this.repository.eventsOf(petitions.stream().map(Petition::id).toList())
			.forEach(event -> byPetition.computeIfAbsent(event.petitionId(), id -> new ArrayList<>()).add(event));
		Map<Petition, List<PetitionEvent>> result = new LinkedHashMap<>();
		petitions.forEach(p -> result.put(p, byPetition.getOrDefault(p.id(), List.of())));
		return result;
	}

	@BatchMapping(typeName = "Petition")
	Map<Petition, List<Petition>> possibleDuplicates(List<Petition> petitions) {
		Map<Long, List<Long>> duplicateIds = this.repository.possibleDuplicatesOf(
				petitions.stream().map(Petition::id).toList(), this.properties.duplicateRadiusMeters(),
				this.properties.duplicateWindowDays());
		Set<Long> allIds = new HashSet<>();
		duplicateIds.values().forEach(allIds::addAll);
		Map<Long, Petition> byId = this.queries.byIds(allIds, this.currentActor.require());
		Map<Petition, List<Petition>> result = new LinkedHashMap<>();
		petitions.forEach(p -> result.put(p,
				duplicateIds.getOrDefault(p.id(), List.of())
					.stream()
					.map(byId::get)
					.filter(Objects::nonNull)
					.toList()));
		return result;
	}

	@BatchMapping(typeName = "PetitionEvent")
	Map<PetitionEvent, Petition> petition(List<PetitionEvent> events) {
		Map<Long, Petition> byId = this.queries
			.byIds(events.stream().map(PetitionEvent::petitionId).distinct().toList());
		Map<PetitionEvent, Petition> result = new LinkedHashMap<>();
		events.forEach(e -> result.put(e, byId.get(e.petitionId())));
		return result;
	}

}
