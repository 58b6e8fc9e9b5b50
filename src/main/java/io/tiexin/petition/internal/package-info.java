/**
 * The petition tables as intake, lifecycle and queries use them (PetitionRepository), and
 * the module's settings.
 */
package io.tiexin.petition.internal;
