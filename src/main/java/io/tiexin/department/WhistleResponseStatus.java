package io.tiexin.department;

/** Where a summoned department stands: summoned, reported (报到), its part done. */
public enum WhistleResponseStatus {

	SUMMONED, REPORTED, DONE

}
