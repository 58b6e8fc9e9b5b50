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
 * abused: submitting petitions, per person and per client address; issuing demo tokens
 * and refusing bad tokens, per address; and the points of query cost (what a GraphQL
 * operation is expected to compute and answer), per person and per address. Buckets live
 * in this replica's memory, so with N replicas behind a balancer a client gets up to N
 * times the rate; Bucket4j's PostgreSQL backend makes them shared when that matters.
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
				perMinuteAndDay(properties.tokensPerAddressPerMinute(), properties.tokensPerAddressPerMinute() * 60),
				Action.COST_PER_PERSON, perMinute(properties.costPerPersonPerMinute()), Action.COST_PER_ADDRESS,
				perMinute(properties.costPerAddressPerMinute()), Action.ANONYMOUS_COST_PER_ADDRESS,
				perMinute(properties.anonymousCostPerAddressPerMinute()), Action.FAILED_SIGN_IN_PER_ADDRESS,
				perMinuteAndDay(properties.failedSignInsPerAddressPerMinute(),
						properties.failedSignInsPerAddressPerMinute() * 60));
	}

	/**
	 * Takes one token from the key's bucket for the action.
	 * @throws TiexinException {@code RATE_LIMITED} when the bucket is empty, saying when
	 * to retry
	 */
	public void consume(Action action, String key) {
		consume(action, key, 1);
	}

	/**
	 * Takes {@code tokens} from the key's bucket for the action (for the cost budgets:
	 * the points an operation costs).
	 * @throws TiexinException {@code RATE_LIMITED} when the bucket holds fewer, saying
	 * when to retry
	 */
	public void consume(Action action, String key, long tokens) {
		Bucket bucket = this.buckets.get(action + ":" + key, k -> newBucket(action));
		var probe = bucket.tryConsumeAndReturnRemaining(Math.max(1, tokens));
		if (!probe.isConsumed()) {
			long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
			throw new TiexinException(ErrorCode.RATE_LIMITED,
					"操作过于频繁,请 " + seconds + " 秒后再试 (too many " + "requests; retry in " + seconds + " s)",
					Map.of("retryAfterSeconds", seconds));
		}
	}

	/**
	 * Whether the key's bucket for the action is empty, without taking from it: failed
	 * sign-ins are counted after the fact, and an address that used them up is refused
	 * before its next token is even checked.
	 */
	public boolean exhausted(Action action, String key) {
		Bucket bucket = this.buckets.getIfPresent(action + ":" + key);
		return bucket != null && bucket.getAvailableTokens() < 1;
	}

	/** Counts one failure against the key, without refusing anything. */
	public void record(Action action, String key) {
		this.buckets.get(action + ":" + key, k -> newBucket(action)).tryConsume(1);
	}

	private Bucket newBucket(Action action) {
		var builder = Bucket.builder();
		this.limits.get(action).forEach(builder::addLimit);
		return builder.build();
	}

	private static List<Bandwidth> perMinute(long perMinute) {
		return List.of(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build());
	}

	private static List<Bandwidth> perMinuteAndDay(int perMinute, int perDay) {
		return List.of(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build(),
				Bandwidth.builder().capacity(perDay).refillGreedy(perDay, Duration.ofDays(1)).build());
	}

	public enum Action {

		SUBMIT_PER_PERSON, SUBMIT_PER_ADDRESS, TOKEN_PER_ADDRESS,
		/** Points of query cost ({@link QueryCost}) a signed-in person may spend. */
		COST_PER_PERSON,
		/** Points of query cost all signed-in callers from one address may spend. */
		COST_PER_ADDRESS,
		/** Points of query cost callers not signed in may spend from one address. */
		ANONYMOUS_COST_PER_ADDRESS,
		/**
		 * Requests with a refused token (forged, expired, unknown person) from one
		 * address.
		 */
		FAILED_SIGN_IN_PER_ADDRESS

	}

	/**
	 * @param submitsPerPersonPerMinute petitions one person may submit per minute (a
	 * burst)
	 * @param submitsPerPersonPerDay and per day
	 * @param submitsPerAddressPerMinute petitions per minute from one client address (a
	 * village office behind one NAT address submits for many people)
	 * @param tokensPerAddressPerMinute demo tokens per minute from one client address
	 * @param costPerPersonPerMinute points of query cost one signed-in person may spend a
	 * minute: some 30 s of the service's work
	 * @param costPerAddressPerMinute and all signed-in people from one address (a
	 * township office behind one NAT address)
	 * @param anonymousCostPerAddressPerMinute points a minute for callers not signed in,
	 * per address: some 2 s of work, the public map page reloaded a few times
	 * @param failedSignInsPerAddressPerMinute requests with a refused token a minute from
	 * one address, before even valid tokens from it are refused for a while
	 */
	@ConfigurationProperties("tiexin.rate-limits")
	public record Properties(@DefaultValue("10") int submitsPerPersonPerMinute,
			@DefaultValue("200") int submitsPerPersonPerDay, @DefaultValue("120") int submitsPerAddressPerMinute,
			@DefaultValue("30") int tokensPerAddressPerMinute, @DefaultValue("3000000") long costPerPersonPerMinute,
			@DefaultValue("6000000") long costPerAddressPerMinute,
			@DefaultValue("200000") long anonymousCostPerAddressPerMinute,
			@DefaultValue("20") int failedSignInsPerAddressPerMinute) {
	}

}
