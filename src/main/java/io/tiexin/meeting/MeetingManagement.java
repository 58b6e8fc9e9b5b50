package io.tiexin.meeting;

import io.tiexin.shared.postgres.TransactionManagers;
import java.util.List;
import java.util.Objects;

import io.tiexin.meeting.internal.MeetingItem;
import io.tiexin.meeting.internal.MeetingService;
import io.tiexin.people.Actor;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The meeting module's operations for other modules (the demo's history): the same rules
 * and transactions as the GraphQL mutations, answering with the meeting's id.
 */
@Service
public class MeetingManagement {

	private final MeetingService service;

	MeetingManagement(MeetingService service) {
		this.service = service;
	}

	public long plan(PlanMeetingInput input, Actor convener) {
		return this.service.plan(input, convener).getId();
	}

	/**
	 * @return the ids of the petitions its unanswered items were filed as
	 */
	@Transactional(transactionManager = TransactionManagers.JPA)
	public List<Long> record(long meetingId, RecordMeetingInput input, Actor actor) {
		return this.service.record(meetingId, input, null, actor)
			.getItems()
			.stream()
			.map(MeetingItem::getPetitionId)
			.filter(Objects::nonNull)
			.toList();
	}

	/** Meetings in any state, anywhere. */
	public long count() {
		return this.service.count();
	}

	public void cancel(long meetingId, String reason, Actor actor) {
		this.service.cancel(meetingId, reason, null, actor);
	}

}
