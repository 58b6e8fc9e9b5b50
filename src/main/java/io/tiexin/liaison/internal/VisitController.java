package io.tiexin.liaison.internal;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.Location;
import io.tiexin.liaison.RecordVisitInput;
import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.people.Person;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionQueries;
import io.tiexin.shared.PeriodInput;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code recordVisit}, {@code visits}, {@code idleLiaisons} and the Visit type. */
@Controller
class VisitController {

	private final VisitService service;

	private final CurrentActor currentActor;

	private final AreaCatalog areas;

	private final PetitionQueries petitions;

	VisitController(VisitService service, CurrentActor currentActor, AreaCatalog areas, PetitionQueries petitions) {
		this.service = service;
		this.currentActor = currentActor;
		this.areas = areas;
		this.petitions = petitions;
	}

	@MutationMapping
	ShownVisit recordVisit(@Argument RecordVisitInput input) {
		Actor actor = this.currentActor.require();
		return this.service.shown(this.service.record(input, actor), actor);
	}

	@QueryMapping
	VisitConnection visits(@Argument String areaCode, @Argument PeriodInput period, @Argument String personId,
			@Argument Integer first, @Argument String after) {
		return this.service.page(areaCode, period, personId, first, after, this.currentActor.require());
	}

	@QueryMapping
	List<Person> idleLiaisons(@Argument String areaCode, @Argument Integer days) {
		return this.service.idleLiaisons(areaCode, (days != null) ? days : 30, this.currentActor.require());
	}

	@SchemaMapping(typeName = "Visit")
	String id(ShownVisit visit) {
		return Long.toString(visit.visit().getId());
	}

	@SchemaMapping(typeName = "Visit")
	OffsetDateTime at(ShownVisit visit) {
		return visit.visit().getAt();
	}

	@SchemaMapping(typeName = "Visit")
	Person person(ShownVisit visit) {
		return visit.person();
	}

	@SchemaMapping(typeName = "Visit")
	String note(ShownVisit visit) {
		return visit.note();
	}

	@SchemaMapping(typeName = "Visit")
	Integer householdCount(ShownVisit visit) {
		return visit.visit().getHouseholdCount();
	}

	@SchemaMapping(typeName = "Visit")
	Location location(ShownVisit visit) {
		Visit v = visit.visit();
		return new Location(v.getPoint(),
				(v.getGridCode() != null) ? this.areas.find(v.getGridCode()).orElse(null) : null, v.getMatchMethod(),
				v.getMatchDistanceMeters());
	}

	/**
	 * The petition the visit served, when the viewer may see it; one statement a page.
	 */
	@BatchMapping(typeName = "Visit")
	Map<ShownVisit, Petition> petition(List<ShownVisit> visits) {
		Set<Long> ids = new HashSet<>();
		visits.stream().filter(v -> v.visit().getPetitionId() != null).forEach(v -> ids.add(v.visit().getPetitionId()));
		Map<ShownVisit, Petition> result = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return result;
		}
		Map<Long, Petition> byId = this.petitions.byIds(ids, this.currentActor.require());
		visits.stream()
			.filter(v -> v.visit().getPetitionId() != null && byId.containsKey(v.visit().getPetitionId()))
			.forEach(v -> result.put(v, byId.get(v.visit().getPetitionId())));
		return result;
	}

}
