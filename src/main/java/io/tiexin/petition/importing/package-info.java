/**
 * Bulk import internals: the CSV and GeoJSON readers, the record validator, the import's
 * own SQL ({@code PetitionImportRepository}), and the import command.
 */
package io.tiexin.petition.importing;
