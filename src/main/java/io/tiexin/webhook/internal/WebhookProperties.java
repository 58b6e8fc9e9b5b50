package io.tiexin.webhook.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param initialBackoff the wait after the first failed attempt; it doubles after each
 * further one
 * @param maxBackoff the longest wait between two attempts
 * @param giveUpAfter how long after the event a delivery is retried before it is marked
 * FAILED
 * @param pollInterval how often a replica looks for due deliveries when nothing woke it
 * (events committed on this replica wake it at once)
 * @param batchSize chains (the pending deliveries of one webhook and petition) claimed
 * per round; a round takes at most four times as many deliveries
 * @param requestTimeout how long a receiver may take to answer
 * @param allowPrivateAddresses whether webhook URLs may point at loopback, private and
 * link-local addresses (the demo's receivers are local; in production this would let an
 * administrator probe the internal network through the deliveries' answers)
 */
@ConfigurationProperties("tiexin.webhooks")
public record WebhookProperties(@DefaultValue("PT10S") Duration initialBackoff,
		@DefaultValue("PT1H") Duration maxBackoff, @DefaultValue("PT24H") Duration giveUpAfter,
		@DefaultValue("PT1S") Duration pollInterval, @DefaultValue("200") int batchSize,
		@DefaultValue("PT10S") Duration requestTimeout, @DefaultValue("false") boolean allowPrivateAddresses) {

	/** The wait before the next attempt after this many failed ones (at least one). */
	Duration backoffAfter(int failedAttempts) {
		int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
		Duration wait = this.initialBackoff.multipliedBy(1L << doublings);
		return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
	}
}
