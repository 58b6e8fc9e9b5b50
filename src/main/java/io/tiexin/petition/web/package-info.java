/**
 * The GraphQL controller of petitions: queries, mutations, the subscription, and
 * batch-loaded fields.
 */
package io.tiexin.petition.web;
