/**
 * Reading petitions: the search behind every list (filters, scope, cursor), who may see a
 * case, and the map points.
 */
package io.tiexin.petition.query;
