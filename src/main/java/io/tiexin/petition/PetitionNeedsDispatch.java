package io.tiexin.petition;

import java.util.Set;

/**
 * Published when a petition went back to SUBMITTED and needs a (new) assignee: it was
 * returned by its assignee, or escalated to a higher level. Published inside the
 * transaction that made the change, so a listener that runs before the commit assigns it
 * in that same transaction.
 *
 * @param level the level to dispatch at
 * @param excludedPersonIds people not to assign again: everyone who returned it so far
 */
public record PetitionNeedsDispatch(long petitionId, HandlingLevel level, Set<Long> excludedPersonIds, String reason,
		Cause cause) {

	public PetitionNeedsDispatch {
		excludedPersonIds = Set.copyOf(excludedPersonIds);
	}

	public enum Cause {

		/** The assignee sent it back (退单): the deadline keeps running. */
		RETURNED,
		/**
		 * Moved one level up, by a person or because its time limit passed: a new
		 * deadline there.
		 */
		ESCALATED

	}
}
