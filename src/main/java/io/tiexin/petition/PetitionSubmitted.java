package io.tiexin.petition;

/**
 * Published in the submitting transaction: dispatch picks the assignee here. Listeners
 * that run before the commit take part in the submission's transaction.
 */
public record PetitionSubmitted(long petitionId, String areaCode, String gridCode, String categoryCode,
		HandlingLevel level) {
}
