package io.tiexin.shared;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmallCountSuppressionTest {

	private final SmallCountSuppression rule = new SmallCountSuppression(3);

	/**
	 * The review: a village group's total 17 was shown and its categories 15 and DISPUTE
	 * 2 withheld as 0: 17 - 15 = 2 gave the dispute count back.
	 */
	@Test
	void aWithheldCellCannotBeRecoveredFromTheTotal() {
		long[] categories = { 15, 2, 0, 0 };
		boolean[] withheld = this.rule.withheld(categories);
		assertThat(withheld).containsExactly(true, true, false, false);
		long total = 17;
		long shown = IntStream.range(0, categories.length)
			.filter(i -> !withheld[i])
			.mapToLong(i -> categories[i])
			.sum();
		// what subtraction gives is the sum of two withheld cells, not the dispute count
		assertThat(total - shown).isEqualTo(17).isNotEqualTo(2);
	}

	@Test
	void withheldCellsAddUpToAtLeastTheMinimum() {
		long[] categories = { 1, 1, 9, 30 };
		boolean[] withheld = this.rule.withheld(categories);
		assertThat(withheld).containsExactly(true, true, true, false);
	}

	@Test
	void nothingIsWithheldWhenNoCountIsSmall() {
		assertThat(this.rule.withheld(new long[] { 0, 3, 40 })).containsExactly(false, false, false);
	}

	/**
	 * A cell withheld in its column (for another cell's sake) and alone in its row: the
	 * row's total minus the row shown would give it back, so the row withholds a second.
	 */
	@Test
	void aCellAlreadyWithheldElsewhereGetsAPartnerInItsRow() {
		long[] row = { 5, 5, 0, 0 };
		assertThat(this.rule.withheld(row, new boolean[] { true, false, false, false })).containsExactly(true, true,
				false, false);
		assertThat(this.rule.withheld(row, new boolean[4])).containsExactly(false, false, false, false);
	}

}
