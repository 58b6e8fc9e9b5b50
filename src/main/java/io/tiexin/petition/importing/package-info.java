/**
 * Bulk import internals: the CSV and GeoJSON readers, the record validator, and the
 * import command.
 */
package io.tiexin.petition.importing;
