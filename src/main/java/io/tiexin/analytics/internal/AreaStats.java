package io.tiexin.analytics.internal;

import java.util.List;

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
	 * These statistics for a viewer who may not see the cases behind them: every count
	 * the rule hides reads 0 and is marked; when the total itself is hidden the rates and
	 * the median go too, since a rate over two petitions tells as much as the counts.
	 */
	AreaStats withSmallCountsHidden(SmallCountSuppression rule) {
		boolean totalHidden = rule.hides(this.total);
		// complementary suppression: no withheld cell comes back as the total minus those
		// shown
		boolean[] statusWithheld = rule.withheld(this.byStatus.stream().mapToLong(StatusCount::count).toArray());
		List<StatusCount> statuses = java.util.stream.IntStream.range(0, this.byStatus.size())
			.mapToObj(i -> statusWithheld[i] ? new StatusCount(this.byStatus.get(i).status(), 0, true)
					: this.byStatus.get(i))
			.toList();
		boolean[] categoryWithheld = rule.withheld(this.byCategory.stream().mapToLong(CategoryCount::count).toArray());
		List<CategoryCount> categories = java.util.stream.IntStream.range(0, this.byCategory.size())
			.mapToObj(i -> categoryWithheld[i] ? new CategoryCount(this.byCategory.get(i).category(), 0, true)
					: this.byCategory.get(i))
			.toList();
		// Meetings are public events, but the items raised at them are petitions by
		// another
		// name: the item count, and the rate over it, follow the same rule.
		boolean itemsHidden = rule.hides(this.meetingItems);
		boolean anyHidden = totalHidden || rule.hides(this.open) || rule.hides(this.closed) || rule.hides(this.overdue)
				|| !statuses.equals(this.byStatus) || !categories.equals(this.byCategory) || itemsHidden
				|| rule.hides(this.meetings);
		if (!anyHidden) {
			return this;
		}
		return new AreaStats(shown(this.total, rule), shown(this.open, rule), shown(this.closed, rule),
				shown(this.overdue, rule), totalHidden ? null : this.closureRate, totalHidden ? null : this.onTimeRate,
				totalHidden ? null : this.medianHoursToClose, totalHidden ? null : this.satisfactionRate,
				totalHidden ? null : this.resolvedInVillageRate, statuses, categories, shown(this.meetings, rule),
				shown(this.meetingItems, rule), itemsHidden ? null : this.meetingItemsClosedRate, true);
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
	}
}
