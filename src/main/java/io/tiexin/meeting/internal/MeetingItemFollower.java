package io.tiexin.meeting.internal;

import io.tiexin.petition.PetitionStatusChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Items follow their petitions ("件件有落实"): when a filed item's petition is closed or
 * withdrawn, the item is CLOSED in the transition's own transaction, so the two never
 * disagree and the rollup's closed-item count moves with the petition. Listening rather
 * than computing at read time keeps the item's status, and the figures, in this module's
 * own tables.
 */
@Component
class MeetingItemFollower {

	private final MeetingRepository meetings;

	MeetingItemFollower(MeetingRepository meetings) {
		this.meetings = meetings;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(PetitionStatusChanged change) {
		if (change.ended()) {
			this.meetings.closeItemsOf(change.petitionId());
		}
	}

}
