package io.tiexin.petition.web;

import io.tiexin.petition.Category;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.petition.ContactDetails;
import io.tiexin.petition.NearbyPetition;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionConnection;
import io.tiexin.petition.PetitionEvent;
import io.tiexin.petition.PetitionFilter;
import io.tiexin.petition.PetitionQueries;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.petition.PetitionWorkflow;
import io.tiexin.petition.Satisfaction;
import io.tiexin.petition.SubmitPetitionInput;
import io.tiexin.petition.intake.PetitionIntake;
import io.tiexin.petition.internal.PetitionProperties;
import io.tiexin.petition.internal.PetitionRepository;
import io.tiexin.petition.live.PetitionEventFeed;
import io.tiexin.petition.query.PetitionAccess;
import io.tiexin.petition.query.PetitionPoints;
import io.tiexin.petition.query.PetitionSearch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.tiexin.audit.AuditLog;
import io.tiexin.geo.PointInput;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.Location;
import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.PhoneNumbers;
import io.tiexin.people.Role;
import io.tiexin.shared.web.ClientAddress;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.web.RateLimiter;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;
import reactor.core.publisher.Flux;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/**
 * The petition API. Nested fields load in batches: a page of petitions with categories,
 * areas, people, timelines and duplicates costs the same few statements whatever its
 * size.
 */
@Controller
class PetitionController {

	private final PetitionIntake intake;

	private final PetitionWorkflow workflow;

	private final PetitionQueries queries;

	private final PetitionRepository repository;

	private final CategoryCatalog categories;

	private final AreaCatalog areas;

	private final PersonDirectory people;

	private final CurrentActor currentActor;

	private final PetitionProperties properties;

	private final Clock clock;

	private final RateLimiter rateLimiter;

	private final PetitionEventFeed eventFeed;

	private final PetitionPoints points;

	private final AuditLog auditLog;

	PetitionController(PetitionIntake intake, PetitionWorkflow workflow, PetitionQueries queries,
			PetitionRepository repository, CategoryCatalog categories, AreaCatalog areas, PersonDirectory people,
			CurrentActor currentActor, PetitionProperties properties, Clock clock, RateLimiter rateLimiter,
			PetitionEventFeed eventFeed, PetitionPoints points, AuditLog auditLog) {
		this.intake = intake;
		this.workflow = workflow;
		this.queries = queries;
		this.repository = repository;
		this.categories = categories;
		this.areas = areas;
		this.people = people;
		this.currentActor = currentActor;
		this.properties = properties;
		this.clock = clock;
		this.rateLimiter = rateLimiter;
		this.eventFeed = eventFeed;
		this.points = points;
		this.auditLog = auditLog;
	}

	@QueryMapping
	List<Category> categories() {
		return this.categories.all();
	}

	@QueryMapping
	Petition petition(@Argument String id) {
		Actor actor = this.currentActor.require();
		Long parsed = parseOrNull(id);
		return (parsed != null) ? this.queries.byId(parsed, actor).orElse(null) : null;
	}

	@QueryMapping
	Petition petitionByTrackingNumber(@Argument String trackingNumber) {
		return this.queries.byTrackingNumber(trackingNumber, this.currentActor.require()).orElse(null);
	}

	@QueryMapping
	PetitionConnection petitions(@Argument PetitionFilter filter, @Argument Integer first, @Argument String after) {
		return this.queries.list(filter, first, after, this.currentActor.require());
	}

	@QueryMapping
	List<NearbyPetition> nearbyPetitions(@Argument PointInput near, @Argument double radiusMeters,
			@Argument PetitionFilter filter, @Argument Integer first) {
		return this.queries.nearby(near, radiusMeters, filter, first, this.currentActor.require());
	}

	@QueryMapping
	PetitionConnection myCases(@Argument List<PetitionStatus> status, @Argument Integer first, @Argument String after) {
		return this.queries.myCases(status, first, after, this.currentActor.require());
	}

	/**
	 * Staff watch their dashboards update, each within their own areas (an area outside
	 * them is FORBIDDEN; without one, the events of all their areas); citizens and
	 * planners follow cases through queries.
	 */
	@SubscriptionMapping
	Flux<PetitionEvent> petitionEvents(@Argument String areaCode) {
		Actor actor = this.currentActor.require();
		if (!actor.hasAny(Role.GRID_MEMBER, Role.LIAISON, Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER,
				Role.COUNTY_ADMIN)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"只有工作人员可以订阅诉求动态 (only staff may follow petition events live)");
		}
		if (areaCode != null && this.areas.find(areaCode).isEmpty()) {
			throw new TiexinException(ErrorCode.NOT_FOUND, "找不到区域 (no such area): " + areaCode);
		}
		if (actor.coversCounty()) {
			return this.eventFeed.events(areaCode, null);
		}
		if (areaCode != null && !actor.covers(areaCode)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"该区域不在您的辖区内 (this area is outside the areas you work in): " + areaCode);
		}
		return this.eventFeed.events(areaCode, actor.scopeAreaCodes());
	}

	@MutationMapping
	Petition submitPetition(@Argument SubmitPetitionInput input,
			@ContextValue(name = ClientAddress.CONTEXT_KEY, required = false) String clientAddress) {
		Actor submitter = this.currentActor.require();
		this.rateLimiter.consume(RateLimiter.Action.SUBMIT_PER_PERSON, Long.toString(submitter.personId()));
		if (clientAddress != null) {
			this.rateLimiter.consume(RateLimiter.Action.SUBMIT_PER_ADDRESS, clientAddress);
		}
		return this.intake.submit(input, submitter);
	}

	@MutationMapping
	Petition assignPetition(@Argument String id, @Argument String personId, @Argument Integer version) {
		return this.workflow.assign(PetitionSearch.parseId(id), PetitionSearch.parseId(personId), version,
				this.currentActor.require());
	}

	@MutationMapping
	Petition acceptPetition(@Argument String id, @Argument Integer version) {
		return this.workflow.accept(PetitionSearch.parseId(id), version, this.currentActor.require());
	}

	@MutationMapping
	Petition startPetition(@Argument String id, @Argument Integer version) {
		return this.workflow.start(PetitionSearch.parseId(id), version, this.currentActor.require());
	}

	@MutationMapping
	Petition resolvePetition(@Argument String id, @Argument String note, @Argument Integer version) {
		return this.workflow.resolve(PetitionSearch.parseId(id), note, version, this.currentActor.require());
	}

	@MutationMapping
	Petition confirmPetition(@Argument String id, @Argument Satisfaction satisfaction, @Argument String comment,
			@Argument Integer version) {
		return this.workflow.confirm(PetitionSearch.parseId(id), satisfaction, comment, version,
				this.currentActor.require());
	}

	@MutationMapping
	Petition closePetition(@Argument String id, @Argument String note, @Argument Integer version,
			@Argument Boolean overrideOpenWhistles) {
		return this.workflow.close(PetitionSearch.parseId(id), note, version, this.currentActor.require(),
				Boolean.TRUE.equals(overrideOpenWhistles));
	}

	@MutationMapping
	Petition returnPetition(@Argument String id, @Argument String reason, @Argument Integer version) {
		return this.workflow.returnToDispatch(PetitionSearch.parseId(id), reason, version, this.currentActor.require());
	}

	@MutationMapping
	Petition escalatePetition(@Argument String id, @Argument String reason, @Argument Integer version) {
		return this.workflow.escalate(PetitionSearch.parseId(id), reason, version, this.currentActor.require());
	}

	@MutationMapping
	Petition withdrawPetition(@Argument String id, @Argument String reason, @Argument Integer version) {
		return this.workflow.withdraw(PetitionSearch.parseId(id), reason, version, this.currentActor.require());
	}

	/**
	 * Where the petition is, as {@link PetitionPoints} shows it to the person asking;
	 * exact points of sensitive cases shown in full go to the audit trail, as the contact
	 * fields below do.
	 */
	@BatchMapping(typeName = "Petition")
	Map<Petition, Location> location(List<Petition> petitions) {
		Actor actor = this.currentActor.require();
		Map<Petition, Location> result = new LinkedHashMap<>();
		List<Long> exactSensitive = new ArrayList<>();
		// A department summoned to the case goes there: the exact point.
		Set<Long> granted = this.queries.grantedAmong(petitions, actor);
		for (Petition petition : petitions) {
			Area grid = (petition.gridCode() != null) ? this.areas.find(petition.gridCode()).orElse(null) : null;
			boolean exact = granted.contains(petition.id()) || !this.points.hidesExactPoint(petition, actor);
			result.put(petition, new Location(exact ? petition.point() : this.points.shownTo(petition, actor), grid,
					petition.matchMethod(), petition.matchDistanceMeters()));
			if (this.points.isSensitive(petition) && exact) {
				exactSensitive.add(petition.id());
			}
		}
		this.auditLog.personalDataRead(actor.personId(), actor.username(), "location", exactSensitive);
		return result;
	}

	@SchemaMapping(typeName = "Petition")
	boolean overdue(Petition petition) {
		return petition.isOverdue(ServiceTime.now(this.clock));
	}

	@BatchMapping(typeName = "Petition")
	Map<Petition, String> contactPhone(List<Petition> petitions) {
		return personalField(petitions, "contactPhone", Petition::contactPhone, PhoneNumbers::mask);
	}

	@BatchMapping(typeName = "Petition")
	Map<Petition, String> contactName(List<Petition> petitions) {
		return personalField(petitions, "contactName", Petition::contactName, ContactDetails::maskName);
	}

	@BatchMapping(typeName = "Petition")
	Map<Petition, String> address(List<Petition> petitions) {
		return personalField(petitions, "address", Petition::address, address -> null);
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
	Map<Petition, Person> assignee(List<Petition> petitions) {
		return peopleOf(petitions, Petition::assigneeId);
	}

	@BatchMapping(typeName = "Petition")
	Map<Petition, Person> liaison(List<Petition> petitions) {
		return peopleOf(petitions, Petition::liaisonId);
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
	Map<PetitionEvent, Person> actor(List<PetitionEvent> events) {
		Set<Long> ids = new HashSet<>();
		events.stream().filter(e -> e.actorId() != null).forEach(e -> ids.add(e.actorId()));
		Map<Long, Person> byId = this.people.findAllById(ids);
		Map<PetitionEvent, Person> result = new LinkedHashMap<>();
		events.stream().filter(e -> e.actorId() != null).forEach(e -> result.put(e, byId.get(e.actorId())));
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

	@BatchMapping(typeName = "Person")
	Map<Person, Integer> openCases(List<Person> persons) {
		Map<Long, Integer> counts = this.repository.openCasesOf(persons.stream().map(Person::id).toList());
		Map<Person, Integer> result = new LinkedHashMap<>();
		// 0 for whom the viewer may not see (people/PersonAccess#showsWorkload): a
		// person's workload is theirs, a liaison's too though the board is public
		io.tiexin.people.Actor viewer = this.currentActor.find().orElse(null);
		persons.forEach(person -> result.put(person, io.tiexin.people.PersonDisclosure.showsWorkload(person, viewer)
				? counts.getOrDefault(person.id(), 0) : 0));
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

	/**
	 * A personal field in full for those who may read it
	 * ({@link PetitionAccess#mayReadPersonalData}, or granted by
	 * {@link PetitionReadGrants}), masked for everyone else; each full value shown is
	 * recorded in the audit trail, one statement per field and page.
	 */
	private Map<Petition, String> personalField(List<Petition> petitions, String field,
			Function<Petition, String> value, UnaryOperator<String> mask) {
		Actor actor = this.currentActor.require();
		Map<Petition, String> result = new LinkedHashMap<>();
		List<Long> shownInFull = new ArrayList<>();
		Set<Long> granted = this.queries.grantedAmong(petitions, actor);
		for (Petition petition : petitions) {
			String full = value.apply(petition);
			if (full == null) {
				continue;
			}
			if (PetitionAccess.mayReadPersonalData(petition, actor) || granted.contains(petition.id())) {
				result.put(petition, full);
				shownInFull.add(petition.id());
			}
			else {
				String masked = mask.apply(full);
				if (masked != null) {
					result.put(petition, masked);
				}
			}
		}
		this.auditLog.personalDataRead(actor.personId(), actor.username(), field, shownInFull);
		return result;
	}

	private static Long parseOrNull(String id) {
		return id.matches("\\d{1,18}") ? Long.parseLong(id) : null;
	}

}
