package io.tiexin.petition;

/** How a petition reached the platform. */
public enum Channel {

	/** The WeChat mini program (一键上报). */
	MINI_PROGRAM,
	/** The 12345 government service hotline. */
	HOTLINE_12345,
	/** A village meeting (屋场贴心会). */
	MEETING,
	/** A grid member's patrol. */
	PATROL,
	/** In person at a village or township office. */
	WALK_IN

}
