package io.tiexin.petition;

import java.util.List;

/**
 * Published once for the petitions group intake wrote together, in their submitting
 * transaction, instead of one {@link PetitionSubmitted} each: dispatch assigns them in
 * one pass, in this order, as it would one after another.
 */
public record PetitionsSubmitted(List<PetitionSubmitted> petitions) {
}
