/**
 * The GraphQL controllers of petitions: queries, mutations, the subscription (its
 * authorisation in {@code PetitionEventSubscriptions}), and batch-loaded fields (personal
 * ones through {@code PersonalFieldMasking}).
 */
package io.tiexin.petition.web;
