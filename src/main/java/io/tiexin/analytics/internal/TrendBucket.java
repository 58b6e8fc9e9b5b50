package io.tiexin.analytics.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import io.tiexin.analytics.internal.AreaStats.CategoryCount;
import io.tiexin.shared.SmallCountSuppression;

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
	 * read 0, a withheld category has a complement among the others, and the whole step
	 * reads 0 when the one choice among the area's siblings withholds it (for this step,
	 * or for the whole period of the trend, which the steps add up to), and so does every
	 * category the one choice withholds among the area's siblings in this step or over
	 * the whole period ({@code categoriesWithheld}).
	 */
	TrendBucket withSmallCountsHidden(SmallCountSuppression rule, boolean withheldAmongSiblings,
			Set<String> categoriesWithheld) {
		CategoryCount.Withheld withheld = CategoryCount.withheldUnder(this.count, withheldAmongSiblings,
				this.byCategory, categoriesWithheld, rule);
		List<CategoryCount> categories = withheld.categories();
		boolean countHidden = withheld.total();
		if (!countHidden && categories.equals(this.byCategory)) {
			return this;
		}
		return new TrendBucket(this.start, this.end, countHidden ? 0 : this.count, categories, true);
	}
}
