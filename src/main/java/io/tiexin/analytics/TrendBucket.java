package io.tiexin.analytics;

import java.time.OffsetDateTime;
import java.util.List;

import io.tiexin.analytics.AreaStats.CategoryCount;

/** Petitions submitted in one step of a trend, from {@code start} inclusive to {@code end} exclusive. */
record TrendBucket(OffsetDateTime start, OffsetDateTime end, int count, List<CategoryCount> byCategory) {
}
