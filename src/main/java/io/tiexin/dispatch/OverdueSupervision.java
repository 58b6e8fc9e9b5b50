package io.tiexin.dispatch;

import java.time.OffsetDateTime;

/**
 * Other modules' deadlines that the escalation job supervises (督办) after the cases' own:
 * a department that has not reported to a whistle in time. Implementations share the work
 * between replicas as the job does, locking their rows with
 * {@code FOR UPDATE SKIP LOCKED} and acting on each once, in the transaction that holds
 * the lock.
 */
public interface OverdueSupervision {

	/**
	 * Supervises everything overdue at {@code now}.
	 * @return how many were supervised
	 */
	int superviseOverdue(OffsetDateTime now);

}
