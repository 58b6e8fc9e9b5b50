package io.tiexin.dispatch.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tiexin.dispatch.internal.DispatchRules.Decision;
import io.tiexin.dispatch.internal.DispatchRules.Lookups;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionNeedsDispatch;
import io.tiexin.petition.PetitionQueries;
import io.tiexin.petition.PetitionSubmitted;
import io.tiexin.petition.PetitionWorkflow;
import io.tiexin.petition.PetitionWorkflow.Routing;
import io.tiexin.petition.PetitionsSubmitted;
import io.tiexin.shared.ServiceTime;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Dispatches petitions as the petition module announces them: new ones, returned ones and
 * escalated ones. A plain (synchronous) listener on purpose: it runs inside the
 * transaction that published the event, so {@code submitPetition} answers with the
 * petition already ASSIGNED, and a failure here rolls the whole submission back rather
 * than leaving a petition nobody will route.
 * <p>
 * The clock of a time limit starts at submission and keeps running through returns (the
 * citizen is still waiting); an escalation starts a new one at the new level.
 */
@Component
class Dispatcher {

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final DispatchRules rules;

	private final TimeLimits timeLimits;

	private final PetitionQueries petitions;

	private final PetitionWorkflow workflow;

	private final DispatchProperties properties;

	private final Clock clock;

	Dispatcher(DispatchRules rules, TimeLimits timeLimits, PetitionQueries petitions, PetitionWorkflow workflow,
			DispatchProperties properties, Clock clock) {
		this.rules = rules;
		this.timeLimits = timeLimits;
		this.petitions = petitions;
		this.workflow = workflow;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener
	void onSubmitted(PetitionSubmitted event) {
		Petition petition = this.petitions.find(event.petitionId()).orElseThrow();
		apply(petition, this.rules.decide(petition, Set.of(), false), newDeadline(petition, petition.submittedAt()));
	}

	/**
	 * Petitions group intake wrote together: read in one statement, their people read
	 * ahead ({@link DispatchRules#lookupsFor}), each decided in turn as
	 * {@link #onSubmitted} would decide it after the ones before (their loads counted on
	 * as the pass assigns), then all routed together ({@link PetitionWorkflow#routeAll}):
	 * a fixed number of statements for the batch, whatever its size.
	 */
	@EventListener
	void onSubmittedTogether(PetitionsSubmitted event) {
		Map<Long, Petition> byId = this.petitions
			.byIds(event.petitions().stream().map(PetitionSubmitted::petitionId).toList());
		List<Petition> petitions = event.petitions()
			.stream()
			.map(submitted -> byId.get(submitted.petitionId()))
			.toList();
		Lookups lookups = this.rules.lookupsFor(petitions);
		List<Routing> routings = new ArrayList<>(petitions.size());
		for (Petition petition : petitions) {
			Decision decision = this.rules.decide(petition, Set.of(), false, lookups);
			Deadline deadline = newDeadline(petition, petition.submittedAt());
			routings.add(new Routing(petition.id(), decision.assigneeId(), decision.level(), decision.liaisonId(),
					deadline.dueAt(), decision.rule().name(), decision.note() + ";" + deadline.note()));
			if (decision.assigns()) {
				lookups.assigned(decision.assigneeId());
			}
		}
		this.workflow.routeAll(routings);
	}

	@EventListener
	void onNeedsDispatch(PetitionNeedsDispatch event) {
		Petition petition = this.petitions.find(event.petitionId()).orElseThrow();
		switch (event.cause()) {
			case RETURNED -> {
				boolean tooOften = petition.returnCount() >= this.properties.returnsBeforeTownship();
				Deadline deadline = (petition.dueAt() != null)
						? new Deadline(petition.dueAt(), "时限照旧 (deadline unchanged)")
						: newDeadline(petition, petition.submittedAt());
				apply(petition, this.rules.decide(petition, event.excludedPersonIds(), tooOften), deadline);
			}
			case ESCALATED -> apply(petition, this.rules.decide(petition, Set.of(), false),
					newDeadline(petition, ServiceTime.now(this.clock)));
		}
	}

	private void apply(Petition petition, Decision decision, Deadline deadline) {
		String note = decision.note() + ";" + deadline.note();
		String rule = decision.rule().name();
		if (decision.assigns()) {
			this.workflow.dispatch(petition.id(), decision.assigneeId(), decision.liaisonId(), deadline.dueAt(), rule,
					note);
		}
		else {
			this.workflow.queue(petition.id(), decision.level(), decision.liaisonId(), deadline.dueAt(), rule, note);
		}
	}

	private Deadline newDeadline(Petition petition, OffsetDateTime start) {
		TimeLimit limit = this.timeLimits.limitFor(petition);
		OffsetDateTime dueAt = this.timeLimits.dueAt(petition, start);
		return new Deadline(dueAt,
				"时限 " + limit.describe() + ",至 " + DAY_AND_TIME.format(dueAt) + " (due " + dueAt + ")");
	}

	private record Deadline(OffsetDateTime dueAt, String note) {
	}

}
