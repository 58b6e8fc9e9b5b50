/**
 * The webhooks' inside: registrations and deliveries (JPA), the outbox writer, the sender
 * and the GraphQL controller. Writes {@code webhook} and {@code webhook_delivery}.
 */
package io.tiexin.webhook.internal;
