package io.tiexin.petition;

import java.util.List;

/**
 * What other modules still owe on a petition, which keeps it from being closed: a county
 * department summoned to the case (吹哨报到) that has not finished its part. Implemented by
 * the module that owns the obligation; asked under the petition's row lock, in the
 * closing transaction.
 */
public interface PetitionObligations {

	/**
	 * What is still open on the petition, one line each for people to read (e.g. "县水利局
	 * (SUMMONED)"); empty when nothing is.
	 */
	List<String> openOn(long petitionId);

}
