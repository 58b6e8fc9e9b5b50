package io.tiexin.analytics.internal;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tiexin.analytics.internal.AnalyticsRepository.BreakdownCount;
import io.tiexin.petition.Category;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.shared.SmallCountSuppression;

/**
 * Every area's counts by status and by category, each status and each category a measure
 * of the tree of areas, linked with the area's own table: its total is the sum of its
 * statuses and of its categories, its open count the sum of the open statuses. Part of
 * {@link ComplementChoice}: a village's DISPUTE count minus its cells' DISPUTE counts
 * shown gave a withheld one back while a category was protected only within its area.
 * <p>
 * A table of areas by categories has both directions, as emerging hot spots' cells by
 * steps: a cell's DISPUTE withheld among its siblings needs a partner in its own row (or
 * its total minus its other categories gives it back), and a partner withheld there needs
 * complements among its siblings in turn. {@link #choose} does one round of both; the
 * caller repeats it with the other measures until nothing changes.
 */
final class AreaBreakdowns {

	private static final PetitionStatus[] STATUSES = PetitionStatus.values();

	private final List<String> codes;

	private final List<Category> categories;

	/** [status ordinal][area]. */
	private final long[][] statuses;

	/** [category index][area], in the catalog's order. */
	private final long[][] byCategory;

	private final boolean[][] statusWithheld;

	private final boolean[][] categoryWithheld;

	/**
	 * Whether the counts by status were read: a trend's steps have categories only, and
	 * then the statuses' tables are left out.
	 */
	private boolean withStatuses;

	// What changed since it was last chosen, so that a round chooses again only the
	// measures and areas whose flags changed: a county has some 2,500 areas and 20
	// measures, and most rounds change a few of them.

	private final boolean[] statusDirty;

	private final boolean[] categoryDirty;

	/** Areas whose own table must be chosen again. */
	private final boolean[] areaDirty;

	/** The total and open flags as each area's table last saw them. */
	private final boolean[] seenTotal;

	private final boolean[] seenOpen;

	private AreaBreakdowns(List<String> codes, List<Category> categories) {
		this.codes = codes;
		this.categories = categories;
		this.statuses = new long[STATUSES.length][codes.size()];
		this.byCategory = new long[categories.size()][codes.size()];
		this.statusWithheld = new boolean[STATUSES.length][codes.size()];
		this.categoryWithheld = new boolean[categories.size()][codes.size()];
		this.statusDirty = new boolean[STATUSES.length];
		this.categoryDirty = new boolean[categories.size()];
		this.areaDirty = new boolean[codes.size()];
		this.seenTotal = new boolean[codes.size()];
		this.seenOpen = new boolean[codes.size()];
		Arrays.fill(this.statusDirty, true);
		Arrays.fill(this.categoryDirty, true);
		Arrays.fill(this.areaDirty, true);
	}

	/**
	 * @param codes every area, in the tree's order
	 * @param indexOf each area's index in {@code codes}
	 * @param categories every category, in the catalog's order (as {@code Area.stats}
	 * lists them, so ties go the same way)
	 */
	static AreaBreakdowns of(List<BreakdownCount> rows, List<String> codes, Map<String, Integer> indexOf,
			List<Category> categories) {
		AreaBreakdowns breakdowns = new AreaBreakdowns(codes, categories);
		Map<String, Integer> categoryIndex = new HashMap<>();
		for (int c = 0; c < categories.size(); c++) {
			categoryIndex.put(categories.get(c).code(), c);
		}
		for (BreakdownCount row : rows) {
			Integer area = indexOf.get(row.areaCode());
			if (area == null) {
				continue;
			}
			if (row.status() != null) {
				breakdowns.withStatuses = true;
				breakdowns.statuses[row.status().ordinal()][area] += row.petitions();
			}
			else {
				Integer category = categoryIndex.get(row.categoryCode());
				if (category != null) {
					breakdowns.byCategory[category][area] += row.petitions();
				}
			}
		}
		return breakdowns;
	}

	/**
	 * Each area's total: the sum of its categories (and of its statuses, when they were
	 * read).
	 */
	long[] total() {
		long[] total = new long[this.codes.size()];
		for (long[] category : this.byCategory) {
			for (int i = 0; i < total.length; i++) {
				total[i] += category[i];
			}
		}
		return total;
	}

	/** Each area's open count: the sum of its open statuses. */
	long[] open() {
		long[] open = new long[this.codes.size()];
		for (PetitionStatus status : PetitionStatus.OPEN) {
			for (int i = 0; i < open.length; i++) {
				open[i] += this.statuses[status.ordinal()][i];
			}
		}
		return open;
	}

	/**
	 * One round: every status and every category among the siblings of the tree
	 * ({@link SmallCountSuppression#withheldInTree}), then every area's own table (total,
	 * open, statuses, categories; {@link SmallCountSuppression#withheldInBreakdown}, as
	 * {@code Area.stats} applies it), starting from what is withheld already. Adds to the
	 * given total and open flags in place.
	 * @return whether any flag changed
	 */
	boolean choose(SmallCountSuppression rule, int[] parents, long[] total, boolean[] totalWithheld, long[] open,
			boolean[] openWithheld) {
		boolean changed = false;
		for (int s = 0; s < this.statuses.length && this.withStatuses; s++) {
			if (this.statusDirty[s]) {
				this.statusDirty[s] = false;
				changed |= merge(rule.withheldInTree(this.statuses[s], parents, this.statusWithheld[s]),
						this.statusWithheld[s]);
			}
		}
		for (int c = 0; c < this.byCategory.length; c++) {
			if (this.categoryDirty[c]) {
				this.categoryDirty[c] = false;
				changed |= merge(rule.withheldInTree(this.byCategory[c], parents, this.categoryWithheld[c]),
						this.categoryWithheld[c]);
			}
		}
		for (int i = 0; i < total.length; i++) {
			if (this.areaDirty[i] || totalWithheld[i] != this.seenTotal[i] || openWithheld[i] != this.seenOpen[i]) {
				this.areaDirty[i] = false;
				// the status table may withhold the total, which the category table
				// then protects, and back
				while (chooseInArea(rule, i, total, totalWithheld, open, openWithheld)) {
					changed = true;
				}
				this.seenTotal[i] = totalWithheld[i];
				this.seenOpen[i] = openWithheld[i];
			}
		}
		return changed;
	}

	/**
	 * The area's own table, laid out as {@link AreaStats#withSmallCountsHidden} lays it
	 * out: total, open, then the statuses in lifecycle order (open ones under open, the
	 * others under the total); total, then the categories.
	 */
	private boolean chooseInArea(SmallCountSuppression rule, int i, long[] total, boolean[] totalWithheld, long[] open,
			boolean[] openWithheld) {
		boolean changed = this.withStatuses && chooseStatusesInArea(rule, i, total, totalWithheld, open, openWithheld);
		long[] categoryTree = new long[this.byCategory.length + 1];
		int[] categoryParents = new int[categoryTree.length];
		boolean[] categoryAlready = new boolean[categoryTree.length];
		categoryTree[0] = total[i];
		categoryParents[0] = -1;
		categoryAlready[0] = totalWithheld[i];
		for (int c = 0; c < this.byCategory.length; c++) {
			categoryTree[c + 1] = this.byCategory[c][i];
			categoryAlready[c + 1] = this.categoryWithheld[c][i];
		}
		boolean[] categoryWithheld = rule.withheldInBreakdown(categoryTree, categoryParents, categoryAlready);
		changed |= set(categoryWithheld[0], totalWithheld, i);
		for (int c = 0; c < this.byCategory.length; c++) {
			if (set(categoryWithheld[c + 1], this.categoryWithheld[c], i)) {
				this.categoryDirty[c] = true;
				changed = true;
			}
		}
		return changed;
	}

	private boolean chooseStatusesInArea(SmallCountSuppression rule, int i, long[] total, boolean[] totalWithheld,
			long[] open, boolean[] openWithheld) {
		boolean changed = false;
		long[] tree = new long[STATUSES.length + 2];
		int[] treeParents = new int[tree.length];
		boolean[] already = new boolean[tree.length];
		tree[0] = total[i];
		treeParents[0] = -1;
		already[0] = totalWithheld[i];
		tree[1] = open[i];
		treeParents[1] = 0;
		already[1] = openWithheld[i];
		for (int s = 0; s < STATUSES.length; s++) {
			tree[s + 2] = this.statuses[s][i];
			treeParents[s + 2] = PetitionStatus.OPEN.contains(STATUSES[s]) ? 1 : 0;
			already[s + 2] = this.statusWithheld[s][i];
		}
		boolean[] withheld = rule.withheldInBreakdown(tree, treeParents, already);
		changed |= set(withheld[0], totalWithheld, i);
		changed |= set(withheld[1], openWithheld, i);
		for (int s = 0; s < STATUSES.length; s++) {
			if (set(withheld[s + 2], this.statusWithheld[s], i)) {
				this.statusDirty[s] = true;
				changed = true;
			}
		}
		return changed;
	}

	/**
	 * Withholds area {@code i}'s statuses and categories given (the calendar link's),
	 * before the first round.
	 */
	void withhold(int i, BreakdownWithheld already) {
		for (int s = 0; s < STATUSES.length; s++) {
			this.statusWithheld[s][i] |= already.statuses().contains(STATUSES[s]);
		}
		for (int c = 0; c < this.byCategory.length; c++) {
			this.categoryWithheld[c][i] |= already.categories().contains(this.categories.get(c).code());
		}
	}

	/** Area {@code i}'s counts by status (when read) and by category. */
	ComplementChoice.AreaParts partsOf(int i) {
		Map<PetitionStatus, Integer> byStatus = new EnumMap<>(PetitionStatus.class);
		for (int s = 0; s < STATUSES.length; s++) {
			if (this.statuses[s][i] != 0) {
				byStatus.put(STATUSES[s], (int) this.statuses[s][i]);
			}
		}
		Map<String, Integer> categoryCounts = new HashMap<>();
		for (int c = 0; c < this.byCategory.length; c++) {
			if (this.byCategory[c][i] != 0) {
				categoryCounts.put(this.categories.get(c).code(), (int) this.byCategory[c][i]);
			}
		}
		return new ComplementChoice.AreaParts(byStatus, categoryCounts);
	}

	/** Which of area {@code i}'s statuses and categories are withheld. */
	BreakdownWithheld withheldOf(int i) {
		Set<PetitionStatus> statuses = new HashSet<>();
		for (int s = 0; s < STATUSES.length; s++) {
			if (this.statusWithheld[s][i]) {
				statuses.add(STATUSES[s]);
			}
		}
		Set<String> categoryCodes = new HashSet<>();
		for (int c = 0; c < this.byCategory.length; c++) {
			if (this.categoryWithheld[c][i]) {
				categoryCodes.add(this.categories.get(c).code());
			}
		}
		return (statuses.isEmpty() && categoryCodes.isEmpty()) ? BreakdownWithheld.NOTHING
				: new BreakdownWithheld(Set.copyOf(statuses), Set.copyOf(categoryCodes));
	}

	/**
	 * Takes a measure's new flags, marking the areas whose table must be chosen again.
	 */
	private boolean merge(boolean[] now, boolean[] into) {
		boolean changed = false;
		for (int i = 0; i < now.length; i++) {
			if (set(now[i], into, i)) {
				this.areaDirty[i] = true;
				changed = true;
			}
		}
		return changed;
	}

	private static boolean set(boolean withheld, boolean[] flags, int i) {
		if (withheld && !flags[i]) {
			flags[i] = true;
			return true;
		}
		return false;
	}

	/**
	 * Which statuses and categories of an area are withheld among its siblings or in its
	 * own table: the one choice for the period.
	 */
	record BreakdownWithheld(Set<PetitionStatus> statuses, Set<String> categories) {

		static final BreakdownWithheld NOTHING = new BreakdownWithheld(Set.of(), Set.of());

	}

}
