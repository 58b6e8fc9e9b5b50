package io.tiexin.people.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.people.CurrentActor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.PersonDisclosure;
import io.tiexin.people.Role;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.Ids;
import io.tiexin.shared.TiexinException;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The "People" queries, {@code Area.gridMembers} and {@code Area.liaisons}, and
 * {@code setOnDuty}. Areas of a person come from the in-memory catalog; people of a list
 * of areas load in one statement.
 */
@Controller
class PersonController {

	private final PersonDirectory directory;

	private final CurrentActor currentActor;

	private final AreaCatalog catalog;

	private final PersonQueries queries;

	PersonController(PersonDirectory directory, CurrentActor currentActor, AreaCatalog catalog, PersonQueries queries) {
		this.directory = directory;
		this.queries = queries;
		this.currentActor = currentActor;
		this.catalog = catalog;
	}

	/** {@code null} for a subject that signed in but has not registered yet. */
	@QueryMapping
	Person me() {
		if (this.currentActor.unregistered().isPresent()) {
			return null;
		}
		return this.directory.findById(this.currentActor.require().personId()).orElse(null);
	}

	@QueryMapping
	Person person(@Argument String id) {
		return this.queries.person(personId(id), this.currentActor.require()).orElse(null);
	}

	@QueryMapping
	List<Person> people(@Argument String areaCode, @Argument Role role) {
		return this.queries.people(areaCode, role, this.currentActor.require());
	}

	@MutationMapping
	Person setOnDuty(@Argument String personId, @Argument boolean onDuty) {
		return this.queries.setOnDuty(personId(personId), onDuty, this.currentActor.require());
	}

	/**
	 * Roles in the order the enum lists them, so answers do not change from one run to
	 * the next.
	 */
	@SchemaMapping(typeName = "Person")
	List<Role> roles(Person person) {
		return person.roles().stream().sorted(Comparator.naturalOrder()).toList();
	}

	@SchemaMapping(typeName = "Person")
	String name(Person person) {
		return PersonAccess.showsIdentity(person, this.currentActor.viewer().orElse(null)) ? person.name()
				: PersonDisclosure.maskName(person.name());
	}

	@SchemaMapping(typeName = "Person")
	String username(Person person) {
		return PersonAccess.showsIdentity(person, this.currentActor.viewer().orElse(null)) ? person.username()
				: PersonDisclosure.WITHHELD;
	}

	@SchemaMapping(typeName = "Person")
	String phone(Person person) {
		return PersonAccess.phoneAsSeenBy(person, this.currentActor.viewer().orElse(null));
	}

	@SchemaMapping(typeName = "Person")
	Area homeArea(Person person) {
		return (person.homeAreaCode() != null
				&& PersonAccess.showsIdentity(person, this.currentActor.viewer().orElse(null)))
						? this.catalog.find(person.homeAreaCode()).orElse(null) : null;
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
		return Ids.reference(id, "Person", "人员编号 (person id)");
	}

}
