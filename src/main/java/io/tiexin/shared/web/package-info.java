/**
 * The HTTP edge every GraphQL request crosses: the request guard (size, depth,
 * complexity), rate limits, the client's address, and HTTP error bodies. Owns no table.
 */
@org.springframework.modulith.NamedInterface("web")
package io.tiexin.shared.web;
