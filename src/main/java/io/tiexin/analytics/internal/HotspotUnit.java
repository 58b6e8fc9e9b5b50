package io.tiexin.analytics.internal;

/** What a hot spot analysis counts petitions in. */
enum HotspotUnit {

	/** The area's grid cells; neighbours share an edge or a corner. */
	GRID,
	/** Hexagons of a given size; neighbours have centroids within a distance band. */
	HEXAGON,
	/**
	 * Uber's H3 cells of a resolution; neighbours are the cells within k steps
	 * ({@code gridDisk(k)}).
	 */
	H3

}
