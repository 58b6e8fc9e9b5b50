package io.tiexin.liaison;

import java.time.OffsetDateTime;

import io.tiexin.geo.PointInput;

/**
 * {@code recordVisit}'s input: where (GCJ-02 from a phone accepted), when (now unless
 * given), a note, the households met, the petition the visit served, and the key a phone
 * sends again when it retries (the same key from the same person is the same visit).
 */
public record RecordVisitInput(PointInput location, OffsetDateTime at, String note, Integer householdCount,
		String petitionId, String idempotencyKey) {
}
