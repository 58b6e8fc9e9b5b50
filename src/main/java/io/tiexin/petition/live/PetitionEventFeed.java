package io.tiexin.petition.live;

import io.tiexin.petition.AreaPetitionEvent;
import io.tiexin.petition.PetitionEvent;
import io.tiexin.petition.internal.PetitionRepository;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.tiexin.shared.postgres.PostgresChannelListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

/**
 * Timeline events of every replica, live. Each replica LISTENs on {@link #CHANNEL}, on
 * which {@link PetitionEventAnnouncer} notifies after commit; a batch of notifications
 * becomes one query for the events and one emission per event to this replica's
 * subscribers. After a lost connection the listener reconnects; events committed while it
 * was away are not replayed, as a live feed only says what happens from now on (clients
 * refetch what they show after reconnecting).
 */
@Component
public class PetitionEventFeed extends PostgresChannelListener {

	static final String CHANNEL = "tiexin_petition_events";

	private static final Logger log = LoggerFactory.getLogger(PetitionEventFeed.class);

	/** Events a slow subscriber may fall behind by before it loses the oldest. */
	private static final int SUBSCRIBER_BUFFER = 1_000;

	private final PetitionRepository repository;

	// Emitted from the listener thread only, so emissions never race. Best effort: a
	// subscriber that
	// cannot keep up loses events from its own buffer, never holds up the others.
	private final Sinks.Many<AreaPetitionEvent> sink = Sinks.many().multicast().directBestEffort();

	PetitionEventFeed(DataSource dataSource, PetitionRepository repository) {
		super(dataSource, CHANNEL);
		this.repository = repository;
	}

	/**
	 * Events committed from now on whose petition lies in the area (all of them when the
	 * code is null) and in one of the scope areas (unrestricted when null).
	 */
	public Flux<PetitionEvent> events(String areaCodePrefix, List<String> scopeAreaCodes) {
		return this.sink.asFlux()
			.filter(event -> event.isWithin(areaCodePrefix))
			.filter(event -> scopeAreaCodes == null || scopeAreaCodes.stream().anyMatch(event::isWithin))
			.map(AreaPetitionEvent::event)
			.onBackpressureBuffer(SUBSCRIBER_BUFFER, BufferOverflowStrategy.DROP_OLDEST);
	}

	/**
	 * Each notification carries events as {@code <event id>,<area code>}, separated by
	 * {@link PetitionEventAnnouncer#SEPARATOR}; a batch becomes one query for its events.
	 */
	@Override
	protected void onNotifications(List<String> notifications) {
		Set<Long> eventIds = new LinkedHashSet<>();
		for (String notification : notifications) {
			for (String payload : notification.split(String.valueOf(PetitionEventAnnouncer.SEPARATOR))) {
				int comma = payload.indexOf(',');
				try {
					eventIds.add(Long.parseLong((comma < 0) ? payload : payload.substring(0, comma)));
				}
				catch (NumberFormatException ex) {
					log.warn("Ignoring a malformed {} notification: {}", CHANNEL, payload);
				}
			}
		}
		if (!eventIds.isEmpty() && this.sink.currentSubscriberCount() > 0) {
			this.repository.eventsWithAreaById(eventIds).forEach(this.sink::tryEmitNext);
		}
	}

}
