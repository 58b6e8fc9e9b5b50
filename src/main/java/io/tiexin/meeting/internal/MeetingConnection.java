package io.tiexin.meeting.internal;

import java.util.List;

/** A Relay cursor connection over meetings, latest scheduled first. */
record MeetingConnection(List<Edge> edges, PageInfo pageInfo, long totalCount) {

	record Edge(String cursor, ShownMeeting node) {
	}

	record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

}
