package io.tiexin.liaison;

import io.tiexin.liaison.internal.LiaisonBoardService;
import io.tiexin.liaison.internal.VisitService;
import io.tiexin.people.Actor;

import org.springframework.stereotype.Service;

/**
 * The liaison module's operations for other modules (the demo's history): the same rules
 * and transactions as the GraphQL mutations, answering with ids.
 */
@Service
public class LiaisonManagement {

	private final LiaisonBoardService boards;

	private final VisitService visits;

	LiaisonManagement(LiaisonBoardService boards, VisitService visits) {
		this.boards = boards;
		this.visits = visits;
	}

	public void updateProfile(long personId, LiaisonProfileInput input, Actor actor) {
		this.boards.update(personId, input, actor);
	}

	/**
	 * @return the visit's id
	 */
	public long recordVisit(RecordVisitInput input, Actor actor) {
		return this.visits.record(input, actor).getId();
	}

}
