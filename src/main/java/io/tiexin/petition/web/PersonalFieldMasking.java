package io.tiexin.petition.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.tiexin.audit.AuditLog;
import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionQueries;
import io.tiexin.petition.PetitionReadGrants;
import io.tiexin.petition.query.PetitionAccess;

import org.springframework.stereotype.Component;

/**
 * The one rule for a petition's personal fields on every batch loader: in full for those
 * who may read them ({@link PetitionAccess#mayReadPersonalData}, or granted by
 * {@link PetitionReadGrants}), masked for everyone else; each full value shown is
 * recorded in the audit trail, one statement per field and page.
 */
@Component
class PersonalFieldMasking {

	private final CurrentActor currentActor;

	private final PetitionQueries queries;

	private final AuditLog auditLog;

	PersonalFieldMasking(CurrentActor currentActor, PetitionQueries queries, AuditLog auditLog) {
		this.currentActor = currentActor;
		this.queries = queries;
		this.auditLog = auditLog;
	}

	/** The signed-in person the fields are shown to. */
	Actor viewer() {
		return this.currentActor.require();
	}

	/** The petitions among these whose details a grant opens to the actor. */
	Set<Long> grantedAmong(List<Petition> petitions, Actor actor) {
		return this.queries.grantedAmong(petitions, actor);
	}

	/** Records that these petitions' field was shown to the actor in full. */
	void recordShownInFull(Actor actor, String field, List<Long> petitionIds) {
		this.auditLog.personalDataRead(actor.personId(), actor.username(), field, petitionIds);
	}

	/** The field's value per petition, in full or masked ({@code mask} may drop it). */
	Map<Petition, String> personalField(List<Petition> petitions, String field, Function<Petition, String> value,
			UnaryOperator<String> mask) {
		Actor actor = viewer();
		Map<Petition, String> result = new LinkedHashMap<>();
		List<Long> shownInFull = new ArrayList<>();
		Set<Long> granted = grantedAmong(petitions, actor);
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
		recordShownInFull(actor, field, shownInFull);
		return result;
	}

}
