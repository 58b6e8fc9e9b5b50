package io.tiexin.department.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tiexin.department.Department;
import io.tiexin.department.Whistle;
import io.tiexin.department.WhistleResponse;
import io.tiexin.department.WhistleResponseStatus;
import io.tiexin.department.internal.WhistleQueries.DepartmentStatsRow;
import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.Role;
import io.tiexin.petition.Category;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionConnection.PageInfo;
import io.tiexin.petition.PetitionQueries;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.Ids;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The departments and whistle API. Nested fields load in batches: a page of whistles with
 * their cases, people and departments costs a fixed number of statements.
 */
@Controller
class DepartmentController {

	/** Who sees departments' staff: those who work cases. */
	private static final Set<Role> STAFF_READERS = WhistleQueries.READERS;

	private final DepartmentRepository departments;

	private final Whistles whistles;

	private final WhistleQueries queries;

	private final CategoryCatalog categories;

	private final PersonDirectory people;

	private final PetitionQueries petitions;

	private final CurrentActor currentActor;

	private final Clock clock;

	DepartmentController(DepartmentRepository departments, Whistles whistles, WhistleQueries queries,
			CategoryCatalog categories, PersonDirectory people, PetitionQueries petitions, CurrentActor currentActor,
			Clock clock) {
		this.departments = departments;
		this.whistles = whistles;
		this.queries = queries;
		this.categories = categories;
		this.people = people;
		this.petitions = petitions;
		this.currentActor = currentActor;
		this.clock = clock;
	}

	record WhistleEdge(String cursor, Whistle node) {
	}

	record WhistleConnection(List<WhistleEdge> edges, PageInfo pageInfo, long totalCount) {
	}

	record DepartmentStats(Department department, int summons, int reported, int reportedOnTime,
			Double medianMinutesToReport, int done, int overdue) {
	}

	@QueryMapping
	List<Department> departments() {
		this.currentActor.require();
		return this.departments.findAllInOrder().stream().map(DepartmentEntity::view).toList();
	}

	@QueryMapping
	WhistleConnection whistles(@Argument String areaCode, @Argument String departmentCode,
			@Argument List<WhistleResponseStatus> status, @Argument Integer first, @Argument String after) {
		WhistleQueries.Page page = this.queries.list(areaCode, departmentCode, status, first, after,
				this.currentActor.require());
		List<WhistleEdge> edges = page.whistles().stream().map(w -> new WhistleEdge(page.cursorOf(w), w)).toList();
		return new WhistleConnection(edges,
				new PageInfo(page.hasNextPage(), page.afterCursor(), edges.isEmpty() ? null : edges.get(0).cursor(),
						edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
				page.totalCount());
	}

	@QueryMapping
	List<DepartmentStats> departmentStats(@Argument PeriodInput period) {
		this.currentActor.require();
		Map<String, Department> byCode = departmentsByCode();
		return this.queries.stats(period, now())
			.stream()
			.map((DepartmentStatsRow row) -> new DepartmentStats(byCode.get(row.departmentCode()), row.summons(),
					row.reported(), row.reportedOnTime(), row.medianMinutesToReport(), row.done(), row.overdue()))
			.toList();
	}

	@MutationMapping
	Whistle blowWhistle(@Argument String petitionId, @Argument List<String> departmentCodes, @Argument String reason) {
		Actor actor = this.currentActor.require();
		return this.whistles.blow(Ids.reference(petitionId, "Petition", "诉求编号 (petitionId)"), departmentCodes, reason,
				actor);
	}

	@MutationMapping
	WhistleResponse reportWhistle(@Argument String whistleId, @Argument String departmentCode, @Argument String note) {
		Actor actor = this.currentActor.require();
		return this.whistles.report(Ids.reference(whistleId, "Whistle", "吹哨编号 (whistleId)"), departmentCode, note,
				actor);
	}

	@MutationMapping
	WhistleResponse completeWhistle(@Argument String whistleId, @Argument String departmentCode,
			@Argument String note) {
		Actor actor = this.currentActor.require();
		return this.whistles.complete(Ids.reference(whistleId, "Whistle", "吹哨编号 (whistleId)"), departmentCode, note,
				actor);
	}

	@BatchMapping(typeName = "Department")
	Map<Department, List<Category>> categories(List<Department> list) {
		Map<Department, List<Category>> result = new LinkedHashMap<>();
		list.forEach(d -> result.put(d,
				d.categoryCodes().stream().map(this.categories::find).flatMap(Optional::stream).toList()));
		return result;
	}

	@BatchMapping(typeName = "Department")
	Map<Department, List<Person>> staff(List<Department> list) {
		boolean mayRead = this.currentActor.find()
			.map(actor -> actor.roles().stream().anyMatch(STAFF_READERS::contains))
			.orElse(false);
		Map<Long, Person> byId = mayRead
				? this.people.findAllById(list.stream().flatMap(d -> d.staffIds().stream()).collect(Collectors.toSet()))
				: Map.of();
		Map<Department, List<Person>> result = new LinkedHashMap<>();
		list.forEach(d -> result.put(d, d.staffIds().stream().map(byId::get).filter(Objects::nonNull).toList()));
		return result;
	}

	@BatchMapping(typeName = "Whistle")
	Map<Whistle, Petition> petition(List<Whistle> list) {
		Map<Long, Petition> byId = this.petitions
			.byIds(list.stream().map(Whistle::petitionId).collect(Collectors.toSet()), this.currentActor.require());
		Map<Whistle, Petition> result = new LinkedHashMap<>();
		list.stream()
			.filter(w -> byId.containsKey(w.petitionId()))
			.forEach(w -> result.put(w, byId.get(w.petitionId())));
		return result;
	}

	@BatchMapping(typeName = "Whistle")
	Map<Whistle, Person> blownBy(List<Whistle> list) {
		Map<Long, Person> byId = this.people.findAllById(list.stream().map(Whistle::blownById).toList());
		Map<Whistle, Person> result = new LinkedHashMap<>();
		list.forEach(w -> result.put(w, byId.get(w.blownById())));
		return result;
	}

	@BatchMapping(typeName = "WhistleResponse")
	Map<WhistleResponse, Department> department(List<WhistleResponse> list) {
		Map<String, Department> byCode = departmentsByCode();
		Map<WhistleResponse, Department> result = new LinkedHashMap<>();
		list.forEach(r -> result.put(r, byCode.get(r.departmentCode())));
		return result;
	}

	@BatchMapping(typeName = "WhistleResponse")
	Map<WhistleResponse, Person> reportedBy(List<WhistleResponse> list) {
		Set<Long> ids = new HashSet<>();
		list.stream().map(WhistleResponse::reportedById).filter(Objects::nonNull).forEach(ids::add);
		Map<Long, Person> byId = this.people.findAllById(ids);
		Map<WhistleResponse, Person> result = new LinkedHashMap<>();
		list.stream().filter(r -> r.reportedById() != null).forEach(r -> result.put(r, byId.get(r.reportedById())));
		return result;
	}

	@SchemaMapping(typeName = "WhistleResponse")
	boolean overdue(WhistleResponse response) {
		return response.isOverdue(now());
	}

	@SchemaMapping(typeName = "WhistleResponse")
	boolean supervised(WhistleResponse response) {
		return response.supervisedAt() != null;
	}

	/** The petition is already one the asker may see: so are its whistles. */
	@BatchMapping(typeName = "Petition")
	Map<Petition, List<Whistle>> whistles(List<Petition> list) {
		Map<Long, List<Whistle>> byPetition = this.queries.onPetitions(list.stream().map(Petition::id).toList());
		Map<Petition, List<Whistle>> result = new LinkedHashMap<>();
		list.forEach(p -> result.put(p, byPetition.getOrDefault(p.id(), List.of())));
		return result;
	}

	private Map<String, Department> departmentsByCode() {
		return this.departments.findAll()
			.stream()
			.map(DepartmentEntity::view)
			.collect(Collectors.toMap(Department::code, Function.identity()));
	}

	private OffsetDateTime now() {
		return ServiceTime.now(this.clock);
	}

}
