package io.tiexin.analytics.internal;

import java.util.List;
import java.util.Set;

import java.util.stream.IntStream;

import io.tiexin.analytics.internal.AreaBreakdowns.BreakdownWithheld;
import io.tiexin.analytics.internal.ComplementChoice.AreaParts;
import io.tiexin.map.AreaCaseCounts.Counts;
import io.tiexin.map.AreaCaseCounts.Withheld;
import io.tiexin.meeting.MeetingFigures;
import io.tiexin.petition.Category;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.shared.SmallCountSuppression;

/**
 * Petitions submitted in a period in an area, by their status now; rates {@code null}
 * when undefined.
 *
 * @param suppressed whether small counts were withheld (see
 * {@link #withSmallCountsHidden})
 */
record AreaStats(int total, int open, int closed, int overdue, Double closureRate, Double onTimeRate,
		Double medianHoursToClose, Double satisfactionRate, Double resolvedInVillageRate, List<StatusCount> byStatus,
		List<CategoryCount> byCategory, int meetings, int meetingItems, Double meetingItemsClosedRate,
		boolean suppressed) {

	AreaStats(int total, int open, int closed, int overdue, Double closureRate, Double onTimeRate,
			Double medianHoursToClose, Double satisfactionRate, Double resolvedInVillageRate,
			List<StatusCount> byStatus, List<CategoryCount> byCategory, MeetingFigures meetings) {
		this(total, open, closed, overdue, closureRate, onTimeRate, medianHoursToClose, satisfactionRate,
				resolvedInVillageRate, byStatus, byCategory, meetings.meetings(), meetings.items(),
				meetings.itemsClosedRate(), false);
	}

	/**
	 * These statistics with the counts as published: total, open, closed and overdue, by
	 * status and by category from the snapshot every viewer who gets counts withheld
	 * reads ({@link ComplementChoice#published}), so that they agree with
	 * {@code mapLayer} and the tiles and no live count can be set against the snapshot's.
	 * The figures the snapshot does not hold (rates, the median, meetings) stay as
	 * computed, and go with their counts when those are withheld.
	 */
	AreaStats asPublished(Counts counts, AreaParts parts) {
		List<StatusCount> statuses = this.byStatus.stream()
			.map(count -> new StatusCount(count.status(), parts.byStatus().getOrDefault(count.status(), 0)))
			.toList();
		List<CategoryCount> categoryCounts = this.byCategory.stream()
			.map(count -> new CategoryCount(count.category(),
					parts.byCategory().getOrDefault(count.category().code(), 0)))
			.toList();
		return new AreaStats(counts.total(), counts.open(), parts.byStatus().getOrDefault(PetitionStatus.CLOSED, 0),
				counts.overdue(), this.closureRate, this.onTimeRate, this.medianHoursToClose, this.satisfactionRate,
				this.resolvedInVillageRate, statuses, categoryCounts, this.meetings, this.meetingItems,
				this.meetingItemsClosedRate, this.suppressed);
	}

	/**
	 * These statistics for a viewer who may not see the cases behind them: every count
	 * the rule hides reads 0 and is marked; when the total itself is hidden the rates and
	 * the median go too, since a rate over two petitions tells as much as the counts.
	 * <p>
	 * The figures of one area are a small tree of sums (total = open + the other
	 * statuses, open = the open statuses, total = the categories), so they go through
	 * {@link SmallCountSuppression#withheldInBreakdown} as areas do: a small status
	 * withheld has a complement, and {@code closed} and {@code open} are withheld with
	 * the statuses they add up. The area's total, open and overdue counts are withheld
	 * whenever the one choice among its siblings withholds them ({@code amongSiblings}):
	 * a count withheld there only as a complement would otherwise come back here, and
	 * with it the small one (the parent's count minus the siblings shown minus this one).
	 * So are its statuses and categories that the choice withholds ({@code breakdown}):
	 * each is a measure among siblings too (a village's DISPUTE minus its cells' DISPUTE
	 * shown).
	 */
	AreaStats withSmallCountsHidden(SmallCountSuppression rule, Withheld amongSiblings, BreakdownWithheld breakdown) {
		int statuses = this.byStatus.size();
		long[] statusTree = new long[statuses + 2];
		int[] statusParents = new int[statusTree.length];
		boolean[] statusAlready = new boolean[statusTree.length];
		statusTree[0] = this.total;
		statusParents[0] = -1;
		statusAlready[0] = amongSiblings.total();
		statusTree[1] = this.open;
		statusParents[1] = 0;
		statusAlready[1] = amongSiblings.open();
		for (int i = 0; i < statuses; i++) {
			statusTree[i + 2] = this.byStatus.get(i).count();
			statusParents[i + 2] = PetitionStatus.OPEN.contains(this.byStatus.get(i).status()) ? 1 : 0;
			statusAlready[i + 2] = breakdown.statuses().contains(this.byStatus.get(i).status());
		}
		boolean[] statusWithheld = rule.withheldInBreakdown(statusTree, statusParents, statusAlready);
		boolean totalHidden = statusWithheld[0];
		boolean openHidden = statusWithheld[1];
		List<StatusCount> statusCounts = IntStream.range(0, statuses)
			.mapToObj(i -> statusWithheld[i + 2] ? new StatusCount(this.byStatus.get(i).status(), 0, true)
					: this.byStatus.get(i))
			.toList();
		boolean closedHidden = statusCounts.stream()
			.anyMatch(count -> count.status() == PetitionStatus.CLOSED && count.suppressed());
		boolean withdrawnHidden = statusCounts.stream()
			.anyMatch(count -> count.status() == PetitionStatus.WITHDRAWN && count.suppressed());

		List<CategoryCount> categories = CategoryCount
			.withheldUnder(this.total, totalHidden, this.byCategory, breakdown.categories(), rule)
			.categories();
		boolean overdueHidden = amongSiblings.overdue() || rule.hides(this.overdue);
		// Meetings are public events, but the items raised at them are petitions by
		// another name: the item count, and the rate over it, follow the same rule.
		boolean itemsHidden = rule.hides(this.meetingItems);
		boolean anyHidden = totalHidden || openHidden || closedHidden || overdueHidden
				|| !statusCounts.equals(this.byStatus) || !categories.equals(this.byCategory) || itemsHidden
				|| rule.hides(this.meetings);
		if (!anyHidden) {
			return this;
		}
		// A rate over counts one of which is withheld gives it back with the others.
		boolean closureHidden = totalHidden || closedHidden || withdrawnHidden;
		return new AreaStats(totalHidden ? 0 : this.total, openHidden ? 0 : this.open, closedHidden ? 0 : this.closed,
				overdueHidden ? 0 : this.overdue, closureHidden ? null : this.closureRate,
				totalHidden ? null : this.onTimeRate, totalHidden ? null : this.medianHoursToClose,
				totalHidden ? null : this.satisfactionRate,
				(totalHidden || closedHidden) ? null : this.resolvedInVillageRate, statusCounts, categories,
				shown(this.meetings, rule), shown(this.meetingItems, rule),
				itemsHidden ? null : this.meetingItemsClosedRate, true);
	}

	private static int shown(int count, SmallCountSuppression rule) {
		return rule.hides(count) ? 0 : count;
	}

	/**
	 * @param suppressed the count was between 1 and the minimum shown, and reads 0
	 */
	record StatusCount(PetitionStatus status, int count, boolean suppressed) {

		StatusCount(PetitionStatus status, int count) {
			this(status, count, false);
		}
	}

	/**
	 * @param suppressed the count was between 1 and the minimum shown, and reads 0
	 */
	record CategoryCount(Category category, int count, boolean suppressed) {

		CategoryCount(Category category, int count) {
			this(category, count, false);
		}

		/**
		 * The categories of a total, with the counts the rule withholds (small ones and
		 * their complements) read as 0, and whether the total itself is withheld: the
		 * categories and their total as one tree, so that no category comes back as the
		 * total minus the others.
		 * @param totalAlready the total is withheld already (e.g. among its siblings)
		 */
		static Withheld withheldUnder(long total, boolean totalAlready, List<CategoryCount> byCategory,
				SmallCountSuppression rule) {
			return withheldUnder(total, totalAlready, byCategory, Set.of(), rule);
		}

		/**
		 * {@link #withheldUnder(long, boolean, List, SmallCountSuppression)} with some
		 * categories withheld already (among the area's siblings).
		 * @param categoriesAlready codes of the categories withheld already
		 */
		static Withheld withheldUnder(long total, boolean totalAlready, List<CategoryCount> byCategory,
				Set<String> categoriesAlready, SmallCountSuppression rule) {
			long[] tree = new long[byCategory.size() + 1];
			int[] parents = new int[tree.length];
			boolean[] already = new boolean[tree.length];
			tree[0] = total;
			parents[0] = -1;
			already[0] = totalAlready;
			for (int i = 0; i < byCategory.size(); i++) {
				tree[i + 1] = byCategory.get(i).count();
				already[i + 1] = categoriesAlready.contains(byCategory.get(i).category().code());
			}
			boolean[] withheld = rule.withheldInBreakdown(tree, parents, already);
			List<CategoryCount> categories = IntStream.range(0, byCategory.size())
				.mapToObj(i -> withheld[i + 1] ? new CategoryCount(byCategory.get(i).category(), 0, true)
						: byCategory.get(i))
				.toList();
			return new Withheld(withheld[0], categories);
		}

		/** Whether the total is withheld, and the categories as shown. */
		record Withheld(boolean total, List<CategoryCount> categories) {
		}

	}
}
