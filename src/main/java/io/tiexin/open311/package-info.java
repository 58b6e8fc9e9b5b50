/**
 * Open311 GeoReport v2 at {@code /open311/v2/}: partner systems (the 12345 hotline,
 * provincial apps) read the categories and public cases and submit petitions with an
 * {@code api_key}, in JSON or XML. Owns the tables {@code api_key},
 * {@code open311_service} and {@code open311_service_attribute}.
 */
package io.tiexin.open311;
