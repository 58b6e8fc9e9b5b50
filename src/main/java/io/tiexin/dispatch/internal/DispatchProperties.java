package io.tiexin.dispatch.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of dispatch and time limits. The working days themselves and the limits per
 * category and urgency are data (tables {@code work_calendar} and
 * {@code time_limit_policy}).
 *
 * @param workingHours office hours of a working day, China time, e.g. {@code 08:30-12:00}
 * @param returnsBeforeTownship after this many returns (退单) a village case stops bouncing
 * between grid members and goes to the township dispatch queue, for an officer to route
 * by hand
 * @param escalationEnabled whether this replica runs the escalation job (every replica
 * may: they share the work)
 * @param escalationInterval the pause between two runs of the escalation job
 * @param escalationBatchSize overdue cases handled per transaction
 * @param calendarRefresh how long the calendar and time limits read from the database are
 * used before they are read again (edits to those tables take effect within this time)
 */
@ConfigurationProperties("tiexin.dispatch")
record DispatchProperties(@DefaultValue( {
		"08:30-12:00", "14:00-17:30" }) List<String> workingHours, @DefaultValue("3") int returnsBeforeTownship,
		@DefaultValue("true") boolean escalationEnabled, @DefaultValue("PT1M") Duration escalationInterval,
		@DefaultValue("200") int escalationBatchSize, @DefaultValue("PT10M") Duration calendarRefresh){

	DispatchProperties {
		workingHours = List.copyOf(workingHours);
		// Fail at start-up, naming the setting, rather than at the first petition.
		workingPeriods(workingHours);
		if (returnsBeforeTownship < 1 || escalationBatchSize < 1) {
			throw new IllegalArgumentException(
					"tiexin.dispatch.returns-before-township and escalation-batch-size must be at least 1");
		}
	}

	List<WorkingPeriod> workingPeriods() {
		return workingPeriods(this.workingHours);
	}

	private static List<WorkingPeriod> workingPeriods(List<String> workingHours) {
		try {
			return workingHours.stream().map(WorkingPeriod::parse).toList();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("tiexin.dispatch.working-hours: " + ex.getMessage(), ex);
		}
	}
}
