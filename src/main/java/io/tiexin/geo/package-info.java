/**
 * Coordinates and geometry: input points normalised to WGS84 from the datums Chinese map
 * clients use, the GeoJSON scalar, the geometry factory, geometry across PostgreSQL's
 * driver as EWKB, and metric helpers (metres, never degrees). Owns no table.
 */
package io.tiexin.geo;
