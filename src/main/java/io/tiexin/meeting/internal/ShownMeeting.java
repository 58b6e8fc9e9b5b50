package io.tiexin.meeting.internal;

/**
 * A meeting as one viewer may see it: {@code publicNotice} for anyone (title, place,
 * time, agenda; no names), else {@code fullNames} for those handling its area (other
 * staff read names masked).
 */
record ShownMeeting(Meeting meeting, boolean publicNotice, boolean fullNames) {
}
