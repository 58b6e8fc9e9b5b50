/**
 * Analytics for planners and command centres: area statistics and trends from a daily
 * rollup, hotspots (Getis-Ord Gi*), emerging hot spots (Gi* over time, Mann-Kendall),
 * clusters (DBSCAN) and map counts. Other modules use none of it: its API is the GraphQL
 * schema, and everything is in {@code internal}. Owns petition_rollup and
 * petition_cell_month, kept by its triggers on petition (V5, V8, V9).
 */
package io.tiexin.analytics;
