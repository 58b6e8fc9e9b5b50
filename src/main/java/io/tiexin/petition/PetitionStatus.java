package io.tiexin.petition;

public enum PetitionStatus {

	SUBMITTED, ASSIGNED, ACCEPTED, IN_PROGRESS, RESOLVED, CLOSED, WITHDRAWN;

	/** Whether work on the petition is still owed (anything before resolution). */
	public boolean isOpen() {
		return this != RESOLVED && this != CLOSED && this != WITHDRAWN;
	}

}
