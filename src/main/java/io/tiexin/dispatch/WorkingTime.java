package io.tiexin.dispatch;

import java.time.Duration;
import java.time.OffsetDateTime;

import io.tiexin.dispatch.internal.TimeLimits;

import org.springframework.stereotype.Service;

/**
 * Working time for other modules' deadlines, on the calendar and office hours the case
 * time limits use (a department's 2 working hours to report to a whistle).
 */
@Service
public class WorkingTime {

	private final TimeLimits timeLimits;

	WorkingTime(TimeLimits timeLimits) {
		this.timeLimits = timeLimits;
	}

	/** The instant when {@code amount} of working time has passed since {@code start}. */
	public OffsetDateTime plus(OffsetDateTime start, Duration amount) {
		return this.timeLimits.calendar().plusWorkingTime(start, amount);
	}

}
