package io.tiexin.meeting;

import java.time.OffsetDateTime;

import io.tiexin.geo.PointInput;

/**
 * {@code planMeeting}'s input: located by {@code location}, else {@code areaCode}, else
 * {@code placeText}.
 */
public record PlanMeetingInput(String title, PointInput location, String areaCode, String placeText,
		OffsetDateTime scheduledAt, String agenda) {
}
