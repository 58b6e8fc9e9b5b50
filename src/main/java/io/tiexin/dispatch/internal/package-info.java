/**
 * The dispatch module's inside: the dispatch rules, the dispatcher listening for
 * submitted petitions, time limits and the working calendar, the escalation job and the
 * GraphQL controller.
 */
package io.tiexin.dispatch.internal;
