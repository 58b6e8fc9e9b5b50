package io.tiexin.shared;

import java.time.OffsetDateTime;

/** A time period; a {@code null} end is unbounded. */
public record PeriodInput(OffsetDateTime from, OffsetDateTime to) {

	public PeriodInput {
		if (from != null && to != null && from.isAfter(to)) {
			throw new TiexinException(ErrorCode.VALIDATION, "时间段无效:开始时间晚于结束时间 (invalid period: from is after to)");
		}
	}
}
