package io.tiexin.meeting;

/** Where a meeting stands: PLANNED, then HELD (recorded) or CANCELLED. */
public enum MeetingStatus {

	PLANNED, HELD, CANCELLED

}
