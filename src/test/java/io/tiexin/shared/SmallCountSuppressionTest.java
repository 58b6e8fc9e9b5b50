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

	/**
	 * A village (index 0, at the top here) of three cells 1, 5 and 10: the one is small,
	 * the five its complement, and every path that reads this choice withholds the five
	 * too (its own stats, its trend), not just the one that picked it.
	 */
	@Test
	void aComplementIsChosenOnceForTheWholeTree() {
		long[] counts = { 16, 1, 5, 10 };
		int[] parents = { -1, 0, 0, 0 };
		assertThat(this.rule.withheldInTree(counts, parents)).containsExactly(false, true, true, false);
	}

	/**
	 * A cell withheld for another reason whose village has no other positive cell: no
	 * complement is left, so the village's count (equal to it) is withheld instead of
	 * giving up, and the village gets a complement among the township's villages.
	 */
	@Test
	void withoutAComplementTheParentIsWithheld() {
		// township 20: villages 5 (cells 5, 0) and 15 (cells 7, 8)
		long[] counts = { 20, 5, 15, 5, 0, 7, 8 };
		int[] parents = { -1, 0, 0, 1, 1, 2, 2 };
		boolean[] already = { false, false, false, true, false, false, false };
		assertThat(this.rule.withheldInTree(counts, parents, already)).containsExactly(false, true, true, true, false,
				true, true);
	}

	/**
	 * A village withheld as a complement whose cells are all shown would be their sum:
	 * its smallest cell is withheld, with a complement.
	 */
	@Test
	void aWithheldParentWithholdsTwoOfItsChildren() {
		// township 20: villages 2 (cells 2, 0), 7 (cells 3, 4) and 11 (cells 5, 6)
		long[] counts = { 20, 2, 7, 11, 2, 0, 3, 4, 5, 6 };
		int[] parents = { -1, 0, 0, 0, 1, 1, 2, 2, 3, 3 };
		assertThat(this.rule.withheldInTree(counts, parents)).containsExactly(false, true, true, false, true, false,
				true, true, false, false);
	}

}
