package io.tiexin.dispatch.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tiexin.dispatch.OverdueSupervision;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionWorkflow;
import io.tiexin.shared.ServiceTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acts on cases whose time limit passed: escalates each one level (VILLAGE → TOWNSHIP →
 * COUNTY) with the service as actor, which dispatches it at that level with a new
 * deadline, and marks it for supervision (督办). A county case cannot climb further: it is
 * marked for supervision only.
 * <p>
 * All its state is in the petition rows: a case is due for action exactly while it is
 * open, its deadline has passed, and it is not a county case already supervised. Acting
 * on it moves the deadline forward (or marks it), in the transaction that holds its row
 * lock. So a case is acted on once per deadline however many replicas run the job at once
 * (rows locked by one are skipped by the others, and re-checked once free), and a
 * restart, or a replica down for an hour, loses nothing: the next run finds every case
 * still due.
 */
@Component
public class EscalationJob {

	static final String ESCALATION_NOTE = "超时自动上报 (time limit passed)";

	static final String SUPERVISION_NOTE = "超时督办 (time limit passed: under supervision)";

	private static final Logger log = LoggerFactory.getLogger(EscalationJob.class);

	private final PetitionWorkflow workflow;

	private final TransactionTemplate transactions;

	private final DispatchProperties properties;

	private final Clock clock;

	private final List<OverdueSupervision> others;

	EscalationJob(PetitionWorkflow workflow, PlatformTransactionManager transactionManager,
			DispatchProperties properties, Clock clock) {
		this(workflow, transactionManager, properties, clock, List.of());
	}

	@Autowired
	EscalationJob(PetitionWorkflow workflow, PlatformTransactionManager transactionManager,
			DispatchProperties properties, Clock clock, List<OverdueSupervision> others) {
		this.workflow = workflow;
		this.transactions = new TransactionTemplate(transactionManager);
		this.properties = properties;
		this.clock = clock;
		this.others = List.copyOf(others);
	}

	/**
	 * Acts on every case overdue now, a batch per transaction, then on the other modules'
	 * overdue obligations ({@link OverdueSupervision}) on the same clock.
	 * @return how many cases and obligations were escalated or marked for supervision
	 */
	public int run() {
		OffsetDateTime now = ServiceTime.now(this.clock);
		int actedOn = runOnCases(now);
		for (OverdueSupervision other : this.others) {
			try {
				actedOn += other.superviseOverdue(now);
			}
			catch (RuntimeException ex) {
				// The next run finds them still overdue.
				log.error("Supervision of {} failed; left for the next run", other.getClass().getSimpleName(), ex);
			}
		}
		return actedOn;
	}

	private int runOnCases(OffsetDateTime now) {
		int batchSize = this.properties.escalationBatchSize();
		// Cases that failed in this run: skipped until the next, so one bad row cannot
		// stall the rest.
		Set<Long> failed = new HashSet<>();
		int actedOn = 0;
		while (true) {
			Batch batch;
			try {
				batch = this.transactions.execute(status -> {
					List<Petition> overdue = this.workflow.lockOverdue(now, batchSize, failed);
					overdue.forEach(this::actOn);
					return new Batch(overdue.size(), overdue.size());
				});
			}
			catch (RuntimeException ex) {
				// PostgreSQL rolled the whole batch back: redo it one case per
				// transaction to find the culprit.
				log.warn("Escalation batch failed ({}); retrying its cases one by one", ex.toString());
				batch = oneByOne(now, batchSize, failed);
			}
			actedOn += batch.actedOn();
			if (batch.locked() < batchSize) {
				return actedOn;
			}
		}
	}

	private Batch oneByOne(OffsetDateTime now, int count, Set<Long> failed) {
		int locked = 0;
		int actedOn = 0;
		for (int i = 0; i < count; i++) {
			Long[] current = new Long[1];
			try {
				boolean found = Boolean.TRUE.equals(this.transactions.execute(status -> {
					List<Petition> overdue = this.workflow.lockOverdue(now, 1, failed);
					if (overdue.isEmpty()) {
						return false;
					}
					current[0] = overdue.get(0).id();
					actOn(overdue.get(0));
					return true;
				}));
				if (!found) {
					break;
				}
				actedOn++;
			}
			catch (RuntimeException ex) {
				if (current[0] == null) {
					throw ex;
				}
				failed.add(current[0]);
				log.error("Could not escalate overdue petition {}; it is left for the next run", current[0], ex);
			}
			locked++;
		}
		return new Batch(locked, actedOn);
	}

	private void actOn(Petition petition) {
		if (petition.level().above() != null) {
			this.workflow.escalate(petition.id(), ESCALATION_NOTE, null, null);
		}
		this.workflow.markSupervised(petition.id(), SUPERVISION_NOTE);
	}

	/**
	 * @param locked overdue cases found; fewer than asked means none are left
	 */
	private record Batch(int locked, int actedOn) {
	}

}
