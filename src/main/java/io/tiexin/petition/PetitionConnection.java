package io.tiexin.petition;

import java.util.List;
import java.util.function.Function;

/** A Relay cursor connection over petitions, in the order of the list that made it. */
public record PetitionConnection(List<Edge> edges, PageInfo pageInfo, long totalCount) {

	public record Edge(String cursor, Petition node) {
	}

	public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

	/**
	 * A page from rows fetched with one extra row, which only tells whether there is a
	 * next page.
	 */
	static PetitionConnection of(List<Petition> rowsPlusOne, int pageSize, boolean afterCursor, long totalCount,
			Function<Petition, String> cursorOf) {
		List<Petition> page = rowsPlusOne.subList(0, Math.min(pageSize, rowsPlusOne.size()));
		List<Edge> edges = page.stream().map(p -> new Edge(cursorOf.apply(p), p)).toList();
		return new PetitionConnection(edges,
				new PageInfo(rowsPlusOne.size() > pageSize, afterCursor, edges.isEmpty() ? null : edges.get(0).cursor(),
						edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
				totalCount);
	}
}
