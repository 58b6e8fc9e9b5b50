package io.tiexin.people.internal;

import java.util.List;
import java.util.Optional;

import io.tiexin.audit.AuditLog;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.people.Actor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.Role;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Looks people up and changes their duty status for the person asking, within that
 * person's scope: staff who work cases see the people of their areas and the chain above
 * them (a grid member finds their village cadre and township officer, not the grid
 * members of another village); county staff see everyone. Citizens and planners see only
 * themselves.
 */
@Service
@Transactional(readOnly = true)
class PersonQueries {

	private final PersonDirectory directory;

	private final AreaCatalog catalog;

	private final AuditLog auditLog;

	PersonQueries(PersonDirectory directory, AreaCatalog catalog, AuditLog auditLog) {
		this.directory = directory;
		this.catalog = catalog;
		this.auditLog = auditLog;
	}

	Optional<Person> person(long id, Actor actor) {
		if (id == actor.personId()) {
			return this.directory.findById(id);
		}
		requireLookUp(actor);
		Optional<Person> person = this.directory.findById(id);
		if (person.isPresent() && !PersonAccess.isRelated(actor, person.get())) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"该人员不在您的辖区内 (this person works outside the areas you work in)");
		}
		return person;
	}

	List<Person> people(String areaCode, Role role, Actor actor) {
		requireLookUp(actor);
		if (areaCode != null && this.catalog.find(areaCode).isEmpty()) {
			throw new TiexinException(ErrorCode.NOT_FOUND, "未知区域 (unknown area): " + areaCode);
		}
		if (areaCode != null && !actor.overlaps(areaCode)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"该区域不在您的辖区内 (this area is outside the areas you work in): " + areaCode);
		}
		return this.directory.find(areaCode, role)
			.stream()
			.filter(person -> PersonAccess.isRelated(actor, person))
			.toList();
	}

	@Transactional
	Person setOnDuty(long id, boolean onDuty, Actor actor) {
		Person person = this.directory.findById(id)
			.orElseThrow(() -> new TiexinException(ErrorCode.NOT_FOUND,
					"没有编号为 " + id + " 的人员 (no person with id " + id + ")"));
		if (!PersonAccess.maySetOnDuty(actor, person)) {
			throw new TiexinException(ErrorCode.FORBIDDEN, "无权更改 " + person.name() + " 的在岗状态 (you may not change "
					+ person.username() + "'s duty status): 仅限本人及其上级干部 (only they and their officers may)");
		}
		this.directory.setOnDuty(id, onDuty);
		this.auditLog.changed(actor.personId(), actor.username(), "SET_ON_DUTY", id, "onDuty=" + onDuty);
		return this.directory.findById(id).orElseThrow();
	}

	private static void requireLookUp(Actor actor) {
		if (!PersonAccess.mayLookUpPeople(actor)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"无权查看他人信息 (you may not look up other people): 仅限网格员、贴心人和干部 (grid members, liaisons and officers only)");
		}
	}

}
