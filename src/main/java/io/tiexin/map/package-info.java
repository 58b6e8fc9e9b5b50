/**
 * Map layers for dashboards: areas with their case counts as GeoJSON, and vector tiles
 * for web maps. Owns petition_cluster_bin (the petitions tile's clusters, V18), kept by
 * triggers on petition.
 */
package io.tiexin.map;
