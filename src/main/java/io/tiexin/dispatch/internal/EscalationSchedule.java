package io.tiexin.dispatch.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the escalation job every {@code tiexin.dispatch.escalation-interval} (after the
 * previous run ended), on every replica unless
 * {@code tiexin.dispatch.escalation-enabled=false}. No lock between replicas is needed:
 * they share the overdue cases row by row.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "tiexin.dispatch.escalation-enabled", matchIfMissing = true)
class EscalationSchedule {

	private static final Logger log = LoggerFactory.getLogger(EscalationSchedule.class);

	private final EscalationJob job;

	EscalationSchedule(EscalationJob job) {
		this.job = job;
	}

	@Scheduled(fixedDelayString = "${tiexin.dispatch.escalation-interval:PT1M}",
			initialDelayString = "${tiexin.dispatch.escalation-interval:PT1M}")
	void escalateOverdueCases() {
		long started = System.nanoTime();
		try {
			int actedOn = this.job.run();
			if (actedOn > 0) {
				log.info("Escalated or supervised {} overdue petitions in {} ms", actedOn,
						(System.nanoTime() - started) / 1_000_000);
			}
		}
		catch (RuntimeException ex) {
			// The next run tries again: every overdue case is still in the database.
			log.error("Escalation run failed", ex);
		}
	}

}
