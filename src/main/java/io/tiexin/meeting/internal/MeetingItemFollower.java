package io.tiexin.meeting.internal;

import io.tiexin.petition.PetitionStatusChanged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	private final JdbcClient jdbc;

	MeetingItemFollower(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(PetitionStatusChanged change) {
		if (change.ended()) {
			// JdbcClient, not the JPA repository: this runs in the petition workflow's
			// JDBC transaction, which JPA's transaction manager cannot join
			this.jdbc.sql("UPDATE meeting_item SET status = 'CLOSED' WHERE petition_id = ? AND status = 'FILED'")
				.param(change.petitionId())
				.update();
		}
	}

}
