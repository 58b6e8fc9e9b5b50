package io.tiexin.petition;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Timeline events of every replica, live. Each replica LISTENs on {@link #CHANNEL}, on which
 * {@link PetitionRepository#insertEvent} notifies at commit; a batch of notifications becomes one
 * query for the events and one emission per event to this replica's subscribers. After a lost
 * connection the listener reconnects; events committed while it was away are not replayed, as a
 * live feed only says what happens from now on (clients refetch what they show after reconnecting).
 */
@Component
class PetitionEventFeed implements SmartLifecycle {

	static final String CHANNEL = "tiexin_petition_events";

	private static final Logger log = LoggerFactory.getLogger(PetitionEventFeed.class);

	private static final int POLL_MILLIS = 5_000;

	/** Events a slow subscriber may fall behind by before it loses the oldest. */
	private static final int SUBSCRIBER_BUFFER = 1_000;

	private final DataSource dataSource;

	private final PetitionRepository repository;

	// Emitted from the listener thread only, so emissions never race. Best effort: a subscriber that
	// cannot keep up loses events from its own buffer, never holds up the others.
	private final Sinks.Many<AreaPetitionEvent> sink = Sinks.many().multicast().directBestEffort();

	private volatile Thread thread;

	PetitionEventFeed(DataSource dataSource, PetitionRepository repository) {
		this.dataSource = dataSource;
		this.repository = repository;
	}

	/** Events committed from now on whose petition lies in the area (all of them when the code is null). */
	Flux<PetitionEvent> events(String areaCodePrefix) {
		return this.sink.asFlux()
			.filter(event -> event.isWithin(areaCodePrefix))
			.map(AreaPetitionEvent::event)
			.onBackpressureBuffer(SUBSCRIBER_BUFFER, BufferOverflowStrategy.DROP_OLDEST);
	}

	@Override
	public void start() {
		Thread listener = new Thread(this::listen, "petition-event-listener");
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
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				while (this.thread == Thread.currentThread()) {
					PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
					if (notifications != null && notifications.length > 0) {
						publish(notifications);
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.thread != Thread.currentThread()) {
					return;
				}
				log.warn("Lost the petition event listener's connection ({}); retrying in 5 s", ex.getMessage());
				try {
					TimeUnit.SECONDS.sleep(5);
				}
				catch (InterruptedException interrupted) {
					return;
				}
			}
		}
	}

	private void publish(PGNotification[] notifications) {
		Set<Long> eventIds = new LinkedHashSet<>();
		for (PGNotification notification : notifications) {
			String payload = notification.getParameter();
			int comma = payload.indexOf(',');
			try {
				eventIds.add(Long.parseLong((comma < 0) ? payload : payload.substring(0, comma)));
			}
			catch (NumberFormatException ex) {
				log.warn("Ignoring a malformed {} notification: {}", CHANNEL, payload);
			}
		}
		if (!eventIds.isEmpty() && this.sink.currentSubscriberCount() > 0) {
			this.repository.eventsWithAreaById(eventIds).forEach(this.sink::tryEmitNext);
		}
	}
}
