package io.tiexin.department.internal;

import io.tiexin.shared.postgres.TransactionManagers;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import io.tiexin.dispatch.OverdueSupervision;
import io.tiexin.petition.PetitionWorkflow;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Supervises (督办) summons not reported by their deadline, as part of the escalation job
 * on every replica: a batch per transaction, rows locked with {@code FOR UPDATE SKIP
 * LOCKED} so replicas share them, and each marked in the transaction that holds its lock,
 * so a summons is supervised exactly once however many replicas run the job at once.
 */
@Component
class WhistleSupervision implements OverdueSupervision {

	static final String EVENT = "WHISTLE_SUPERVISED";

	private static final int BATCH = 100;

	private final WhistleRepository whistles;

	private final DepartmentRepository departments;

	private final PetitionWorkflow workflow;

	private final TransactionTemplate transactions;

	WhistleSupervision(WhistleRepository whistles, DepartmentRepository departments, PetitionWorkflow workflow,
			@org.springframework.beans.factory.annotation.Qualifier(TransactionManagers.JPA) PlatformTransactionManager transactionManager) {
		this.whistles = whistles;
		this.departments = departments;
		this.workflow = workflow;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Override
	public int superviseOverdue(OffsetDateTime now) {
		int supervised = 0;
		while (true) {
			Integer batch = this.transactions.execute(status -> {
				List<Long> ids = this.whistles.lockOverdueSummons(now, BATCH);
				for (WhistleResponseEntity response : this.whistles.findResponses(ids)) {
					response.supervise(now);
					long minutes = Duration.between(response.reportDueAt(), now).toMinutes();
					this.workflow.recordEvent(response.whistle().petitionId(), EVENT, null,
							this.departments.findById(response.departmentCode())
								.map(DepartmentEntity::name)
								.orElse(response.departmentCode()) + " 超时未报到,督办 (not reported " + minutes
									+ " minutes after its deadline: under supervision)");
				}
				return ids.size();
			});
			supervised += batch;
			if (batch < BATCH) {
				return supervised;
			}
		}
	}

}
