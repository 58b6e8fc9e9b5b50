/**
 * Analytics for planners and command centres: area statistics from a daily rollup, hotspots
 * (Getis-Ord Gi*), clusters (DBSCAN), map counts, and the demo history generator.
 */
package io.tiexin.analytics;
