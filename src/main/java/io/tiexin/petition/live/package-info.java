/**
 * Live events: timeline events announced over PostgreSQL NOTIFY and fanned out to GraphQL
 * subscriptions on every replica.
 */
package io.tiexin.petition.live;
