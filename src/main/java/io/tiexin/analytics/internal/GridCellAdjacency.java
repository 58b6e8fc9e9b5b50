package io.tiexin.analytics.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.grid.GridIndex;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

import org.springframework.stereotype.Component;

/**
 * Which grid cells are neighbours: cells whose boundaries share an edge or a corner
 * (queen contiguity). Computed once per catalog snapshot for the whole grid, with an
 * STRtree to find candidates and a prepared-geometry {@code intersects} to decide; the
 * demo county's 2,339 cells take well under a second. Imported cells form a coverage
 * (shared edges are vertex-identical), so intersecting means touching.
 */
@Component
class GridCellAdjacency {

	private final AreaCatalog catalog;

	private volatile Computed computed;

	GridCellAdjacency(AreaCatalog catalog) {
		this.catalog = catalog;
	}

	/** For every grid cell, the codes of its neighbours (not itself), ordered by code. */
	Map<String, Set<String>> neighbours() {
		GridIndex current = this.catalog.gridIndex();
		Computed cached = this.computed;
		if (cached == null || cached.snapshot() != current) {
			cached = new Computed(current, of(this.catalog.list(AreaLevel.GRID, null, null)));
			this.computed = cached;
		}
		return cached.neighbours();
	}

	/**
	 * For each of these cells, the indexes in {@code cells} of its neighbours among them
	 * (not itself): the neighbourhoods of a Gi* statistic over exactly these cells.
	 */
	int[][] neighbourIndexes(List<Area> cells) {
		Map<String, Integer> indexByCode = new HashMap<>();
		cells.forEach(cell -> indexByCode.put(cell.code(), indexByCode.size()));
		Map<String, Set<String>> touching = neighbours();
		int[][] neighbours = new int[cells.size()][];
		for (int i = 0; i < neighbours.length; i++) {
			neighbours[i] = touching.getOrDefault(cells.get(i).code(), Set.of())
				.stream()
				.filter(indexByCode::containsKey)
				.mapToInt(indexByCode::get)
				.toArray();
		}
		return neighbours;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Set<String>> of(List<Area> cells) {
		STRtree tree = new STRtree();
		cells.forEach(cell -> tree.insert(cell.boundary().getEnvelopeInternal(), cell));
		tree.build();
		Map<String, Set<String>> neighbours = new TreeMap<>();
		for (Area cell : cells) {
			PreparedGeometry boundary = PreparedGeometryFactory.prepare(cell.boundary());
			Set<String> touching = new TreeSet<>();
			for (Area candidate : (List<Area>) tree.query(cell.boundary().getEnvelopeInternal())) {
				if (!candidate.equals(cell) && boundary.intersects(candidate.boundary())) {
					touching.add(candidate.code());
				}
			}
			neighbours.put(cell.code(), touching);
		}
		return neighbours;
	}

	/**
	 * Adjacency of the grid as the catalog held it when {@code snapshot} was its index.
	 */
	private record Computed(GridIndex snapshot, Map<String, Set<String>> neighbours) {
	}

}
