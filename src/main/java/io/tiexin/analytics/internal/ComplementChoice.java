package io.tiexin.analytics.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.analytics.internal.AnalyticsRepository.BreakdownCount;
import io.tiexin.analytics.internal.AreaBreakdowns.BreakdownWithheld;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.map.AreaCaseCounts.Counts;
import io.tiexin.map.AreaCaseCounts.Withheld;
import io.tiexin.petition.Category;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.shared.CalendarPeriod;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.SmallCountSuppression;

import org.springframework.stereotype.Component;

/**
 * Which counts are withheld from whoever may not see the cases behind them: one choice
 * per measure and period for every area, made from the counts of all areas
 * ({@link SmallCountSuppression#withheldInTree}), and read by every path that publishes
 * them: {@code mapLayer}, the public grid tile, {@code Area.stats}, {@code Area.trend},
 * {@code emergingHotspots}. Each path choosing its complements on its own let a count
 * withheld only as a complement in one be read in another (the village's total minus the
 * cells shown in the tile minus the complement's own {@code stats} gave the small one
 * back). The choice depends on the counts alone, never on who asks: those who may see an
 * area's cases get its counts exact, everyone else this choice.
 */
@Component
class ComplementChoice {

	private final AnalyticsRepository repository;

	private final AreaCatalog catalog;

	private final SmallCountSuppression rule;

	private final Clock clock;

	private final CategoryCatalog categories;

	private final CalendarChoice calendar;

	ComplementChoice(AnalyticsRepository repository, AreaCatalog catalog, SmallCountSuppression rule, Clock clock,
			CategoryCatalog categories, CalendarChoice calendar) {
		this.repository = repository;
		this.categories = categories;
		this.calendar = calendar;
		this.catalog = catalog;
		this.rule = rule;
		this.clock = clock;
	}

	/**
	 * Open, overdue and all petitions submitted in the period in every area, each with
	 * whether it is withheld; two statements.
	 */
	Map<String, Counts> countsOf(PeriodInput period) {
		return choiceOf(period).counts();
	}

	/**
	 * {@link #countsOf}, and which statuses and categories of every area are withheld:
	 * each status and category is a measure of the tree too, linked with the area's total
	 * and open counts ({@link AreaBreakdowns}). Two statements, on live counts: for
	 * whoever sees them exact, and for trends and hot spots.
	 */
	PeriodChoice choiceOf(PeriodInput period) {
		Tree tree = Tree.of(this.catalog);
		RollupPeriod rollupPeriod = RollupPeriod.of(period);
		List<BreakdownCount> rows = this.repository.countsByStatusAndCategory(tree.codes(), rollupPeriod);
		Map<String, Integer> overdue = this.repository.overdueByPetitionArea(rollupPeriod, ServiceTime.now(this.clock));
		// A node of the calendar tree starts from the choice linked over the calendar,
		// so that its counts and those of the nodes above and below it cannot be
		// subtracted from each other (CalendarChoice); other periods are for those who
		// see the counts exact.
		CalendarPeriod node = CalendarPeriod.of(period);
		Map<String, Withheld> linked = (node != null) ? this.calendar.withheldIn(node) : Map.of();
		Map<String, BreakdownWithheld> linkedParts = (node != null) ? this.calendar.partsWithheldIn(node) : Map.of();
		return choose(this.rule, tree, this.categories.all(), rows, overdue, linked, linkedParts);
	}

	/**
	 * The counts of a node of the calendar tree as published to whoever may not see them
	 * exact, with their choice: both from the one snapshot of every area's counts that
	 * {@link CalendarChoice} keeps, made at one moment, so that no published count of one
	 * node is newer than another's (a month's new petition read as the quarter less the
	 * other months). No statement while the snapshot is fresh.
	 */
	PeriodChoice published(CalendarPeriod node) {
		return this.calendar.published(node);
	}

	/**
	 * The published snapshot itself, for a request that reads several of its nodes (a
	 * trend's months) and must read them all from one.
	 */
	CalendarChoice.Snapshot publishedSnapshot() {
		return this.calendar.current();
	}

	/**
	 * The choice for one period from its counts: open, overdue and total of every area,
	 * each status and category, starting from what the calendar link withholds.
	 * @param rows every area's counts by status and by category
	 * @param overdueByPetitionArea overdue petitions per the area each lies in
	 * @param linked what the choice linked over the calendar withholds of the period
	 * @param linkedParts the statuses and categories it withholds
	 */
	static PeriodChoice choose(SmallCountSuppression rule, Tree tree, List<Category> categories,
			List<BreakdownCount> rows, Map<String, Integer> overdueByPetitionArea, Map<String, Withheld> linked,
			Map<String, BreakdownWithheld> linkedParts) {
		AreaBreakdowns breakdowns = AreaBreakdowns.of(rows, tree.codes(), tree.indexOf(), categories);
		linkedParts.forEach((code, parts) -> {
			Integer i = tree.indexOf().get(code);
			if (i != null) {
				breakdowns.withhold(i, parts);
			}
		});
		long[] open = breakdowns.open();
		long[] total = breakdowns.total();
		long[] overdue = new long[tree.size()];
		// Overdue comes per the area a petition lies in, added up to every area above it.
		overdueByPetitionArea.forEach((code, count) -> {
			for (AreaLevel level : AreaLevel.values()) {
				Integer index = (code.length() >= level.codeLength())
						? tree.indexOf().get(code.substring(0, level.codeLength())) : null;
				if (index != null) {
					overdue[index] += count;
				}
			}
		});
		// The measures are chosen together: where an area's open count equals its total
		// (nothing closed or withdrawn), or its overdue count its open one, one shown
		// gives the other back, so each withheld withholds the other; and each status and
		// category is a measure of its own, linked with the total and open counts in the
		// area's own table. Until nothing adds any.
		boolean[] openWithheld = new boolean[tree.size()];
		boolean[] overdueWithheld = new boolean[tree.size()];
		boolean[] totalWithheld = new boolean[tree.size()];
		for (Map.Entry<String, Withheld> flags : linked.entrySet()) {
			Integer i = tree.indexOf().get(flags.getKey());
			if (i != null) {
				openWithheld[i] = flags.getValue().open();
				overdueWithheld[i] = flags.getValue().overdue();
				totalWithheld[i] = flags.getValue().total();
			}
		}
		boolean changed = true;
		while (changed) {
			openWithheld = rule.withheldInTree(open, tree.parents(), openWithheld);
			overdueWithheld = rule.withheldInTree(overdue, tree.parents(), overdueWithheld);
			totalWithheld = rule.withheldInTree(total, tree.parents(), totalWithheld);
			changed = false;
			for (int i = 0; i < tree.size(); i++) {
				changed |= equalPair(open[i], total[i], openWithheld, totalWithheld, i);
				changed |= equalPair(overdue[i], open[i], overdueWithheld, openWithheld, i);
			}
			changed |= breakdowns.choose(rule, tree.parents(), total, totalWithheld, open, openWithheld);
		}
		Map<String, Counts> result = new HashMap<>();
		Map<String, BreakdownWithheld> withheldRows = new HashMap<>();
		Map<String, AreaParts> parts = new HashMap<>();
		for (int i = 0; i < tree.size(); i++) {
			String code = tree.codes().get(i);
			result.put(code, new Counts((int) open[i], (int) overdue[i], (int) total[i],
					new Withheld(openWithheld[i], overdueWithheld[i], totalWithheld[i])));
			withheldRows.put(code, breakdowns.withheldOf(i));
			if (total[i] > 0) {
				parts.put(code, breakdowns.partsOf(i));
			}
		}
		return new PeriodChoice(result, withheldRows, parts);
	}

	/**
	 * Withholds both of two equal counts of area {@code i} when either is withheld.
	 * @return whether a flag changed
	 */
	static boolean equalPair(long a, long b, boolean[] aWithheld, boolean[] bWithheld, int i) {
		if (a != b || aWithheld[i] == bWithheld[i]) {
			return false;
		}
		aWithheld[i] = true;
		bWithheld[i] = true;
		return true;
	}

	/**
	 * The one choice for a period: every area's counts with what is withheld of them, and
	 * which of its statuses and categories are.
	 */
	record PeriodChoice(Map<String, Counts> counts, Map<String, BreakdownWithheld> breakdowns,
			Map<String, AreaParts> parts) {

		BreakdownWithheld breakdownOf(String areaCode) {
			return this.breakdowns.getOrDefault(areaCode, BreakdownWithheld.NOTHING);
		}

		AreaParts partsOf(String areaCode) {
			return this.parts.getOrDefault(areaCode, AreaParts.NONE);
		}

	}

	/** An area's counts by status and by category (category code); absent ones 0. */
	record AreaParts(Map<PetitionStatus, Integer> byStatus, Map<String, Integer> byCategory) {

		static final AreaParts NONE = new AreaParts(Map.of(), Map.of());

	}

	/** Every area, ordered by code (so ties go to the lowest code), with its parent. */
	record Tree(List<String> codes, Map<String, Integer> indexOf, int[] parents) {

		static Tree of(AreaCatalog catalog) {
			List<Area> areas = catalog.list(null, null, null);
			Map<String, Integer> indexOf = new LinkedHashMap<>();
			areas.forEach(area -> indexOf.put(area.code(), indexOf.size()));
			int[] parents = new int[areas.size()];
			for (int i = 0; i < parents.length; i++) {
				String parent = areas.get(i).parentCode();
				parents[i] = (parent != null) ? indexOf.getOrDefault(parent, -1) : -1;
			}
			return new Tree(List.copyOf(indexOf.keySet()), indexOf, parents);
		}

		int size() {
			return this.codes.size();
		}

	}

}
