package io.tiexin.meeting;

import java.time.OffsetDateTime;
import java.util.List;

/** {@code recordMeeting}'s input: who came, what was said, and every item raised. */
public record RecordMeetingInput(OffsetDateTime heldAt, List<String> attendeeIds, Integer householdCount,
		Integer attendance, String summary, List<MeetingItemInput> items) {

	public RecordMeetingInput {
		attendeeIds = (attendeeIds != null) ? List.copyOf(attendeeIds) : List.of();
		items = (items != null) ? List.copyOf(items) : List.of();
	}
}
