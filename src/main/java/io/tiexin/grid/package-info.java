/**
 * Areas and their hierarchy (county, township, village, grid cell): import with
 * validation, the in-memory catalog, and the grid index that says which cell a point
 * falls in. Owns (writes) area and area_import.
 */
package io.tiexin.grid;
