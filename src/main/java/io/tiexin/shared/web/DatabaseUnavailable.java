package io.tiexin.shared.web;

import io.tiexin.shared.ErrorCode;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a fault of the database's reachability (a restart, a network cut, a pool that
 * found no connection in time) from a fault in our code or the request. Such a fault is
 * answered with {@link ErrorCode#UNAVAILABLE} ("retry shortly") instead of
 * {@code INTERNAL}: the transaction it hit was rolled back, and Hikari replaces the
 * broken connections by itself once the database is back.
 */
public final class DatabaseUnavailable {

	private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

	private DatabaseUnavailable() {
	}

	/**
	 * Whether this exception, or one it was caused by, says the database cannot be
	 * reached.
	 */
	public static boolean explains(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException
					|| cause instanceof RecoverableDataAccessException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
					|| cause instanceof ConnectException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& isConnectionState(sql.getSQLState())) {
				return true;
			}
			// Hikari's proxy of a connection it already evicted as broken (no SQLSTATE):
			// typically the
			// rollback after a statement lost its connection, which then hides the
			// original failure.
			if (cause instanceof SQLException sql && sql.getSQLState() == null
					&& HIKARI_CLOSED_CONNECTION.equals(sql.getMessage())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * SQLSTATE class 08 (connection exception) and 57P01–57P03 (the server shut down,
	 * crashed, or is still starting).
	 */
	private static boolean isConnectionState(String state) {
		return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
	}

	/**
	 * Whether the database refused text it cannot store (a NUL character; SQLSTATE 22021,
	 * 22P05): a fault in the request, not in the service.
	 */
	public static boolean isUnstorableText(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql
					&& ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
				return true;
			}
		}
		return false;
	}

}
