package io.tiexin.liaison.internal;

import io.tiexin.people.Person;

/**
 * One liaison on a board: the person (as the board may show them) and their profile,
 * {@code null} when they have not written one yet.
 */
record BoardEntry(Person person, LiaisonProfile profile) {

	String position() {
		return (this.profile != null) ? this.profile.getPosition() : null;
	}

	String commitment() {
		return (this.profile != null) ? this.profile.getCommitment() : null;
	}

	String duties() {
		return (this.profile != null) ? this.profile.getDuties() : null;
	}

	String photoUrl() {
		return (this.profile != null) ? this.profile.getPhotoUrl() : null;
	}

}
