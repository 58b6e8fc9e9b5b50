package io.tiexin.analytics.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.analytics.internal.AnalyticsRepository.StepCount;
import io.tiexin.analytics.internal.AreaStats.CategoryCount;
import io.tiexin.analytics.internal.TimeBuckets.Bucket;
import io.tiexin.petition.Category;
import io.tiexin.petition.CategoryCatalog;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Petitions per day, week or month of an area (and everything below it), from the daily
 * rollup: one statement for any number of areas, every step present, zero when nothing
 * happened.
 */
@Service
@Transactional(readOnly = true)
class AreaTrends {

	private final AnalyticsRepository repository;

	private final CategoryCatalog categories;

	AreaTrends(AnalyticsRepository repository, CategoryCatalog categories) {
		this.repository = repository;
		this.categories = categories;
	}

	/**
	 * @param categoryCode only this category, when given; then {@code byCategory} holds
	 * it alone
	 * @return for each area code, one bucket per step
	 */
	Map<String, List<TrendBucket>> trendsOf(Collection<String> areaCodes, TimeBuckets steps, String categoryCode) {
		Map<String, Map<Integer, Map<String, Integer>>> counted = new HashMap<>();
		List<StepCount> rows = steps.buckets().isEmpty() ? List.of() : this.repository.countsPerStep(areaCodes,
				RollupPeriod.of(steps.period()), categoryCode, steps.interval());
		for (StepCount row : rows) {
			int index = steps.indexOf(row.step());
			if (index >= 0) {
				counted.computeIfAbsent(row.areaCode(), code -> new HashMap<>())
					.computeIfAbsent(index, i -> new HashMap<>())
					.merge(row.categoryCode(), row.petitions(), Integer::sum);
			}
		}
		List<Category> shown = this.categories.all()
			.stream()
			.filter(category -> categoryCode == null || category.code().equals(categoryCode))
			.toList();
		Map<String, List<TrendBucket>> trends = new LinkedHashMap<>();
		for (String code : areaCodes) {
			Map<Integer, Map<String, Integer>> byStep = counted.getOrDefault(code, Map.of());
			List<TrendBucket> buckets = new ArrayList<>(steps.buckets().size());
			for (int i = 0; i < steps.buckets().size(); i++) {
				buckets.add(bucket(steps.buckets().get(i), byStep.getOrDefault(i, Map.of()), shown));
			}
			trends.put(code, buckets);
		}
		return trends;
	}

	/** Every count a trend returns is made here. */
	private static TrendBucket bucket(Bucket step, Map<String, Integer> byCategory, List<Category> shown) {
		List<CategoryCount> counts = new ArrayList<>(shown.size());
		int total = 0;
		for (Category category : shown) {
			int count = byCategory.getOrDefault(category.code(), 0);
			counts.add(new CategoryCount(category, count));
			total += count;
		}
		return new TrendBucket(step.start(), step.end(), total, counts);
	}

}
