package io.tiexin.analytics.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.ServiceTime;

/**
 * A period (from inclusive, to exclusive, either end open) cut into the whole days the
 * daily rollup answers and the partial days at either end, which are read from the
 * petitions themselves: any period is answered exactly, and only its two fringe days ever
 * touch the petition table.
 *
 * @param wholeDays whether the rollup contributes at all
 * @param dayFrom first whole day (China Standard Time), {@code null} for no lower bound
 * @param dayTo day after the last whole day, {@code null} for no upper bound
 * @param headFrom start of the partial day before the whole days ({@code null}: none)
 * @param headTo its end
 * @param tailFrom start of the partial day after the whole days ({@code null}: none)
 * @param tailTo its end
 */
record RollupPeriod(OffsetDateTime from, OffsetDateTime to, boolean wholeDays, LocalDate dayFrom, LocalDate dayTo,
		OffsetDateTime headFrom, OffsetDateTime headTo, OffsetDateTime tailFrom, OffsetDateTime tailTo) {

	/** Stands for an open start: before any petition. */
	static final OffsetDateTime EARLIEST = OffsetDateTime.parse("1900-01-01T00:00:00+08:00");

	/** Stands for an open end. */
	static final OffsetDateTime LATEST = OffsetDateTime.parse("9999-01-01T00:00:00+08:00");

	static RollupPeriod of(PeriodInput period) {
		OffsetDateTime from = (period != null) ? period.from() : null;
		OffsetDateTime to = (period != null) ? period.to() : null;
		LocalDate dayFrom = (from != null) ? firstWholeDayFrom(from) : null;
		LocalDate dayTo = (to != null) ? local(to).toLocalDate() : null;
		if (dayFrom != null && dayTo != null && !dayFrom.isBefore(dayTo)) {
			return new RollupPeriod(from, to, false, null, null, from, to, null, null);
		}
		OffsetDateTime headTo = (dayFrom != null) ? startOf(dayFrom) : null;
		OffsetDateTime tailFrom = (dayTo != null) ? startOf(dayTo) : null;
		boolean head = from != null && from.isBefore(headTo);
		boolean tail = to != null && tailFrom.isBefore(to);
		return new RollupPeriod(from, to, true, dayFrom, dayTo, head ? from : null, head ? headTo : null,
				tail ? tailFrom : null, tail ? to : null);
	}

	/**
	 * The named parameters the rollup and fringe statements bind ({@code :dayFrom},
	 * {@code :dayTo}, {@code :headFrom} ... {@code :tailTo}); absent bounds are null.
	 */
	Map<String, Object> sqlParameters() {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("dayFrom", this.dayFrom);
		parameters.put("dayTo", this.dayTo);
		parameters.put("headFrom", this.headFrom);
		parameters.put("headTo", this.headTo);
		parameters.put("tailFrom", this.tailFrom);
		parameters.put("tailTo", this.tailTo);
		return parameters;
	}

	OffsetDateTime fromOrEarliest() {
		return (this.from != null) ? this.from : EARLIEST;
	}

	OffsetDateTime toOrLatest() {
		return (this.to != null) ? this.to : LATEST;
	}

	private static LocalDate firstWholeDayFrom(OffsetDateTime from) {
		ZonedDateTime local = local(from);
		return local.toLocalTime().equals(LocalTime.MIDNIGHT) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
	}

	private static ZonedDateTime local(OffsetDateTime time) {
		return time.atZoneSameInstant(ServiceTime.ZONE);
	}

	private static OffsetDateTime startOf(LocalDate day) {
		return day.atStartOfDay(ServiceTime.ZONE).toOffsetDateTime();
	}
}
