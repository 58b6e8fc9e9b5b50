package io.tiexin.people.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.tiexin.people.Actor;
import io.tiexin.people.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When {@link SignedInPeople} may answer from memory and when it must read: the rules its
 * integration test ({@code SignedInPeopleIT}) cannot time from outside, such as a read
 * that races a change.
 */
class SignedInPeopleTest {

	private final SignedInPeople cache = new SignedInPeople();

	private final AtomicInteger reads = new AtomicInteger();

	@Test
	void readsEveryTimeUntilListeningThenOnce() {
		get("gm-1");
		get("gm-1");
		assertThat(this.reads).as("reads while nobody listens").hasValue(2);

		this.cache.listeningStarted();
		get("gm-1");
		get("gm-1");
		assertThat(this.reads).as("reads once listening").hasValue(3);
	}

	@Test
	void anUnknownUsernameIsReadEveryTime() {
		this.cache.listeningStarted();
		assertThat(this.cache.get("stranger", username -> {
			this.reads.incrementAndGet();
			return Optional.empty();
		})).isEmpty();
		this.cache.get("stranger", username -> {
			this.reads.incrementAndGet();
			return Optional.empty();
		});
		assertThat(this.reads).hasValue(2);
	}

	@Test
	void forgetsByPersonIdUsernameOrEveryone() {
		this.cache.listeningStarted();
		get("gm-1");
		get("gm-2");
		this.cache.forget(Set.of(1L));
		get("gm-1");
		get("gm-2");
		assertThat(this.reads).as("gm-1 read again, gm-2 held").hasValue(3);

		this.cache.forgetUsernames(List.of("gm-2"));
		get("gm-2");
		assertThat(this.reads).hasValue(4);

		this.cache.forgetEveryone();
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void aReadRacingAChangeIsNotKept() {
		this.cache.listeningStarted();
		// The change is notified while the read is on its way back with the old roles.
		this.cache.get("gm-1", username -> {
			this.reads.incrementAndGet();
			this.cache.forget(Set.of(1L));
			return Optional.of(actor(username));
		});
		get("gm-1");
		assertThat(this.reads).as("the racing read was not kept").hasValue(2);
	}

	@Test
	void aReadRacingTheLossOfListeningIsNotKeptAndNothingIsHeldAfter() {
		this.cache.listeningStarted();
		get("gm-2");
		this.cache.get("gm-1", username -> {
			this.reads.incrementAndGet();
			this.cache.listeningStopped();
			return Optional.of(actor(username));
		});
		assertThat(this.cache.size()).as("held once listening stopped").isZero();

		this.cache.listeningStarted();
		get("gm-1");
		assertThat(this.reads).hasValue(3);
	}

	@Test
	void listeningRestartedOnAnOverlappingConnectionStaysTrusted() {
		this.cache.listeningStarted();
		this.cache.listeningStarted();
		this.cache.listeningStopped();
		get("gm-1");
		get("gm-1");
		assertThat(this.reads).as("one connection still listens").hasValue(1);
	}

	private Optional<Actor> get(String username) {
		return this.cache.get(username, name -> {
			this.reads.incrementAndGet();
			return Optional.of(actor(name));
		});
	}

	private static Actor actor(String username) {
		long id = Long.parseLong(username.substring(username.indexOf('-') + 1));
		return new Actor(id, username, Set.of(Role.GRID_MEMBER), List.of("360322101217006"), null);
	}

}
