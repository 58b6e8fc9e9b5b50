package io.tiexin.people.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tiexin.people.Actor;

import org.springframework.stereotype.Component;

/**
 * The signed-in people this replica has recently seen, by username: what a request needs
 * of its person (roles, duty and home areas), so that a signed-in request does not read
 * the people tables each time (docs/scaling.md, "The fixed cost of a request").
 * <p>
 * Trusted only while {@link PersonChangeListener} is listening: the people tables'
 * triggers (V27) notify every change to what is held here, whoever writes, and the
 * listener forgets the persons named. While it is not listening (start-up, a lost
 * connection) every lookup reads the database, as before the cache; each time listening
 * starts or stops the cache is emptied, since a notification may have been missed.
 * Entries also expire after {@link #HELD_FOR}, a backstop for a connection that died
 * without the driver noticing. Only persons found are held: a username not (yet) in the
 * tables is read again next time, so a resident who has just registered is found at once.
 * <p>
 * A lookup racing a change must not put back what the change replaced: every invalidation
 * advances {@link #generation}, and a value read from the database is kept only if no
 * invalidation happened from before the read to after the put.
 */
@Component
public class SignedInPeople {

	/** The channel the V27 triggers notify. */
	static final String CHANNEL = "tiexin_people_changed";

	/** The payload asking to forget everyone (a TRUNCATE, a change to many persons). */
	static final String EVERYONE = "*";

	/**
	 * A few hundred bytes each: the staff and active residents of a county at once, at
	 * most a few MB.
	 */
	private static final int MAX_PEOPLE = 10_000;

	static final Duration HELD_FOR = Duration.ofMinutes(5);

	private final Cache<String, Actor> byUsername = Caffeine.newBuilder()
		.maximumSize(MAX_PEOPLE)
		.expireAfterWrite(HELD_FOR)
		.build();

	private final AtomicLong generation = new AtomicLong();

	/** Connections listening now (two overlap briefly when the listener restarts). */
	private final AtomicInteger listening = new AtomicInteger();

	/**
	 * The person signed in with this username, held or read with {@code read} (and then
	 * held if nothing changed meanwhile); empty for an unknown username.
	 */
	public Optional<Actor> get(String username, Function<String, Optional<Actor>> read) {
		if (!isListening()) {
			return read.apply(username);
		}
		Actor held = this.byUsername.getIfPresent(username);
		if (held != null) {
			return Optional.of(held);
		}
		long before = this.generation.get();
		Optional<Actor> found = read.apply(username);
		if (found.isPresent() && isListening() && this.generation.get() == before) {
			this.byUsername.put(username, found.get());
			// An invalidation between the check and the put did not see this entry.
			if (this.generation.get() != before || !isListening()) {
				this.byUsername.invalidate(username);
			}
		}
		return found;
	}

	/** Forgets these persons (by id: a change of username leaves the old key held). */
	void forget(Set<Long> personIds) {
		this.generation.incrementAndGet();
		this.byUsername.asMap().values().removeIf(actor -> personIds.contains(actor.personId()));
	}

	/** Forgets the persons with these usernames. */
	public void forgetUsernames(Collection<String> usernames) {
		this.generation.incrementAndGet();
		this.byUsername.invalidateAll(usernames);
	}

	void forgetEveryone() {
		this.generation.incrementAndGet();
		this.byUsername.invalidateAll();
	}

	/** LISTEN is in effect on a connection: changes from now on will be told. */
	void listeningStarted() {
		// Emptied first, so nothing read before this point is trusted.
		forgetEveryone();
		this.listening.incrementAndGet();
	}

	/** A listening connection is gone: changes from now on may be missed. */
	void listeningStopped() {
		this.listening.decrementAndGet();
		forgetEveryone();
	}

	boolean isListening() {
		return this.listening.get() > 0;
	}

	/** How many persons are held (for tests). */
	long size() {
		this.byUsername.cleanUp();
		return this.byUsername.estimatedSize();
	}

}
