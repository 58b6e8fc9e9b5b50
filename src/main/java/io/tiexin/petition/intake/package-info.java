/**
 * Intake: a submission checked, located in the grid (point, area code or place name) and
 * written with its tracking number and first timeline event.
 */
package io.tiexin.petition.intake;
