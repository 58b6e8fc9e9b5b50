package io.tiexin.people;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The "People" queries, {@code Area.gridMembers} and {@code Area.liaisons}, and {@code setOnDuty}.
 * Areas of a person come from the in-memory catalog; people of a list of areas load in one
 * statement.
 */
@Controller
class PersonController {

	private final PersonDirectory directory;

	private final CurrentActor currentActor;

	private final AreaCatalog catalog;

	PersonController(PersonDirectory directory, CurrentActor currentActor, AreaCatalog catalog) {
		this.directory = directory;
		this.currentActor = currentActor;
		this.catalog = catalog;
	}

	@QueryMapping
	Person me() {
		return this.directory.findById(this.currentActor.require().personId()).orElse(null);
	}

	@QueryMapping
	Person person(@Argument String id) {
		Actor actor = this.currentActor.require();
		long personId = personId(id);
		if (personId != actor.personId() && !PersonAccess.mayLookUpPeople(actor)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"无权查看他人信息 (you may not look up other people): 仅限网格员、贴心人和干部 (grid members, liaisons and officers only)");
		}
		return this.directory.findById(personId).orElse(null);
	}

	@QueryMapping
	List<Person> people(@Argument String areaCode, @Argument Role role) {
		Actor actor = this.currentActor.require();
		if (!PersonAccess.mayLookUpPeople(actor)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"无权查询人员名单 (you may not list people): 仅限网格员、贴心人和干部 (grid members, liaisons and officers only)");
		}
		if (areaCode != null && this.catalog.find(areaCode).isEmpty()) {
			throw new TiexinException(ErrorCode.NOT_FOUND, "未知区域 (unknown area): " + areaCode);
		}
		return this.directory.find(areaCode, role);
	}

	@MutationMapping
	Person setOnDuty(@Argument String personId, @Argument boolean onDuty) {
		Actor actor = this.currentActor.require();
		long id = personId(personId);
		Person person = this.directory.findById(id)
			.orElseThrow(() -> new TiexinException(ErrorCode.NOT_FOUND, "没有编号为 " + id + " 的人员 (no person with id " + id + ")"));
		if (!PersonAccess.maySetOnDuty(actor, person)) {
			throw new TiexinException(ErrorCode.FORBIDDEN, "无权更改 " + person.name() + " 的在岗状态 (you may not change "
					+ person.username() + "'s duty status): 仅限本人及其上级干部 (only they and their officers may)");
		}
		this.directory.setOnDuty(id, onDuty);
		return this.directory.findById(id).orElseThrow();
	}

	/** Roles in the order the enum lists them, so answers do not change from one run to the next. */
	@SchemaMapping(typeName = "Person")
	List<Role> roles(Person person) {
		return person.roles().stream().sorted(Comparator.naturalOrder()).toList();
	}

	@SchemaMapping(typeName = "Person")
	String phone(Person person) {
		return PersonAccess.phoneAsSeenBy(person, this.currentActor.find().orElse(null));
	}

	@SchemaMapping(typeName = "Person")
	Area homeArea(Person person) {
		return (person.homeAreaCode() != null) ? this.catalog.find(person.homeAreaCode()).orElse(null) : null;
	}

	@SchemaMapping(typeName = "Person")
	List<Area> dutyAreas(Person person) {
		return person.dutyAreaCodes().stream().map(this.catalog::find).flatMap(Optional::stream).toList();
	}

	@BatchMapping(typeName = "Area")
	Map<Area, List<Person>> gridMembers(List<Area> areas) {
		return byArea(areas, this.directory::gridMembersOf);
	}

	@BatchMapping(typeName = "Area")
	Map<Area, List<Person>> liaisons(List<Area> areas) {
		return byArea(areas, this.directory::liaisonsOf);
	}

	private static Map<Area, List<Person>> byArea(List<Area> areas,
			Function<List<String>, Map<String, List<Person>>> peopleByCode) {
		Map<String, List<Person>> byCode = peopleByCode.apply(areas.stream().map(Area::code).toList());
		Map<Area, List<Person>> byArea = new LinkedHashMap<>();
		areas.forEach(area -> byArea.put(area, byCode.getOrDefault(area.code(), List.of())));
		return byArea;
	}

	private static long personId(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw new TiexinException(ErrorCode.VALIDATION, "人员编号无效 (invalid person id): " + id);
		}
	}
}
