package io.tiexin.dispatch.internal;

/**
 * The rule that chose who takes a petition, or the queue it waits in: stored with the
 * timeline event dispatch writes ({@code petition_event.rule}) and served as
 * {@code PetitionEvent.rule}, the same names as the SDL enum {@code DispatchRule}.
 */
public enum DispatchRule {

	/** The on-duty grid member of the cell with the fewest open cases. */
	GRID_MEMBER,

	/** Nobody on duty in the grid cell: a cadre of the village. */
	VILLAGE_CADRE,

	/** Nobody on duty in the village: the dispatch queue above. */
	NOBODY_IN_VILLAGE,

	/** An on-duty officer of the township. */
	TOWNSHIP_OFFICER,

	/** No township officer on duty: the county's dispatch queue. */
	NOBODY_IN_TOWNSHIP,

	/** An on-duty county administrator. */
	COUNTY_ADMIN,

	/** No county administrator on duty: the county's dispatch queue. */
	NOBODY_IN_COUNTY,

	/** No grid cell, village or township known for the petition: the queue above. */
	UNMATCHED,

	/** A village case returned too often: the queue above, for an officer to assign. */
	RETURN_LIMIT

}
