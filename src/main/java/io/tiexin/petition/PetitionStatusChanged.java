package io.tiexin.petition;

/**
 * Published inside the transaction of every lifecycle transition that changed a
 * petition's status: a listener that runs before the commit (what follows a petition,
 * such as a meeting item) changes with it or not at all.
 */
public record PetitionStatusChanged(long petitionId, PetitionStatus from, PetitionStatus to) {

	/** Whether the petition has reached an end: closed, or withdrawn by its submitter. */
	public boolean ended() {
		return this.to == PetitionStatus.CLOSED || this.to == PetitionStatus.WITHDRAWN;
	}

}
