package io.tiexin.shared.web;

import io.tiexin.shared.TiexinException;
import io.tiexin.shared.ErrorCode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Token-bucket limits (Bucket4j) on the operations that cost us or others most when
 * abused: submitting petitions, per person and per client address, and issuing demo
 * tokens, per address. Buckets live in this replica's memory, so with N replicas behind a
 * balancer a client gets up to N times the rate; Bucket4j's PostgreSQL backend makes them
 * shared when that matters.
 */
@Component
public class RateLimiter {

	private final Map<Action, List<Bandwidth>> limits;

	private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterAccess(Duration.ofHours(2))
		.build();

	public RateLimiter(Properties properties) {
		this.limits = Map.of(Action.SUBMIT_PER_PERSON,
				perMinuteAndDay(properties.submitsPerPersonPerMinute(), properties.submitsPerPersonPerDay()),
				Action.SUBMIT_PER_ADDRESS,
				perMinuteAndDay(properties.submitsPerAddressPerMinute(), properties.submitsPerAddressPerMinute() * 60),
				Action.TOKEN_PER_ADDRESS,
				perMinuteAndDay(properties.tokensPerAddressPerMinute(), properties.tokensPerAddressPerMinute() * 60));
	}

	/**
	 * Takes one token from the key's bucket for the action.
	 * @throws TiexinException {@code RATE_LIMITED} when the bucket is empty, saying when
	 * to retry
	 */
	public void consume(Action action, String key) {
		Bucket bucket = this.buckets.get(action + ":" + key, k -> newBucket(action));
		var probe = bucket.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
			throw new TiexinException(ErrorCode.RATE_LIMITED,
					"操作过于频繁,请 " + seconds + " 秒后再试 (too many " + "requests; retry in " + seconds + " s)",
					Map.of("retryAfterSeconds", seconds));
		}
	}

	private Bucket newBucket(Action action) {
		var builder = Bucket.builder();
		this.limits.get(action).forEach(builder::addLimit);
		return builder.build();
	}

	private static List<Bandwidth> perMinuteAndDay(int perMinute, int perDay) {
		return List.of(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build(),
				Bandwidth.builder().capacity(perDay).refillGreedy(perDay, Duration.ofDays(1)).build());
	}

	public enum Action {

		SUBMIT_PER_PERSON, SUBMIT_PER_ADDRESS, TOKEN_PER_ADDRESS

	}

	/**
	 * @param submitsPerPersonPerMinute petitions one person may submit per minute (a
	 * burst)
	 * @param submitsPerPersonPerDay and per day
	 * @param submitsPerAddressPerMinute petitions per minute from one client address (a
	 * village office behind one NAT address submits for many people)
	 * @param tokensPerAddressPerMinute demo tokens per minute from one client address
	 */
	@ConfigurationProperties("tiexin.rate-limits")
	public record Properties(@DefaultValue("10") int submitsPerPersonPerMinute,
			@DefaultValue("200") int submitsPerPersonPerDay, @DefaultValue("120") int submitsPerAddressPerMinute,
			@DefaultValue("30") int tokensPerAddressPerMinute) {
	}

}
