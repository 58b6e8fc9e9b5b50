/**
 * Analytics for planners and command centres: area statistics and trends from a daily
 * rollup, hotspots (Getis-Ord Gi*), emerging hot spots (Gi* over time, Mann-Kendall),
 * clusters (DBSCAN) and map counts. Other modules use none of it: its API is the GraphQL
 * schema, and everything is in {@code internal}. Owns petition_rollup and
 * petition_cell_month (V5, V8, V9), petition_h3_count with the H3 tables and functions it
 * is computed with (V22, V22_1) and petition_close_hours (V22_2), all kept by its
 * triggers on petition.
 */
package io.tiexin.analytics;
