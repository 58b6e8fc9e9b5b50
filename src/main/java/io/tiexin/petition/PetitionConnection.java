package io.tiexin.petition;

import java.util.List;

/** A Relay cursor connection over petitions, newest first. */
record PetitionConnection(List<Edge> edges, PageInfo pageInfo, long totalCount) {

	record Edge(String cursor, Petition node) {
	}

	record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

	/** A page from rows fetched with one extra row, which only tells whether there is a next page. */
	static PetitionConnection of(List<Petition> rowsPlusOne, int pageSize, boolean afterCursor, long totalCount) {
		List<Petition> page = rowsPlusOne.subList(0, Math.min(pageSize, rowsPlusOne.size()));
		List<Edge> edges = page.stream().map(p -> new Edge(PetitionSearch.Position.of(p).encode(), p)).toList();
		return new PetitionConnection(edges,
				new PageInfo(rowsPlusOne.size() > pageSize, afterCursor,
						edges.isEmpty() ? null : edges.get(0).cursor(),
						edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
				totalCount);
	}
}
