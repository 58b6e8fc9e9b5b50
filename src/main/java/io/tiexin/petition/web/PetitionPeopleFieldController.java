package io.tiexin.petition.web;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.PersonDisclosure;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionEvent;
import io.tiexin.petition.internal.PetitionRepository;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/**
 * The people around petitions, loaded in batches: assignee, liaison, a timeline event's
 * actor, and a person's open cases.
 */
@Controller
class PetitionPeopleFieldController {

	private final PersonDirectory people;

	private final PetitionRepository repository;

	private final CurrentActor currentActor;

	PetitionPeopleFieldController(PersonDirectory people, PetitionRepository repository, CurrentActor currentActor) {
		this.people = people;
		this.repository = repository;
		this.currentActor = currentActor;
	}

	@BatchMapping(typeName = "Petition")
	Map<Petition, Person> assignee(List<Petition> petitions) {
		return peopleOf(petitions, Petition::assigneeId);
	}

	@BatchMapping(typeName = "Petition")
	Map<Petition, Person> liaison(List<Petition> petitions) {
		return peopleOf(petitions, Petition::liaisonId);
	}

	@BatchMapping(typeName = "PetitionEvent")
	Map<PetitionEvent, Person> actor(List<PetitionEvent> events) {
		Set<Long> ids = new HashSet<>();
		events.stream().filter(e -> e.actorId() != null).forEach(e -> ids.add(e.actorId()));
		Map<Long, Person> byId = this.people.findAllById(ids);
		Map<PetitionEvent, Person> result = new LinkedHashMap<>();
		events.stream().filter(e -> e.actorId() != null).forEach(e -> result.put(e, byId.get(e.actorId())));
		return result;
	}

	@BatchMapping(typeName = "Person")
	Map<Person, Integer> openCases(List<Person> persons) {
		Map<Long, Integer> counts = this.repository.openCasesOf(persons.stream().map(Person::id).toList());
		Map<Person, Integer> result = new LinkedHashMap<>();
		// 0 for whom the viewer may not see (people/internal/PersonAccess#showsWorkload):
		// a
		// person's workload is theirs, a liaison's too though the board is public
		Actor viewer = this.currentActor.viewer().orElse(null);
		persons.forEach(person -> result.put(person,
				PersonDisclosure.showsWorkload(person, viewer) ? counts.getOrDefault(person.id(), 0) : 0));
		return result;
	}

	private Map<Petition, Person> peopleOf(List<Petition> petitions, Function<Petition, Long> idOf) {
		Set<Long> ids = new HashSet<>();
		petitions.stream().map(idOf).filter(Objects::nonNull).forEach(ids::add);
		Map<Long, Person> byId = ids.isEmpty() ? Map.of() : this.people.findAllById(ids);
		Map<Petition, Person> result = new LinkedHashMap<>();
		petitions.stream().filter(p -> idOf.apply(p) != null).forEach(p -> result.put(p, byId.get(idOf.apply(p))));
		return result;
	}

}
