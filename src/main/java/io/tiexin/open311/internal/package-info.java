/**
 * Open311's inside: the GeoReport v2 controller and its formats, the service catalog, and
 * the api_keys (JPA) with their GraphQL. Writes {@code api_key} (and reads
 * {@code open311_service}, {@code open311_service_attribute}).
 */
package io.tiexin.open311.internal;
