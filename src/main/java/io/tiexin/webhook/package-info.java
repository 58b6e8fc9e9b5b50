/**
 * Webhooks: county administrators register endpoints for timeline event types; every such
 * event is written to an outbox in its own transaction and POSTed, signed, at least once
 * and in order per petition. Owns the tables {@code webhook} and
 * {@code webhook_delivery}.
 */
package io.tiexin.webhook;
