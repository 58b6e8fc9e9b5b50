package io.tiexin.people.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.tiexin.shared.postgres.PostgresChannelListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Keeps {@link SignedInPeople} true to the people tables, whichever replica or tool wrote
 * them: LISTENs on the channel their triggers (V27) notify at commit, forgets the persons
 * named, and tells the cache when listening starts and stops so that it is bypassed while
 * notifications could be missed.
 */
@Component
class PersonChangeListener extends PostgresChannelListener {

	private static final Logger log = LoggerFactory.getLogger(PersonChangeListener.class);

	private final SignedInPeople cache;

	PersonChangeListener(DataSource dataSource, SignedInPeople cache) {
		super(dataSource, SignedInPeople.CHANNEL);
		this.cache = cache;
	}

	@Override
	protected void onListening() {
		this.cache.listeningStarted();
	}

	@Override
	protected void onListeningStopped() {
		this.cache.listeningStopped();
	}

	@Override
	protected void onNotifications(List<String> payloads) {
		Set<Long> personIds = new HashSet<>();
		for (String payload : payloads) {
			if (payload.equals(SignedInPeople.EVERYONE)) {
				this.cache.forgetEveryone();
				return;
			}
			try {
				for (String id : payload.split(",")) {
					personIds.add(Long.parseLong(id.strip()));
				}
			}
			catch (NumberFormatException ex) {
				// Not ours to understand (someone notified the channel by hand): safest
				// to
				// forget everyone.
				log.warn("Unexpected payload on {}: {}", SignedInPeople.CHANNEL, payload);
				this.cache.forgetEveryone();
				return;
			}
		}
		this.cache.forget(personIds);
	}

}
