package io.tiexin.petition;

import java.util.Set;

/**
 * Published when a petition went back to SUBMITTED and needs a (new) assignee: it was returned by
 * its assignee, or escalated to a higher level.
 *
 * @param excludedPersonIds people not to assign again (who returned it)
 */
public record PetitionNeedsDispatch(long petitionId, HandlingLevel level, Set<Long> excludedPersonIds, String reason) {
}
