package io.tiexin.petition;

/** Ascending or descending. */
public enum OrderDirection {

	ASC, DESC

}
