package io.tiexin.audit;

import java.time.OffsetDateTime;

/** What to look for in the audit trail; every part optional. {@code to} is exclusive. */
record AuditFilter(String actorUsername, String petitionId, String action, OffsetDateTime from, OffsetDateTime to) {

	static final AuditFilter NONE = new AuditFilter(null, null, null, null, null);

	AuditFilter {
		// the same rule as every period: VALIDATION when from is after to
		new io.tiexin.shared.PeriodInput(from, to);
	}

}
