package io.tiexin.petition;

/**
 * What a list of petitions can be sorted by; ties are broken by id in the same direction.
 */
public enum PetitionOrderField {

	/** When the petition was submitted. */
	SUBMITTED_AT,

	/**
	 * Its time limit; petitions without one sort as if due at the end of time (last
	 * ascending, first descending), as PostgreSQL sorts nulls.
	 */
	DUE_AT,

	/** When it last changed: its latest timeline event. */
	UPDATED_AT

}
