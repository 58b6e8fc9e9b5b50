/**
 * Analytics for planners and command centres: area statistics and trends from a daily
 * rollup, hotspots (Getis-Ord Gi*), emerging hot spots (Gi* over time, Mann-Kendall),
 * clusters (DBSCAN) and map counts.
 */
package io.tiexin.analytics;
