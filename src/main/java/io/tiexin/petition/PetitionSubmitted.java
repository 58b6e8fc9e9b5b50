package io.tiexin.petition;

/**
 * Published in the submitting transaction: dispatch picks the assignee here. Listeners
 * that run before the commit take part in the submission's transaction. Intake announces
 * its petitions together ({@link PetitionsSubmitted}, one or many); the import of
 * historical cases announces them one by one with this.
 */
public record PetitionSubmitted(long petitionId, String areaCode, String gridCode, String categoryCode,
		HandlingLevel level) {
}
