package io.tiexin.petition;

import java.util.List;

/**
 * Published once for the petitions intake wrote together (one or many), in their
 * submitting transaction, instead of one {@link PetitionSubmitted} each: dispatch decides
 * them in one pass, in this order, as it would one after another, and routes them in one
 * set of statements ({@link PetitionWorkflow#routeAll}).
 */
public record PetitionsSubmitted(List<PetitionSubmitted> petitions) {
}
