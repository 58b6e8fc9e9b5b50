package io.tiexin.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * k-anonymity for published counts: in a village group of thirty households, "2 disputes"
 * points at two families. Counts from 1 to {@code minimum - 1} are withheld from anyone
 * who may not see the cases behind them (the analytics and map modules decide who may);
 * zero and larger counts are shown. The minimum is
 * {@code tiexin.privacy.minimum-count-shown}, 3 unless configured.
 */
@Component
public class SmallCountSuppression {

	private final int minimum;

	SmallCountSuppression(@Value("${tiexin.privacy.minimum-count-shown:3}") int minimum) {
		if (minimum < 1) {
			throw new IllegalArgumentException("tiexin.privacy.minimum-count-shown must be at least 1, was " + minimum);
		}
		this.minimum = minimum;
	}

	/**
	 * Whether a count must be withheld from a viewer who may not see the underlying
	 * cases.
	 */
	public boolean hides(long count) {
		return count > 0 && count < this.minimum;
	}

	public int minimum() {
		return this.minimum;
	}

	/**
	 * The value a withheld count stands in as where a statistic (a Gi* z-score) is
	 * computed for a viewer who may not see it: the midpoint of the range withheld small
	 * counts lie in (1 to minimum - 1), the same for every withheld count whatever it is,
	 * so that nothing computed from it can be solved back to the count.
	 */
	public double standIn() {
		return this.minimum / 2.0;
	}

	/**
	 * Which cells of a breakdown to withhold when its total is shown (categories of a
	 * total, statuses of a total): the small ones ({@link #hides}), and then, when any is
	 * withheld, enough others (the smallest first) that no withheld cell can be recovered
	 * by subtraction: at least two withheld, adding up to at least the minimum. Were only
	 * "DISPUTE 2" withheld, total 17 minus the 15 shown would give it back.
	 * @return for each cell, whether to withhold it
	 */
	public boolean[] withheld(long[] cells) {
		return withheld(cells, new boolean[cells.length]);
	}

	/**
	 * {@link #withheld(long[])} for a breakdown some of whose cells are already withheld
	 * for another reason (a cell of a table withheld in its column, now checked in its
	 * row): those count as withheld here too, and more are added only where they are not
	 * enough.
	 * @param already for each cell, whether it is withheld already (not changed)
	 * @return for each cell, whether to withhold it (every cell already withheld among
	 * them)
	 */
	public boolean[] withheld(long[] cells, boolean[] already) {
		if (already.length != cells.length) {
			throw new IllegalArgumentException(
					"one flag a cell: " + already.length + " flags, " + cells.length + " cells");
		}
		boolean[] withheld = new boolean[cells.length];
		int count = 0;
		long sum = 0;
		for (int i = 0; i < cells.length; i++) {
			if (already[i] || hides(cells[i])) {
				withheld[i] = true;
				count++;
				sum += cells[i];
			}
		}
		while (count > 0 && (count < 2 || sum < this.minimum)) {
			int smallest = -1;
			for (int i = 0; i < cells.length; i++) {
				if (!withheld[i] && cells[i] > 0 && (smallest < 0 || cells[i] < cells[smallest])) {
					smallest = i;
				}
			}
			if (smallest < 0) {
				break;
			}
			withheld[smallest] = true;
			count++;
			sum += cells[smallest];
		}
		return withheld;
	}

	/**
	 * One choice for a whole hierarchy of areas (county, townships, villages, grid cells)
	 * and one measure over one period, which every path that publishes the measure reads:
	 * a count withheld only as a complement among its siblings must stay withheld in the
	 * area's own figures too, or the subtraction works again. Rules, applied until none
	 * changes anything:
	 * <ul>
	 * <li>the small counts are withheld ({@link #hides});</li>
	 * <li>among the children of a parent whose count is shown,
	 * {@link #withheld(long[], boolean[])}: at least two withheld, adding up to at least
	 * the minimum;</li>
	 * <li>where no complement is left (no other positive sibling), the parent's count is
	 * withheld instead of giving up, and then needs complements among its own
	 * siblings;</li>
	 * <li>a withheld parent whose children are all shown would be their sum: its smallest
	 * positive child is withheld, with a complement as above.</li>
	 * </ul>
	 * A function of the counts alone: ties go to the lowest index, so callers order
	 * siblings by code. The top areas (no parent) have no published sum and need no
	 * complement.
	 * @param counts each area's count
	 * @param parents for each area, the index of its parent, or -1
	 * @return for each area, whether to withhold its count from whoever may not see its
	 * cases
	 */
	public boolean[] withheldInTree(long[] counts, int[] parents) {
		return withheldInTree(counts, parents, new boolean[counts.length]);
	}

	/**
	 * {@link #withheldInTree(long[], int[])} with some counts withheld already for
	 * another reason (another measure they equal, a margin of another table): the rules
	 * then protect those too.
	 * @param already for each area, whether its count is withheld already (not changed)
	 */
	public boolean[] withheldInTree(long[] counts, int[] parents, boolean[] already) {
		if (parents.length != counts.length || already.length != counts.length) {
			throw new IllegalArgumentException("one parent and one flag an area: " + parents.length + " parents, "
					+ already.length + " flags, " + counts.length + " areas");
		}
		Map<Integer, List<Integer>> childrenOf = new LinkedHashMap<>();
		for (int i = 0; i < counts.length; i++) {
			if (parents[i] >= 0) {
				childrenOf.computeIfAbsent(parents[i], parent -> new ArrayList<>()).add(i);
			}
		}
		boolean[] withheld = new boolean[counts.length];
		for (int i = 0; i < counts.length; i++) {
			withheld[i] = already[i] || hides(counts[i]);
		}
		boolean changed = true;
		while (changed) {
			changed = false;
			for (Map.Entry<Integer, List<Integer>> family : childrenOf.entrySet()) {
				int parent = family.getKey();
				List<Integer> children = family.getValue();
				long[] cells = new long[children.size()];
				boolean[] flagged = new boolean[cells.length];
				boolean any = false;
				int smallest = -1;
				for (int j = 0; j < cells.length; j++) {
					cells[j] = counts[children.get(j)];
					flagged[j] = withheld[children.get(j)];
					any |= flagged[j];
					if (cells[j] > 0 && (smallest < 0 || cells[j] < cells[smallest])) {
						smallest = j;
					}
				}
				if (withheld[parent] && !any && smallest >= 0) {
					flagged[smallest] = true;
				}
				boolean[] now = withheld(cells, flagged);
				int count = 0;
				long sum = 0;
				for (int j = 0; j < cells.length; j++) {
					if (now[j]) {
						count++;
						sum += cells[j];
						if (!withheld[children.get(j)]) {
							withheld[children.get(j)] = true;
							changed = true;
						}
					}
				}
				if (!withheld[parent] && count > 0 && (count < 2 || sum < this.minimum)) {
					withheld[parent] = true;
					changed = true;
				}
			}
		}
		return withheld;
	}

}
