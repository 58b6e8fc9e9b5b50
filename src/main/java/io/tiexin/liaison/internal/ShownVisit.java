package io.tiexin.liaison.internal;

import io.tiexin.people.Person;

/**
 * A visit as one viewer sees it: the person in full for themself and their supervisors;
 * for other staff the name masked and the note withheld (it names households).
 */
record ShownVisit(Visit visit, Person person, boolean full) {

	String note() {
		return this.full ? this.visit.getNote() : null;
	}

}
