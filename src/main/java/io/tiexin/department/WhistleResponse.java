package io.tiexin.department;

import java.time.OffsetDateTime;

/**
 * One summoned department's answer to a whistle.
 *
 * @param supervisedAt when the escalation job put an unreported summons under supervision
 * (督办), or {@code null}
 */
public record WhistleResponse(long whistleId, String departmentCode, WhistleResponseStatus status,
		OffsetDateTime reportDueAt, OffsetDateTime reportedAt, Long reportedById, OffsetDateTime doneAt, String note,
		OffsetDateTime supervisedAt) {

	/**
	 * Late: not reported by the deadline, whether still unreported at {@code now} or
	 * reported after it.
	 */
	public boolean isOverdue(OffsetDateTime now) {
		OffsetDateTime reported = (this.reportedAt != null) ? this.reportedAt : now;
		return reported.isAfter(this.reportDueAt);
	}

}
