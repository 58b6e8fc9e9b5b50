/**
 * The lifecycle state machine: which operation may move a petition from which status, and
 * by whom.
 */
package io.tiexin.petition.lifecycle;
