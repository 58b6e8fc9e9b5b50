package io.tiexin.dispatch.internal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.dispatch.internal.TimeLimitPolicy.Rule;
import io.tiexin.petition.Urgency;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The dispatch module's own tables: the working calendar and the time limits. */
@Repository
class WorkCalendarRepository {

	private final JdbcClient jdbc;

	WorkCalendarRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Every listed day: {@code true} working, {@code false} not. A few hundred rows per
	 * year.
	 */
	Map<LocalDate, Boolean> days() {
		Map<LocalDate, Boolean> days = new HashMap<>();
		this.jdbc.sql("SELECT day, working FROM work_calendar")
			.query((rs, row) -> days.put(rs.getObject("day", LocalDate.class), rs.getBoolean("working")))
			.list();
		return days;
	}

	List<Rule> timeLimits() {
		return this.jdbc
			.sql("SELECT category_code, urgency, working_hours, working_days, clock_hours FROM time_limit_policy")
			.query((rs, row) -> {
				String urgency = rs.getString("urgency");
				int clockHours = rs.getInt("clock_hours");
				boolean onTheClock = !rs.wasNull();
				int hours = rs.getInt("working_hours");
				TimeLimit limit = onTheClock ? TimeLimit.clockHours(clockHours) : rs.wasNull()
						? TimeLimit.workingDays(rs.getInt("working_days")) : TimeLimit.workingHours(hours);
				return new Rule(rs.getString("category_code"), (urgency != null) ? Urgency.valueOf(urgency) : null,
						limit);
			})
			.list();
	}

}
