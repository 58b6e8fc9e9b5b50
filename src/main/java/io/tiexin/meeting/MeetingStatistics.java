package io.tiexin.meeting;

import java.util.Collection;
import java.util.Map;

import io.tiexin.shared.PeriodInput;

/**
 * Meetings' figures for area statistics: meetings held in the period in each area (at
 * every level), the items raised at them and those answered on the spot or closed.
 */
public interface MeetingStatistics {

	/**
	 * Figures per area code, for any number of areas in one statement; areas with none
	 * are absent.
	 */
	Map<String, MeetingFigures> figuresOf(Collection<String> areaCodes, PeriodInput period);

}
