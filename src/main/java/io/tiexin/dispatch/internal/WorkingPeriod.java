package io.tiexin.dispatch.internal;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** One stretch of office hours on a working day, e.g. 08:30–12:00. */
record WorkingPeriod(LocalTime start, LocalTime end) {

	WorkingPeriod {
		if (!start.isBefore(end)) {
			throw new IllegalArgumentException("a working period must end after it starts: " + start + "-" + end);
		}
	}

	/** Parses {@code "08:30-12:00"}. */
	static WorkingPeriod parse(String text) {
		String[] ends = text.strip().split("\\s*-\\s*");
		try {
			if (ends.length == 2) {
				return new WorkingPeriod(LocalTime.parse(ends[0]), LocalTime.parse(ends[1]));
			}
		}
		catch (DateTimeParseException ex) {
			// reported below with the expected form
		}
		throw new IllegalArgumentException("working hours must look like 08:30-12:00, not '" + text + "'");
	}
}
