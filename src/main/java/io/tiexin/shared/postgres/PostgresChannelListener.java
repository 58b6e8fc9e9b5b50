package io.tiexin.shared.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL LISTEN loop per replica on one channel: a daemon thread with its own
 * pooled connection that hands each batch of notification payloads to
 * {@link #onNotifications}. A lost connection is retried every 5 s; {@link #onListening}
 * runs each time listening (re)starts, so a subclass can catch up on what it missed, and
 * {@link #onListeningStopped} each time it ends, so a subclass can stop trusting what it
 * would have been told. This is how changes cross replicas without a broker.
 */
public abstract class PostgresChannelListener extends DaemonLoop {

	private static final Logger log = LoggerFactory.getLogger(PostgresChannelListener.class);

	private static final int POLL_MILLIS = 5_000;

	private final DataSource dataSource;

	private final String channel;

	protected PostgresChannelListener(DataSource dataSource, String channel) {
		super(channel + "-listener");
		this.dataSource = dataSource;
		this.channel = channel;
	}

	/**
	 * Runs on the listener thread each time LISTEN has been (re)issued; nothing by
	 * default.
	 */
	protected void onListening() {
	}

	/**
	 * Runs on the listener thread each time listening ends after {@link #onListening} ran
	 * (a lost connection, the loop stopping): notifications from now on are missed until
	 * the next {@link #onListening}. Nothing by default.
	 */
	protected void onListeningStopped() {
	}

	/**
	 * Runs on the listener thread with the payloads of one batch of notifications, in
	 * order.
	 */
	protected abstract void onNotifications(List<String> payloads);

	/**
	 * A session keeps listening after its connection goes back to the pool: the next
	 * borrower (another listener, a request) would receive this channel's notifications.
	 * The full suite's logs showed the area catalog's listener failing on petition
	 * events' payloads after the events' listener had stopped on an error and given its
	 * connection back.
	 */
	private static void unlisten(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("UNLISTEN *");
		}
		catch (SQLException | RuntimeException ex) {
			// A broken connection is not handed out again.
		}
	}

	@Override
	protected void loop() {
		while (keepRunning()) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + this.channel);
				}
				onListening();
				try {
					PGConnection pg = connection.unwrap(PGConnection.class);
					while (keepRunning()) {
						PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
						if (notifications != null && notifications.length > 0) {
							List<String> payloads = new ArrayList<>(notifications.length);
							for (PGNotification notification : notifications) {
								// Only this channel's: a pooled session may have been
								// listening elsewhere before (see the finally below).
								if (this.channel.equals(notification.getName())) {
									payloads.add(notification.getParameter());
								}
							}
							if (!payloads.isEmpty()) {
								onNotifications(payloads);
							}
						}
					}
				}
				finally {
					onListeningStopped();
					unlisten(connection);
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (!keepRunning()) {
					return;
				}
				log.warn("Lost the connection listening on {} ({}); retrying in 5 s", this.channel, ex.getMessage());
				try {
					TimeUnit.SECONDS.sleep(5);
				}
				catch (InterruptedException interrupted) {
					return;
				}
			}
		}
	}

}
