/**
 * The department module's inside: JPA entities and repositories, the import of the
 * departments file, the whistle's rules, supervision, statistics and the GraphQL
 * controllers.
 */
package io.tiexin.department.internal;
