package io.tiexin.department.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tiexin.people.Actor;
import io.tiexin.people.Role;
import io.tiexin.petition.PetitionObligations;
import io.tiexin.petition.PetitionReadGrants;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the whistle means to a case: it cannot be closed while a summoned department has
 * not finished, and the staff of a summoned department may read it, contact details
 * included, to act on it.
 */
@Component
class WhistleCaseRules implements PetitionObligations, PetitionReadGrants {

	private final JdbcClient jdbc;

	WhistleCaseRules(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Through JdbcClient, not the JPA repositories: the petition workflow asks inside its
	 * JDBC transaction, which JPA's transaction manager cannot join.
	 */
	@Override
	public List<String> openOn(long petitionId) {
		return this.jdbc.sql("""
				SELECT coalesce(d.name, r.department_code) || ' (' || r.department_code || ')'
				FROM whistle_response r
				JOIN whistle w ON w.id = r.whistle_id
				LEFT JOIN department d ON d.code = r.department_code
				WHERE w.petition_id = ? AND r.status <> 'DONE'
				ORDER BY r.department_code""").param(petitionId).query(String.class).list();
	}

	@Override
	public Set<Long> grantedAmong(Collection<Long> petitionIds, Actor actor) {
		if (!actor.has(Role.DEPARTMENT_STAFF) || petitionIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.sql("""
				SELECT DISTINCT w.petition_id
				FROM whistle w
				JOIN whistle_response r ON r.whistle_id = w.id
				JOIN department_staff s ON s.department_code = r.department_code
				WHERE s.person_id = ? AND w.petition_id = ANY (?)""")
			.params(actor.personId(), petitionIds.stream().distinct().toArray(Long[]::new))
			.query(Long.class)
			.list());
	}

}
