package io.tiexin.shared;

import java.util.ArrayList;
import java.util.Arrays;
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
			int smallest = smallestShownPositive(cells, withheld);
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
	 * {@link #withheld(long[], boolean[])} for a group of sibling areas under a published
	 * parent, where someone may know one of them exactly: the choice is the same for
	 * everyone, and a grid member sees their own cell's counts. With two withheld, the
	 * parent minus the siblings shown minus their own cell gives the other back. So here,
	 * once any positive count is withheld, complements (the smallest first, ties to the
	 * lowest index) are added until knowing any one of them still leaves at least two
	 * unknown positive counts adding up to at least the minimum: at least three withheld
	 * positive counts, which without the largest add up to at least the minimum. Where
	 * there are not enough positive counts the group stays short of that
	 * ({@link #protectsAgainstOneInsider} tells), and the caller withholds the parent.
	 * @param already for each cell, whether it is withheld already (not changed)
	 * @return for each cell, whether to withhold it (every cell already withheld among
	 * them)
	 */
	public boolean[] withheldAmongSiblings(long[] cells, boolean[] already) {
		if (already.length != cells.length) {
			throw new IllegalArgumentException(
					"one flag a cell: " + already.length + " flags, " + cells.length + " cells");
		}
		boolean[] withheld = new boolean[cells.length];
		for (int i = 0; i < cells.length; i++) {
			withheld[i] = already[i] || hides(cells[i]);
		}
		while (!protectsAgainstOneInsider(cells, withheld)) {
			int smallest = smallestShownPositive(cells, withheld);
			if (smallest < 0) {
				break;
			}
			withheld[smallest] = true;
		}
		return withheld;
	}

	/**
	 * The next complement: the smallest positive count not withheld yet (ties to the
	 * lowest index), or -1 when none is left.
	 */
	private static int smallestShownPositive(long[] cells, boolean[] withheld) {
		int smallest = -1;
		for (int i = 0; i < cells.length; i++) {
			if (!withheld[i] && cells[i] > 0 && (smallest < 0 || cells[i] < cells[smallest])) {
				smallest = i;
			}
		}
		return smallest;
	}

	/**
	 * Whether the withheld counts of a group of siblings stay unknown to someone who
	 * knows any one of them: none positive is withheld, or at least three are and,
	 * leaving out the largest, they add up to at least the minimum (so the two or more
	 * left are never all read off their sum: 1 + 1 would be).
	 */
	public boolean protectsAgainstOneInsider(long[] cells, boolean[] withheld) {
		int count = 0;
		long sum = 0;
		long largest = 0;
		for (int i = 0; i < cells.length; i++) {
			if (withheld[i] && cells[i] > 0) {
				count++;
				sum += cells[i];
				largest = Math.max(largest, cells[i]);
			}
		}
		return count == 0 || (count >= 3 && sum - largest >= this.minimum);
	}

	/**
	 * One choice for a whole hierarchy of areas (county, townships, villages, grid cells)
	 * and one measure over one period, which every path that publishes the measure reads:
	 * a count withheld only as a complement among its siblings must stay withheld in the
	 * area's own figures too, or the subtraction works again. Rules, applied until none
	 * changes anything:
	 * <ul>
	 * <li>the small counts are withheld ({@link #hides});</li>
	 * <li>among the children of a parent, {@link #withheldAmongSiblings}: once one is
	 * withheld, at least three positive ones, adding up to at least the minimum without
	 * the largest, so that someone who knows one sibling exactly (a grid member, their
	 * own cell) still faces two unknown counts;</li>
	 * <li>where not enough complements are left (fewer than three positive siblings), the
	 * parent's count is withheld instead of giving up, and then needs complements among
	 * its own siblings;</li>
	 * <li>a withheld parent whose positive children are all shown would be their sum: its
	 * smallest positive child is withheld, with complements as above.</li>
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
		return inTree(counts, parents, already, true);
	}

	/**
	 * The rules of {@link #withheldInTree(long[], int[], boolean[])} for the sums of one
	 * area's own figures (its total, its open count, its statuses, its categories), where
	 * nobody knows one part without all: whoever may see an area's cases sees all of its
	 * figures. So the children of a parent need two withheld adding up to the minimum
	 * ({@link #withheld(long[], boolean[])}), not three.
	 */
	public boolean[] withheldInBreakdown(long[] counts, int[] parents, boolean[] already) {
		return inTree(counts, parents, already, false);
	}

	private boolean[] inTree(long[] counts, int[] parents, boolean[] already, boolean againstOneInsider) {
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
		// A family is chosen again only when a flag in it (its parent's or a child's)
		// changed since: the same function of the same flags changes nothing.
		boolean[] dirty = new boolean[counts.length];
		Arrays.fill(dirty, true);
		boolean changed = true;
		while (changed) {
			changed = false;
			for (Map.Entry<Integer, List<Integer>> family : childrenOf.entrySet()) {
				int parent = family.getKey();
				if (!dirty[parent]) {
					continue;
				}
				dirty[parent] = false;
				List<Integer> children = family.getValue();
				long[] cells = new long[children.size()];
				boolean[] flagged = new boolean[cells.length];
				boolean anyPositive = false;
				int smallest = -1;
				for (int j = 0; j < cells.length; j++) {
					cells[j] = counts[children.get(j)];
					flagged[j] = withheld[children.get(j)];
					anyPositive |= flagged[j] && cells[j] > 0;
					if (cells[j] > 0 && (smallest < 0 || cells[j] < cells[smallest])) {
						smallest = j;
					}
				}
				// A withheld zero hides nothing: with every positive child shown, the
				// withheld parent would be their sum.
				if (withheld[parent] && !anyPositive && smallest >= 0) {
					flagged[smallest] = true;
				}
				boolean[] now = againstOneInsider ? withheldAmongSiblings(cells, flagged) : withheld(cells, flagged);
				for (int j = 0; j < cells.length; j++) {
					if (now[j] && !withheld[children.get(j)]) {
						withhold(children.get(j), withheld, parents, dirty);
						changed = true;
					}
				}
				if (!withheld[parent] && !(againstOneInsider ? protectsAgainstOneInsider(cells, now)
						: protectsFromOutside(cells, now))) {
					withhold(parent, withheld, parents, dirty);
					changed = true;
				}
			}
		}
		return withheld;
	}

	/**
	 * Withholds area {@code i}: its own family and its parent's are to be chosen again.
	 */
	private static void withhold(int i, boolean[] withheld, int[] parents, boolean[] dirty) {
		withheld[i] = true;
		dirty[i] = true;
		if (parents[i] >= 0) {
			dirty[parents[i]] = true;
		}
	}

	/**
	 * Whether nothing withheld of a breakdown can be read off its total: none withheld,
	 * or at least two adding up to at least the minimum.
	 */
	private boolean protectsFromOutside(long[] cells, boolean[] withheld) {
		int count = 0;
		long sum = 0;
		for (int i = 0; i < cells.length; i++) {
			if (withheld[i]) {
				count++;
				sum += cells[i];
			}
		}
		return count == 0 || (count >= 2 && sum >= this.minimum);
	}

}
