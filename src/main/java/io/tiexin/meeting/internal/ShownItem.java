package io.tiexin.meeting.internal;

/**
 * An item as the viewer of its meeting sees it: who raised it masked unless they handle
 * the area.
 */
record ShownItem(MeetingItem item, boolean fullNames) {
}
