/**
 * Per-replica daemon threads and the PostgreSQL LISTEN loop that NOTIFY reaches every
 * replica by. Owns no table.
 */
@org.springframework.modulith.NamedInterface("postgres")
package io.tiexin.shared.postgres;
