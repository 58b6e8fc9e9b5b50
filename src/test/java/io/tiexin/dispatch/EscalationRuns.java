package io.tiexin.dispatch;

import io.tiexin.dispatch.internal.EscalationJob;

import org.springframework.context.ApplicationContext;

/**
 * Runs the service's escalation job for tests of other modules whose deadlines it
 * supervises (the job itself is internal to dispatch).
 */
public final class EscalationRuns {

	private EscalationRuns() {
	}

	public static int run(ApplicationContext context) {
		return context.getBean(EscalationJob.class).run();
	}

}
