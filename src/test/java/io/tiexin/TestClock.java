package io.tiexin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import io.tiexin.shared.ServiceTime;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's clock in integration tests: the system clock until a test stops it at an
 * instant ({@link #set}) or moves it ({@link #advance}). All integration tests share one
 * application context, so a test that sets the clock resets it when done
 * ({@link #reset}).
 */
public class TestClock extends Clock {

	private volatile Instant fixed;

	public void set(OffsetDateTime instant) {
		this.fixed = instant.toInstant();
	}

	public void advance(Duration duration) {
		this.fixed = instant().plus(duration);
	}

	/** Back to the system clock. */
	public void reset() {
		this.fixed = null;
	}

	@Override
	public Instant instant() {
		Instant stopped = this.fixed;
		return (stopped != null) ? stopped : Instant.now();
	}

	@Override
	public ZoneId getZone() {
		return ServiceTime.ZONE;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the service works in " + ServiceTime.ZONE);
	}

	/** Puts the test clock in place of the service's own. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		@Primary
		TestClock testClock() {
			return new TestClock();
		}

	}

}
