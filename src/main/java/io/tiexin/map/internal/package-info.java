/**
 * The map module's inside: the map page and its settings, GeoJSON layers, vector tiles
 * and TileJSON, glyphs and the caching of static assets.
 */
package io.tiexin.map.internal;
