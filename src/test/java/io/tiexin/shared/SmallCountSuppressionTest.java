package io.tiexin.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
	 * the five and the ten its complements (three, so that a grid member of one of them
	 * still faces two unknown counts), and every path that reads this choice withholds
	 * them too (their own stats, their trends), not just the one that picked them.
	 */
	@Test
	void aComplementIsChosenOnceForTheWholeTree() {
		long[] counts = { 16, 1, 5, 10 };
		int[] parents = { -1, 0, 0, 0 };
		assertThat(this.rule.withheldInTree(counts, parents)).containsExactly(false, true, true, true);
	}

	/**
	 * The insider (issue 14): the choice is the same for everyone, and a grid member sees
	 * their own cell exactly. Village 6 of two cells, 5 (theirs) and 1: the pair rule
	 * withheld both and showed the village, and 6 - 5 gave the 1 back. With only two
	 * positive cells no three can be withheld, so the village is withheld (here at the
	 * top, with nothing above it to protect it among).
	 */
	@Test
	void aGridMemberCannotSubtractTheirOwnCellFromTheVillage() {
		long[] counts = { 6, 5, 1 };
		int[] parents = { -1, 0, 0 };
		assertThat(this.rule.withheldInTree(counts, parents)).containsExactly(true, true, true);
	}

	/**
	 * Three withheld are not enough when, without the largest, they add up to less than
	 * the minimum: cells 1, 1 and 9 under a shown village, and a grid member of the 9
	 * reads 1 + 1 = 2 off the village and knows both. A fourth is withheld.
	 */
	@Test
	void withoutTheLargestTheWithheldAddUpToTheMinimum() {
		long[] cells = { 1, 1, 9, 30, 40 };
		boolean[] withheld = this.rule.withheldAmongSiblings(cells, new boolean[cells.length]);
		assertThat(withheld).containsExactly(true, true, true, true, false);
		assertThat(this.rule.protectsAgainstOneInsider(cells, new boolean[] { true, true, true, false, false }))
			.isFalse();
	}

	/**
	 * The property itself, over many trees of counts: in every group of siblings whose
	 * parent is shown, whoever knows any one sibling exactly (shown or withheld) is left
	 * with no withheld count alone, and none whose value follows from the sum of those
	 * left (at least two unknown positive counts, adding up to at least the minimum).
	 */
	@Test
	void knowingAnyOneSiblingLeavesTwoUnknownCountsInEveryGroup() {
		Random random = new Random(14);
		for (int round = 0; round < 2000; round++) {
			// a county, 2 townships, 1 to 4 villages each, 1 to 5 cells each
			List<Integer> parentList = new ArrayList<>(List.of(-1));
			List<Long> cellCounts = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				int township = parentList.size();
				parentList.add(0);
				for (int v = 0, villages = 1 + random.nextInt(4); v < villages; v++) {
					int village = parentList.size();
					parentList.add(township);
					for (int c = 0, cells = 1 + random.nextInt(5); c < cells; c++) {
						parentList.add(village);
					}
				}
			}
			int[] parents = parentList.stream().mapToInt(Integer::intValue).toArray();
			long[] counts = new long[parents.length];
			for (int i = parents.length - 1; i >= 0; i--) {
				boolean leaf = true;
				for (int j = i + 1; j < parents.length; j++) {
					if (parents[j] == i) {
						leaf = false;
						counts[i] += counts[j];
					}
				}
				if (leaf) {
					counts[i] = random.nextInt(3) == 0 ? 0 : random.nextInt(8);
				}
			}
			boolean[] withheld = this.rule.withheldInTree(counts, parents);
			for (int parent = 0; parent < parents.length; parent++) {
				if (withheld[parent]) {
					continue;
				}
				List<Integer> children = new ArrayList<>();
				for (int j = 0; j < parents.length; j++) {
					if (parents[j] == parent) {
						children.add(j);
					}
				}
				for (int known : children) {
					long unknownSum = 0;
					int unknown = 0;
					for (int child : children) {
						if (child != known && withheld[child] && counts[child] > 0) {
							unknown++;
							unknownSum += counts[child];
						}
					}
					assertThat(unknown == 0 || (unknown >= 2 && unknownSum >= 3))
						.as("round %d, parent %d shown, child %d known: %d unknown adding up to %d", round, parent,
								known, unknown, unknownSum)
						.isTrue();
				}
				for (int child : children) {
					if (withheld[child] && counts[child] > 0) {
						assertThat(children.stream().filter(c -> withheld[c] && counts[c] > 0).count())
							.as("round %d: a withheld count among shown parent %d's children", round, parent)
							.isGreaterThanOrEqualTo(3);
					}
				}
			}
		}
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
		// Village 5 has one positive cell, so it is withheld; among the township's two
		// villages no three can be withheld, so the township is too.
		assertThat(this.rule.withheldInTree(counts, parents, already)).containsExactly(true, true, true, true, false,
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
		// the small village 2 takes the 7 and the 11 as complements; each withheld
		// village
		// withholds cells of its own
		assertThat(this.rule.withheldInTree(counts, parents)).containsExactly(false, true, true, true, true, false,
				true, true, true, true);
	}

}
