package io.tiexin.dispatch.internal;

import java.time.OffsetDateTime;

import io.tiexin.petition.Petition;
import io.tiexin.shared.ServiceTime;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Service;

/**
 * Deadlines in working time. The calendar and the limits are read from the database and
 * kept for {@code tiexin.dispatch.calendar-refresh}: a deadline costs no query, and an
 * edit to the tables (next year's holidays, a changed limit) reaches every replica within
 * that time.
 */
@Service
@DependsOnDatabaseInitialization
public class TimeLimits {

	private final WorkCalendarRepository repository;

	private final DispatchProperties properties;

	private volatile Loaded loaded;

	TimeLimits(WorkCalendarRepository repository, DispatchProperties properties) {
		this.repository = repository;
		this.properties = properties;
		this.loaded = load();
	}

	/** The limit for the petition's category and urgency. */
	TimeLimit limitFor(Petition petition) {
		return current().policy().limitFor(petition.categoryCode(), petition.urgency());
	}

	/** The deadline of the petition's limit on a clock started at {@code start}. */
	OffsetDateTime dueAt(Petition petition, OffsetDateTime start) {
		return limitFor(petition).dueFrom(start, calendar());
	}

	/**
	 * Extra working days added to a deadline (or to now, when the deadline has passed).
	 */
	OffsetDateTime extended(OffsetDateTime dueAt, OffsetDateTime now, int extraWorkingDays) {
		OffsetDateTime from = (dueAt != null && dueAt.isAfter(now)) ? dueAt : now;
		return calendar().plusWorkingDays(from, extraWorkingDays);
	}

	public WorkingCalendar calendar() {
		return current().calendar();
	}

	private Loaded current() {
		Loaded current = this.loaded;
		if (System.nanoTime() - current.loadedAtNanos() > this.properties.calendarRefresh().toNanos()) {
			current = load();
			this.loaded = current;
		}
		return current;
	}

	private Loaded load() {
		return new Loaded(
				new WorkingCalendar(this.repository.days(), this.properties.workingPeriods(), ServiceTime.ZONE),
				new TimeLimitPolicy(this.repository.timeLimits()), System.nanoTime());
	}

	private record Loaded(WorkingCalendar calendar, TimeLimitPolicy policy, long loadedAtNanos) {
	}

}
