package io.tiexin.analytics.internal;

import java.time.OffsetDateTime;
import java.util.List;

import io.tiexin.shared.SmallCountSuppression;

import io.tiexin.analytics.internal.AreaStats.CategoryCount;

/**
 * Petitions submitted in one step of a trend, from {@code start} inclusive to {@code end}
 * exclusive.
 *
 * @param suppressed small counts were withheld (k-anonymity) and read 0
 */
record TrendBucket(OffsetDateTime start, OffsetDateTime end, int count, List<CategoryCount> byCategory,
		boolean suppressed) {

	TrendBucket(OffsetDateTime start, OffsetDateTime end, int count, List<CategoryCount> byCategory) {
		this(start, end, count, byCategory, false);
	}

	/**
	 * This step for a viewer who may not see the cases behind it: counts from 1 to k-1
	 * read 0.
	 */
	TrendBucket withSmallCountsHidden(SmallCountSuppression rule) {
		// complementary suppression: no withheld category comes back as the count minus
		// those shown
		boolean[] withheld = rule.withheld(this.byCategory.stream().mapToLong(CategoryCount::count).toArray());
		List<CategoryCount> categories = java.util.stream.IntStream.range(0, this.byCategory.size())
			.mapToObj(i -> withheld[i] ? new CategoryCount(this.byCategory.get(i).category(), 0, true)
					: this.byCategory.get(i))
			.toList();
		boolean countHidden = rule.hides(this.count);
		if (!countHidden && categories.equals(this.byCategory)) {
			return this;
		}
		return new TrendBucket(this.start, this.end, countHidden ? 0 : this.count, categories, true);
	}
}
