/**
 * Intake: a submission checked, located in the grid (point, area code or place name) and
 * written with its tracking number and first timeline event; concurrent submissions share
 * one transaction (group intake). Writes petition and petition_event for the module.
 */
package io.tiexin.petition.intake;
