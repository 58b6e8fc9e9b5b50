/**
 * Petitions (诉求): intake, the lifecycle state machine with its timeline, and the queries
 * citizens, grid workers and officers use.
 */
package io.tiexin.petition;
