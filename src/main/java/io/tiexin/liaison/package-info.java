/**
 * The liaisons' side of the programme: the public liaison board (亮身份、亮承诺、亮职责) with its
 * printable page and QR code, and the visits liaisons and grid members report (服务报到).
 * Owns the tables liaison_profile and visit.
 */
package io.tiexin.liaison;
