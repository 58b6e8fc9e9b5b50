package io.tiexin.analytics.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;

/**
 * A period cut into the calendar steps of an interval (China Standard Time), every step
 * present even when nothing happened in it, so that a chart has no gaps. The first and
 * last steps are cut to the period when it starts or ends inside them: counts are exact
 * for what is shown.
 *
 * @param buckets in time order; each {@code key} is the first day of its calendar step
 */
record TimeBuckets(TrendInterval interval, List<Bucket> buckets) {

	/**
	 * More than this many steps is refused: nobody reads a chart of them, and it costs
	 * memory.
	 */
	static final int MAX_BUCKETS = 1000;

	/**
	 * @param key the first day of the calendar step, whatever part of it the bucket
	 * covers
	 */
	record Bucket(LocalDate key, OffsetDateTime start, OffsetDateTime end) {
	}

	/**
	 * The steps of a trend over {@code period}. An open end is the end of the step
	 * holding {@code now}; an open start is the start of the
	 * {@link TrendInterval#defaultSteps()}-th step before the end.
	 * @throws TiexinException {@code VALIDATION} for more than {@link #MAX_BUCKETS} steps
	 */
	static TimeBuckets of(TrendInterval interval, PeriodInput period, OffsetDateTime now) {
		OffsetDateTime to = (period != null && period.to() != null) ? period.to()
				: startOf(interval.plus(interval.startOf(localDay(now)), 1));
		OffsetDateTime from = (period != null && period.from() != null) ? period.from()
				: startOf(interval.plus(interval.startOf(localDay(to.minusNanos(1))), 1 - interval.defaultSteps()));
		List<Bucket> buckets = new ArrayList<>();
		for (LocalDate key = interval.startOf(localDay(from)); startOf(key).isBefore(to); key = interval.plus(key, 1)) {
			if (buckets.size() == MAX_BUCKETS) {
				throw tooMany();
			}
			OffsetDateTime start = latest(startOf(key), from);
			OffsetDateTime end = earliest(startOf(interval.plus(key, 1)), to);
			if (start.isBefore(end)) {
				buckets.add(new Bucket(key, start, end));
			}
		}
		return new TimeBuckets(interval, List.copyOf(buckets));
	}

	/**
	 * The {@code steps} whole calendar steps that end where the step holding
	 * {@code endingAt} starts: a step still under way is never the last, as its low count
	 * would read as a fall.
	 */
	static TimeBuckets lastWhole(TrendInterval interval, int steps, OffsetDateTime endingAt) {
		if (steps > MAX_BUCKETS) {
			throw tooMany();
		}
		LocalDate end = interval.startOf(localDay(endingAt));
		List<Bucket> buckets = new ArrayList<>(steps);
		for (int i = steps; i > 0; i--) {
			LocalDate key = interval.plus(end, -i);
			buckets.add(new Bucket(key, startOf(key), startOf(interval.plus(key, 1))));
		}
		return new TimeBuckets(interval, List.copyOf(buckets));
	}

	/** The index of the bucket of the calendar step starting on {@code key}, or -1. */
	int indexOf(LocalDate key) {
		LocalDate first = this.buckets.isEmpty() ? null : this.buckets.get(0).key();
		if (first == null || key.isBefore(first)) {
			return -1;
		}
		int index = (int) this.interval.unitsBetween(first, key);
		return (index < this.buckets.size() && this.buckets.get(index).key().equals(key)) ? index : -1;
	}

	/**
	 * Whether every bucket is a whole calendar step (none cut to the period at either
	 * end).
	 */
	boolean wholeSteps() {
		return this.buckets.stream()
			.allMatch(bucket -> bucket.start().isEqual(startOf(bucket.key()))
					&& bucket.end().isEqual(startOf(this.interval.plus(bucket.key(), 1))));
	}

	/** The whole period the buckets cover; there must be at least one. */
	PeriodInput period() {
		return new PeriodInput(this.buckets.get(0).start(), this.buckets.get(this.buckets.size() - 1).end());
	}

	private static TiexinException tooMany() {
		return new TiexinException(ErrorCode.VALIDATION, "时间段包含的区间过多,最多 " + MAX_BUCKETS + " 个,请缩短时间段或加大间隔 (more than "
				+ MAX_BUCKETS + " intervals: shorten the period or choose a longer interval)");
	}

	private static LocalDate localDay(OffsetDateTime time) {
		return time.atZoneSameInstant(ServiceTime.ZONE).toLocalDate();
	}

	private static OffsetDateTime startOf(LocalDate day) {
		return day.atStartOfDay(ServiceTime.ZONE).toOffsetDateTime();
	}

	private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
		return a.isAfter(b) ? a : b;
	}

	private static OffsetDateTime earliest(OffsetDateTime a, OffsetDateTime b) {
		return a.isBefore(b) ? a : b;
	}
}
