/**
 * Analytics for planners and command centres: area statistics and trends from a daily
 * rollup, hotspots (Getis-Ord Gi*), emerging hot spots (Gi* over time, Mann-Kendall),
 * clusters (DBSCAN), map counts, and the demo history generator.
 */
package io.tiexin.analytics;
