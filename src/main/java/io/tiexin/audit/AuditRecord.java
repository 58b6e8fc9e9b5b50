package io.tiexin.audit;

import java.time.OffsetDateTime;

/**
 * One entry of the audit trail.
 *
 * @param actorId {@code null} when the service itself acted (the escalation job)
 * @param action {@code READ_PERSONAL_DATA}, {@code SET_ON_DUTY}, or
 * {@code PETITION_<timeline event>}
 */
record AuditRecord(long id, OffsetDateTime at, Long actorId, String actorUsername, String action, Long petitionId,
		Long personId, String detail) {
}
