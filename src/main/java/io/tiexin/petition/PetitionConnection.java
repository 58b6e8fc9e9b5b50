package io.tiexin.petition;

import java.util.List;
import java.util.function.Function;

/**
 * A Relay cursor connection over petitions, in the order of the list that made it.
 *
 * @param totalCount every petition of the list across pages; null when it was not asked
 * for (it is a count over the whole filter, the one part of a page not bounded by its
 * size)
 */
public record PetitionConnection(List<Edge> edges, PageInfo pageInfo, Long totalCount) {

	public record Edge(String cursor, Petition node) {
	}

	public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

	/** A page of petitions, in the list's order. */
	static PetitionConnection of(List<Petition> page, boolean hasNextPage, boolean hasPreviousPage, Long totalCount,
			Function<Petition, String> cursorOf) {
		List<Edge> edges = page.stream().map(p -> new Edge(cursorOf.apply(p), p)).toList();
		return new PetitionConnection(edges,
				new PageInfo(hasNextPage, hasPreviousPage, edges.isEmpty() ? null : edges.get(0).cursor(),
						edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
				totalCount);
	}
}
