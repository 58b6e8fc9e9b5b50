package io.tiexin.meeting;

/**
 * An item raised at a meeting: answered on the spot, or filed as a petition and FILED
 * until that petition is closed or withdrawn, then CLOSED.
 */
public enum MeetingItemStatus {

	ANSWERED_ON_SITE, FILED, CLOSED

}
