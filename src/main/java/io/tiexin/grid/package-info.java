/**
 * Areas and their hierarchy (county, township, village, grid cell): the in-memory catalog
 * ({@link io.tiexin.grid.AreaCatalog}) and the grid index that says which cell a point
 * falls in ({@link io.tiexin.grid.GridIndex}), with the values other modules read. Owns
 * (writes) the tables {@code area} and {@code area_import}, through {@code internal}.
 */
package io.tiexin.grid;
