package io.tiexin.shared;

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

}
