/**
 * The people module's inside: the import of the people file, citizens' self-registration,
 * the access rules behind {@link io.tiexin.people.PersonDisclosure}, the cache of
 * signed-in people and the listener that invalidates it, the queries and the GraphQL
 * controllers.
 */
package io.tiexin.people.internal;
