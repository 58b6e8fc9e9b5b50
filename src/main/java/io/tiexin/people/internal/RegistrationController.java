package io.tiexin.people.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tiexin.people.CurrentActor;
import io.tiexin.people.Person;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;

/** {@code register} and {@code Person.householdRepresentative}. */
@Controller
class RegistrationController {

	private final Registration registration;

	private final CurrentActor currentActor;

	private final JdbcClient jdbc;

	RegistrationController(Registration registration, CurrentActor currentActor, JdbcClient jdbc) {
		this.registration = registration;
		this.currentActor = currentActor;
		this.jdbc = jdbc;
	}

	@MutationMapping
	Person register(@Argument RegisterInput input) {
		var unregistered = this.currentActor.unregistered();
		if (unregistered.isPresent()) {
			return this.registration.register(unregistered.get().username(), Optional.empty(), input);
		}
		var known = this.currentActor.find();
		if (known.isEmpty()) {
			throw new TiexinException(ErrorCode.UNAUTHENTICATED, "请先通过身份认证登录,再注册 (sign in through the identity "
					+ "provider first, then register): Authorization: Bearer <令牌> (token)");
		}
		return this.registration.register(known.get().username(), known, input);
	}

	/** One statement for a page of persons. */
	@BatchMapping(typeName = "Person")
	Map<Person, Boolean> householdRepresentative(List<Person> persons) {
		Map<Long, Boolean> byId = new LinkedHashMap<>();
		this.jdbc.sql("SELECT id, household_representative FROM person WHERE id = ANY (?)")
			.param(persons.stream().map(Person::id).distinct().toArray(Long[]::new))
			.query((rs, row) -> byId.put(rs.getLong("id"), rs.getBoolean("household_representative")))
			.list();
		Map<Person, Boolean> result = new LinkedHashMap<>();
		persons.forEach(person -> result.put(person, byId.getOrDefault(person.id(), false)));
		return result;
	}

}
