package io.tiexin.liaison.internal;

import java.util.List;

/** A Relay cursor connection over visits, newest first. */
record VisitConnection(List<Edge> edges, PageInfo pageInfo, long totalCount) {

	record Edge(String cursor, ShownVisit node) {
	}

	record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

}
