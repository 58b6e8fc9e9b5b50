package io.tiexin.shared;

/**
 * The stable error codes clients branch on; they appear as {@code extensions.code} in
 * GraphQL errors. Never rename one: map dashboards and field apps depend on them.
 */
public enum ErrorCode {

	UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, VALIDATION, INVALID_COORDINATES, OUT_OF_EXTENT, INVALID_TRANSITION,
	STALE_VERSION, RATE_LIMITED, QUERY_TOO_COMPLEX,
	/**
	 * The database (or another resource the service needs) cannot be reached for the
	 * moment; nothing was changed, and the same request may be sent again after a few
	 * seconds.
	 */
	UNAVAILABLE,
	/** An unexpected fault on our side; the message never carries internals. */
	INTERNAL,
	/**
	 * Apollo's automatic persisted queries: the hash sent without its query is not known
	 * (yet, or any more); the client sends the query with its hash again. The message is
	 * {@code PersistedQueryNotFound}, as Apollo clients expect.
	 */
	PERSISTED_QUERY_NOT_FOUND

}
