/**
 * Map layers for dashboards: areas with their case counts as GeoJSON, and vector tiles
 * for web maps. Its API is {@link io.tiexin.map.AreaCaseCounts}, which analytics
 * provides; the rest is in {@code internal}. Owns petition_cluster_bin (the petitions
 * tile's clusters, V18), kept by triggers on petition.
 */
package io.tiexin.map;
