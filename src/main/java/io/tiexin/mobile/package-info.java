/**
 * The grid worker's phone page at {@code /m/} (static files under {@code static/m/}, a
 * client of the public GraphQL API like any other): how it is served. Owns no tables.
 */
package io.tiexin.mobile;
