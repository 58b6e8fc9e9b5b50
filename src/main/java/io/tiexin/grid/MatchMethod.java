package io.tiexin.grid;

/** How a point was matched to a grid cell. */
public enum MatchMethod {

	/** The point lies inside the cell or on its boundary. */
	CONTAINS,
	/** The point lies in no cell, but within the configured tolerance of this one. */
	NEAREST,
	/** No cell within the tolerance: the case goes to the county dispatch queue. */
	UNMATCHED

}
