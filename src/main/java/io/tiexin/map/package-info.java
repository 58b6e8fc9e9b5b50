/**
 * Map layers for dashboards: areas with their case counts as GeoJSON, and vector tiles
 * for web maps. Its API is {@link io.tiexin.map.AreaCaseCounts}, which analytics
 * provides; the rest is in {@code internal}. Owns no table.
 */
package io.tiexin.map;
