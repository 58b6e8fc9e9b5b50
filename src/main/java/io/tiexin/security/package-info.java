/**
 * Sign-in: JWT bearer tokens from an identity provider (or, in the demo, from a key
 * generated at start-up), turned into the {@link io.tiexin.people.Actor} a request runs
 * as. Owns no table.
 */
package io.tiexin.security;
