/**
 * The small kernel every module shares: the domain error type with its stable GraphQL
 * error codes and the resolvers that map errors to {@code extensions.code}, the scalars,
 * the service's clock and time zone, periods, and small-count suppression. Sub-packages,
 * each a named interface: {@code web} (the HTTP guard, rate limits, client address),
 * {@code postgres} (the LISTEN loop), {@code console} (progress bar). Owns no table.
 */
package io.tiexin.shared;
