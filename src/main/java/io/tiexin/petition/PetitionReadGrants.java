package io.tiexin.petition;

import java.util.Collection;
import java.util.Set;

import io.tiexin.people.Actor;

/**
 * Access to single petitions that other modules grant through a part someone has in the
 * case: staff of a county department summoned to it (吹哨报到) read it, with the contact
 * details they need to act, though it lies in no area of theirs. Nothing more: lists and
 * searches stay narrowed by {@link PetitionAccess}.
 */
public interface PetitionReadGrants {

	/** The petitions among these that the actor was granted; one statement at most. */
	Set<Long> grantedAmong(Collection<Long> petitionIds, Actor actor);

}
