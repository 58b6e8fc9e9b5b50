package io.tiexin.petition;

public enum Satisfaction {

	SATISFIED, BASICALLY_SATISFIED, DISSATISFIED;

	public boolean isSatisfied() {
		return this != DISSATISFIED;
	}

}
