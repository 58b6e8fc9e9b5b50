/**
 * Petitions (诉求): intake, the lifecycle state machine with its timeline, queries, live
 * events and bulk import; the public API is this package, the rest lives in sub-packages.
 * Owns (writes) petition and petition_event; reads category.
 */
package io.tiexin.petition;
