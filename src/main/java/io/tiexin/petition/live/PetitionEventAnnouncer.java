package io.tiexin.petition.live;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.tiexin.shared.postgres.DaemonLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Announces committed timeline events on {@value PetitionEventFeed#CHANNEL}, for every
 * replica's live feed, after the transaction that wrote them has committed.
 * <p>
 * Not with NOTIFY inside that transaction: PostgreSQL serializes the commits of all
 * notifying transactions of a database behind one lock, held from before the commit
 * record is flushed to after, so every submission's commit (and its WAL flush) queued
 * behind the others' — bench/run at 1,000,000 petitions found a quarter of the sampled
 * database sessions waiting on that lock ({@code Lock:object}). Here an event is queued
 * when its transaction commits (a rolled-back one announces nothing, as before), and one
 * thread sends what has queued up, a few hundred events to a notification, in statements
 * that write nothing, so the lock is held for microseconds and no WAL flush happens under
 * it.
 * <p>
 * Best effort, like the feed itself: events still queued when the service stops, or when
 * the database cannot be reached, are lost to live subscribers, who refetch after
 * reconnecting anyway.
 */
@Component
public class PetitionEventAnnouncer extends DaemonLoop {

	private static final Logger log = LoggerFactory.getLogger(PetitionEventAnnouncer.class);

	/** Payloads separated by this; each is {@code <event id>,<area code>}. */
	static final char SEPARATOR = ';';

	/** PostgreSQL refuses payloads of 8,000 bytes or more. */
	private static final int MAX_PAYLOAD_BYTES = 7_900;

	/**
	 * Events waiting to be sent; beyond this (a database unreachable for long) new ones
	 * are dropped.
	 */
	private static final int MAX_PENDING = 100_000;

	private final JdbcClient jdbc;

	private final BlockingQueue<String> pending = new LinkedBlockingQueue<>(MAX_PENDING);

	PetitionEventAnnouncer(JdbcClient jdbc) {
		super(PetitionEventFeed.CHANNEL + "-sender");
		this.jdbc = jdbc;
	}

	/**
	 * Announces the event once the current transaction commits (at once outside a
	 * transaction).
	 */
	public void announce(long eventId, String areaCode) {
		String payload = eventId + "," + areaCode;
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			enqueue(payload);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				enqueue(payload);
			}
		});
	}

	private void enqueue(String payload) {
		if (!this.pending.offer(payload)) {
			log.warn("Live petition events are not being sent (database unreachable?); dropping event {}", payload);
		}
	}

	@Override
	protected void loop() {
		List<String> batch = new ArrayList<>();
		while (keepRunning()) {
			try {
				String first = this.pending.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.pending.drainTo(batch);
				for (String notification : notifications(batch)) {
					this.jdbc.sql("SELECT pg_notify(?, ?)")
						.params(PetitionEventFeed.CHANNEL, notification)
						.query()
						.singleRow();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (DataAccessException ex) {
				log.warn("Could not announce {} petition events to the live feed: {}", batch.size(), ex.getMessage());
			}
			finally {
				batch.clear();
			}
		}
	}

	/**
	 * The payloads joined by {@link #SEPARATOR} into as few notifications as their size
	 * allows.
	 */
	static List<String> notifications(List<String> payloads) {
		List<String> notifications = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		// The limit is in bytes (UTF-8), and a StringBuilder counts chars: count the
		// bytes alongside.
		int currentBytes = 0;
		for (String payload : payloads) {
			int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
			if (current.length() > 0 && currentBytes + 1 + bytes > MAX_PAYLOAD_BYTES) {
				notifications.add(current.toString());
				current.setLength(0);
				currentBytes = 0;
			}
			if (current.length() > 0) {
				current.append(SEPARATOR);
				currentBytes++;
			}
			current.append(payload);
			currentBytes += bytes;
		}
		if (current.length() > 0) {
			notifications.add(current.toString());
		}
		return notifications;
	}

}
