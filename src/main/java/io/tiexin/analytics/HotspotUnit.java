package io.tiexin.analytics;

/** What a hot spot analysis counts petitions in. */
enum HotspotUnit {

	/** The area's grid cells; neighbours share an edge or a corner. */
	GRID,
	/** Hexagons of a given size; neighbours have centroids within a distance band. */
	HEXAGON

}
