package io.tiexin.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.tiexin.demo.GridCells.CellGraph;

/**
 * Labels of the cells of a domain (the county, or one township), kept the shape a
 * surveyed boundary has: every label one edge-connected piece that encloses no other
 * label. Cells that touch only at a corner are not connected, so a label's union is
 * always a single polygon without holes.
 */
final class Regions {

	private final CellGraph graph;

	private final int[] domain;

	private final boolean[] inDomain;

	private final boolean[] touchesOutside;

	private final boolean[] pinned;

	private final int[] label;

	/**
	 * @param label indexed by cell; changed in place
	 * @param pinned cells that corridors and boundary moves leave where they are (seats,
	 * village centres)
	 */
	Regions(CellGraph graph, int[] domain, int[] label, boolean[] pinned) {
		this.graph = graph;
		this.domain = domain;
		this.label = label;
		this.pinned = pinned;
		this.inDomain = new boolean[graph.size()];
		for (int c : domain) {
			inDomain[c] = true;
		}
		this.touchesOutside = new boolean[graph.size()];
		for (int c : domain) {
			touchesOutside[c] = graph.onCountyBorder[c]
					|| Arrays.stream(graph.neighbours[c]).anyMatch(neighbour -> !inDomain[neighbour]);
		}
	}

	void makeSimple() {
		for (int round = 0; fixOneFragmentedLabel() || fixOneEnclave(); round++) {
			if (round > 10_000) {
				throw new IllegalStateException("regions do not settle");
			}
		}
	}

	boolean isSimple() {
		for (int l : labels()) {
			if (components(l).size() > 1 || firstEnclosedBy(l, outsideReach(l)) >= 0) {
				return false;
			}
		}
		return true;
	}

	int count(int l) {
		return (int) Arrays.stream(domain).filter(c -> label[c] == l).count();
	}

	/**
	 * Moves single cells across the boundary of label {@code l} until it has
	 * {@code target} cells, taking first the cells that stick out most, so the boundary
	 * gets smoother rather than more ragged.
	 */
	void moveBoundaryCellsUntil(int l, int target) {
		while (count(l) != target) {
			boolean grow = count(l) < target;
			boolean moved = false;
			for (int c : boundaryCellsByProtrusion(l, grow)) {
				int old = label[c];
				label[c] = grow ? l : strongestNeighbour(List.of(c), l);
				if (isSimple()) {
					moved = true;
					break;
				}
				label[c] = old;
			}
			if (!moved) {
				throw new IllegalStateException("cannot move a cell " + (grow ? "into" : "out of") + " " + l);
			}
		}
	}

	/**
	 * Handing one cell to a neighbouring label; {@code excessGap} is how much fuller its
	 * label is.
	 */
	private record Move(int cell, int to, int excessGap, double protrusion) {
	}

	/**
	 * Moves boundary cells from labels above their target count to neighbouring labels
	 * below theirs, one at a time, each move lowering Σ (count − target)² and keeping
	 * both labels whole and enclosing nothing. Chains of moves let a surplus flow through
	 * labels that are on target.
	 */
	void balanceTowards(int[] target) {
		int[] count = new int[target.length];
		for (int c : domain) {
			count[label[c]]++;
		}
		boolean moved = true;
		while (moved) {
			moved = false;
			for (Move move : movesTowardsTarget(count, target)) {
				int from = label[move.cell()];
				if (tryToMove(move.cell(), move.to())) {
					count[from]--;
					count[move.to()]++;
					moved = true;
					break;
				}
			}
		}
	}

	private List<Move> movesTowardsTarget(int[] count, int[] target) {
		List<Move> moves = new ArrayList<>();
		for (int c : domain) {
			int from = label[c];
			if (pinned[c] || count[from] < 2) {
				continue;
			}
			TreeMap<Integer, Double> sharedByLabel = new TreeMap<>();
			double perimeter = 0;
			for (int j = 0; j < graph.neighbours[c].length; j++) {
				int n = graph.neighbours[c][j];
				perimeter += graph.sharedLengthM[c][j];
				if (inDomain[n] && label[n] != from) {
					sharedByLabel.merge(label[n], graph.sharedLengthM[c][j], Double::sum);
				}
			}
			for (Map.Entry<Integer, Double> entry : sharedByLabel.entrySet()) {
				int to = entry.getKey();
				int gap = (count[from] - target[from]) - (count[to] - target[to]);
				if (gap >= 2) {
					moves.add(new Move(c, to, gap, entry.getValue() / perimeter));
				}
			}
		}
		moves.sort(Comparator.comparingInt((Move m) -> -m.excessGap())
			.thenComparingDouble(m -> -m.protrusion())
			.thenComparingInt(Move::cell)
			.thenComparingInt(Move::to));
		return moves;
	}

	/**
	 * Moves the cell unless that splits its old label or lets the new one enclose
	 * another.
	 */
	private boolean tryToMove(int cell, int to) {
		int from = label[cell];
		label[cell] = to;
		if (components(from).size() == 1 && firstEnclosedBy(to, outsideReach(to)) < 0) {
			return true;
		}
		label[cell] = from;
		return false;
	}

	private List<Integer> boundaryCellsByProtrusion(int l, boolean grow) {
		List<Integer> candidates = new ArrayList<>();
		Map<Integer, Double> protrusion = new HashMap<>();
		for (int c : domain) {
			if (pinned[c] || (label[c] == l) == grow) {
				continue;
			}
			double towardsOtherSide = 0;
			double perimeter = 0;
			for (int j = 0; j < graph.neighbours[c].length; j++) {
				int n = graph.neighbours[c][j];
				perimeter += graph.sharedLengthM[c][j];
				if (inDomain[n] && (label[n] == l) == grow) {
					towardsOtherSide += graph.sharedLengthM[c][j];
				}
			}
			if (towardsOtherSide > 0) {
				candidates.add(c);
				protrusion.put(c, towardsOtherSide / perimeter);
			}
		}
		candidates.sort(Comparator.comparingDouble((Integer c) -> -protrusion.get(c)).thenComparing(c -> c));
		return candidates;
	}

	private int[] labels() {
		return Arrays.stream(domain).map(c -> label[c]).distinct().sorted().toArray();
	}

	/** Edge-connected pieces of label l, each listed from its lowest cell. */
	private List<List<Integer>> components(int l) {
		boolean[] seen = new boolean[graph.size()];
		List<List<Integer>> pieces = new ArrayList<>();
		for (int start : domain) {
			if (label[start] != l || seen[start]) {
				continue;
			}
			List<Integer> piece = new ArrayList<>();
			ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
			seen[start] = true;
			while (!queue.isEmpty()) {
				int c = queue.poll();
				piece.add(c);
				for (int n : graph.neighbours[c]) {
					if (inDomain[n] && label[n] == l && !seen[n]) {
						seen[n] = true;
						queue.add(n);
					}
				}
			}
			pieces.add(piece);
		}
		return pieces;
	}

	/**
	 * Keeps the largest piece; the others join the neighbour they share the longest
	 * boundary with.
	 */
	private boolean fixOneFragmentedLabel() {
		for (int l : labels()) {
			List<List<Integer>> pieces = components(l);
			if (pieces.size() < 2) {
				continue;
			}
			List<Integer> kept = pieces.stream().max(Comparator.comparingInt(List::size)).orElseThrow();
			for (List<Integer> piece : pieces) {
				if (piece != kept) {
					int newLabel = strongestNeighbour(piece, l);
					piece.forEach(c -> label[c] = newLabel);
				}
			}
			return true;
		}
		return false;
	}

	/**
	 * The label other than {@code excluded} sharing the longest boundary with the cells.
	 */
	private int strongestNeighbour(List<Integer> cells, int excluded) {
		Set<Integer> own = new HashSet<>(cells);
		TreeMap<Integer, Double> sharedByLabel = new TreeMap<>();
		for (int c : cells) {
			for (int j = 0; j < graph.neighbours[c].length; j++) {
				int n = graph.neighbours[c][j];
				if (inDomain[n] && !own.contains(n) && label[n] != excluded) {
					sharedByLabel.merge(label[n], graph.sharedLengthM[c][j], Double::sum);
				}
			}
		}
		int best = -1;
		double bestLength = 0;
		for (Map.Entry<Integer, Double> entry : sharedByLabel.entrySet()) {
			if (entry.getValue() > bestLength) {
				best = entry.getKey();
				bestLength = entry.getValue();
			}
		}
		if (best < 0) {
			throw new IllegalStateException("cells " + cells + " have no neighbour to join");
		}
		return best;
	}

	/**
	 * Cells not labelled l that can reach the domain's outside without crossing l.
	 */
	private boolean[] outsideReach(int l) {
		boolean[] reached = new boolean[graph.size()];
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int c : domain) {
			if (label[c] != l && touchesOutside[c]) {
				reached[c] = true;
				queue.add(c);
			}
		}
		while (!queue.isEmpty()) {
			int c = queue.poll();
			for (int n : graph.neighbours[c]) {
				if (inDomain[n] && label[n] != l && !reached[n]) {
					reached[n] = true;
					queue.add(n);
				}
			}
		}
		return reached;
	}

	private int firstEnclosedBy(int l, boolean[] reached) {
		for (int c : domain) {
			if (label[c] != l && !reached[c]) {
				return c;
			}
		}
		return -1;
	}

	private boolean fixOneEnclave() {
		for (int l : labels()) {
			boolean[] reached = outsideReach(l);
			int enclosed = firstEnclosedBy(l, reached);
			if (enclosed >= 0) {
				carveCorridor(l, enclosed, reached);
				return true;
			}
		}
		return false;
	}

	/**
	 * Gives an enclave a way out: the shortest run of l's cells from the enclave to cells
	 * that reach the outside changes to the enclave's label. Cutting a ring once leaves
	 * it one piece.
	 */
	private void carveCorridor(int l, int enclosedCell, boolean[] reached) {
		int[] previous = new int[graph.size()];
		Arrays.fill(previous, -2);
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int c : enclave(l, enclosedCell, reached)) {
			previous[c] = -1;
			queue.add(c);
		}
		while (!queue.isEmpty()) {
			int c = queue.poll();
			if (label[c] == l && opensToOutside(c, l, reached)) {
				for (int step = c; label[step] == l; step = previous[step]) {
					label[step] = label[enclosedCell];
				}
				return;
			}
			for (int n : graph.neighbours[c]) {
				if (inDomain[n] && label[n] == l && !pinned[n] && previous[n] == -2) {
					previous[n] = c;
					queue.add(n);
				}
			}
		}
		throw new IllegalStateException("no corridor out of the enclave at cell " + enclosedCell);
	}

	private List<Integer> enclave(int l, int start, boolean[] reached) {
		List<Integer> cells = new ArrayList<>();
		boolean[] seen = new boolean[graph.size()];
		ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
		seen[start] = true;
		while (!queue.isEmpty()) {
			int c = queue.poll();
			cells.add(c);
			for (int n : graph.neighbours[c]) {
				if (inDomain[n] && label[n] != l && !reached[n] && !seen[n]) {
					seen[n] = true;
					queue.add(n);
				}
			}
		}
		return cells;
	}

	private boolean opensToOutside(int c, int l, boolean[] reached) {
		if (touchesOutside[c]) {
			return true;
		}
		for (int n : graph.neighbours[c]) {
			if (inDomain[n] && label[n] != l && reached[n]) {
				return true;
			}
		}
		return false;
	}

}
