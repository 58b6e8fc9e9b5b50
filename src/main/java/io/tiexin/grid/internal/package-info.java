/**
 * The grid module's inside: the area file's validation and import, the repository, the
 * snapshot behind the catalog with its gazetteer, the change listener and the GraphQL
 * controller.
 */
package io.tiexin.grid.internal;
