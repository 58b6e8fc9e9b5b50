package io.tiexin.grid;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this replica's catalog in step with imports made by any replica: LISTENs on the channel an
 * import notifies at commit. After a lost connection it reconnects and catches up, so no import
 * is missed across a database restart.
 */
@Component
class AreaChangeListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AreaChangeListener.class);

	private static final int POLL_MILLIS = 5_000;

	private final DataSource dataSource;

	private final AreaCatalog catalog;

	private final AreaRepository repository;

	private volatile Thread thread;

	AreaChangeListener(DataSource dataSource, AreaCatalog catalog, AreaRepository repository) {
		this.dataSource = dataSource;
		this.catalog = catalog;
		this.repository = repository;
	}

	@Override
	public void start() {
		Thread listener = new Thread(this::listen, "area-change-listener");
		listener.setDaemon(true);
		this.thread = listener;
		listener.start();
	}

	@Override
	public void stop() {
		Thread running = this.thread;
		this.thread = null;
		if (running != null) {
			running.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void listen() {
		while (this.thread == Thread.currentThread()) {
			try (Connection connection = this.dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + AreaCatalog.CHANNEL);
				}
				// Imports committed while we were not listening.
				this.catalog.reloadIfOlderThan(this.repository.latestImportId());
				PGConnection pg = connection.unwrap(PGConnection.class);
				while (this.thread == Thread.currentThread()) {
					PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
					for (PGNotification notification : (notifications != null) ? notifications : new PGNotification[0]) {
						this.catalog.reloadIfOlderThan(Long.parseLong(notification.getParameter()));
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.thread != Thread.currentThread()) {
					return;
				}
				log.warn("Lost the area change listener's connection ({}); retrying in 5 s", ex.getMessage());
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
