package io.tiexin.petition.web;

import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionWorkflow;
import io.tiexin.petition.Satisfaction;
import io.tiexin.petition.SubmitPetitionInput;
import io.tiexin.petition.intake.PetitionIntake;
import io.tiexin.petition.query.PetitionSearch;
import io.tiexin.shared.Ids;
import io.tiexin.shared.web.ClientAddress;
import io.tiexin.shared.web.RateLimiter;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * The petition mutations: submission (rate-limited per person and per address) and every
 * step of the lifecycle through {@link PetitionWorkflow}.
 */
@Controller
class PetitionMutationController {

	private final PetitionIntake intake;

	private final PetitionWorkflow workflow;

	private final CurrentActor currentActor;

	private final RateLimiter rateLimiter;

	PetitionMutationController(PetitionIntake intake, PetitionWorkflow workflow, CurrentActor currentActor,
			RateLimiter rateLimiter) {
		this.intake = intake;
		this.workflow = workflow;
		this.currentActor = currentActor;
		this.rateLimiter = rateLimiter;
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
		return this.workflow.assign(PetitionSearch.parseId(id), Ids.reference(personId, "Person", "人员编号 (personId)"),
				version, this.currentActor.require());
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

}
