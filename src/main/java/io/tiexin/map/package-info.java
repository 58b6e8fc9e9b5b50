/**
 * Map layers for dashboards: areas with their case counts as GeoJSON, and vector tiles
 * for web maps. Owns no table.
 */
package io.tiexin.map;
