package io.tiexin.petition.web;

import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.petition.PetitionEvent;
import io.tiexin.petition.live.PetitionEventFeed;
import reactor.core.publisher.Flux;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/**
 * The live feed of petition events, within the areas {@link PetitionEventSubscriptions}
 * allows.
 */
@Controller
class PetitionSubscriptionController {

	private final PetitionEventFeed eventFeed;

	private final PetitionEventSubscriptions subscriptions;

	private final CurrentActor currentActor;

	PetitionSubscriptionController(PetitionEventFeed eventFeed, PetitionEventSubscriptions subscriptions,
			CurrentActor currentActor) {
		this.eventFeed = eventFeed;
		this.subscriptions = subscriptions;
		this.currentActor = currentActor;
	}

	@SubscriptionMapping
	Flux<PetitionEvent> petitionEvents(@Argument String areaCode) {
		Actor actor = this.currentActor.require();
		return this.eventFeed.events(areaCode, this.subscriptions.scopeOf(actor, areaCode));
	}

}
