package io.tiexin.petition.lifecycle;

import io.tiexin.petition.HandlingLevel;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionStatus;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.tiexin.people.Actor;
import io.tiexin.people.Role;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

import static io.tiexin.petition.PetitionStatus.ACCEPTED;
import static io.tiexin.petition.PetitionStatus.ASSIGNED;
import static io.tiexin.petition.PetitionStatus.CLOSED;
import static io.tiexin.petition.PetitionStatus.IN_PROGRESS;
import static io.tiexin.petition.PetitionStatus.RESOLVED;
import static io.tiexin.petition.PetitionStatus.SUBMITTED;
import static io.tiexin.petition.PetitionStatus.WITHDRAWN;

/**
 * The petition state machine: the lifecycle table of the API contract, as data. Each
 * operation says from which statuses it may run, who may run it, and the status it leads
 * to; anything else is refused before a single row changes.
 */
public final class PetitionLifecycle {

	/** Who may perform an operation on a petition. */
	enum Party {

		/** The person the petition is assigned to. */
		ASSIGNEE,
		/** The person who submitted it. */
		SUBMITTER,
		/** A cadre or officer working in the petition's area. */
		OFFICER,
		/**
		 * An officer above the level handling the petition, in its area: a township
		 * officer for a village case, a county administrator for any. Deadlines are
		 * theirs to extend, not the handlers' own.
		 */
		SUPERVISOR,
		/** The service itself (time limits, dispatch). */
		SCHEDULER

	}

	public enum Operation {

		ASSIGN, ACCEPT, START, RESOLVE, CONFIRM_SATISFIED, CONFIRM_DISSATISFIED, CLOSE, RETURN, ESCALATE, WITHDRAW,
		/** Dispatch found an assignee. */
		DISPATCH,
		/** Dispatch found nobody: the petition waits in the dispatch queue of a level. */
		QUEUE,
		/** Marked for supervision (督办) when its time limit passed. */
		SUPERVISE,
		/** The deadline moved later, by an officer above the handling level. */
		EXTEND_DEADLINE

	}

	/**
	 * @param to the status the operation leads to; {@code null} when the status stays as
	 * it is
	 */
	record Rule(Operation operation, Set<PetitionStatus> from, Set<Party> by, PetitionStatus to) {
	}

	public static final Set<Role> OFFICER_ROLES = EnumSet.of(Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER,
			Role.COUNTY_ADMIN);

	private static final Set<PetitionStatus> OPEN = PetitionStatus.OPEN;

	/**
	 * The contract's table. Returning and escalating end in SUBMITTED here: the case
	 * waits for dispatch to assign it (again), which moves it on to ASSIGNED in the same
	 * transaction, or leaves it in a dispatch queue. Below the contract's rows, what the
	 * service itself does.
	 */
	static final List<Rule> RULES = List.of(
			new Rule(Operation.ASSIGN, EnumSet.of(SUBMITTED, ASSIGNED, ACCEPTED), EnumSet.of(Party.OFFICER), ASSIGNED),
			new Rule(Operation.ACCEPT, EnumSet.of(ASSIGNED), EnumSet.of(Party.ASSIGNEE), ACCEPTED),
			new Rule(Operation.START, EnumSet.of(ACCEPTED), EnumSet.of(Party.ASSIGNEE), IN_PROGRESS),
			new Rule(Operation.RESOLVE, EnumSet.of(ACCEPTED, IN_PROGRESS), EnumSet.of(Party.ASSIGNEE), RESOLVED),
			new Rule(Operation.CONFIRM_SATISFIED, EnumSet.of(RESOLVED), EnumSet.of(Party.SUBMITTER), CLOSED),
			new Rule(Operation.CONFIRM_DISSATISFIED, EnumSet.of(RESOLVED), EnumSet.of(Party.SUBMITTER), IN_PROGRESS),
			new Rule(Operation.CLOSE, EnumSet.of(RESOLVED), EnumSet.of(Party.OFFICER), CLOSED),
			new Rule(Operation.RETURN, EnumSet.of(ASSIGNED, ACCEPTED), EnumSet.of(Party.ASSIGNEE), SUBMITTED),
			new Rule(Operation.ESCALATE, OPEN, EnumSet.of(Party.ASSIGNEE, Party.OFFICER, Party.SCHEDULER), SUBMITTED),
			new Rule(Operation.WITHDRAW, EnumSet.of(SUBMITTED, ASSIGNED), EnumSet.of(Party.SUBMITTER), WITHDRAWN),
			new Rule(Operation.DISPATCH, EnumSet.of(SUBMITTED), EnumSet.of(Party.SCHEDULER), ASSIGNED),
			new Rule(Operation.QUEUE, EnumSet.of(SUBMITTED), EnumSet.of(Party.SCHEDULER), SUBMITTED),
			new Rule(Operation.SUPERVISE, OPEN, EnumSet.of(Party.SCHEDULER), null),
			new Rule(Operation.EXTEND_DEADLINE, OPEN, EnumSet.of(Party.SUPERVISOR), null));

	private PetitionLifecycle() {
	}

	static Rule rule(Operation operation) {
		return RULES.stream().filter(rule -> rule.operation() == operation).findFirst().orElseThrow();
	}

	/**
	 * The status the operation leads to ({@code null}: unchanged).
	 * @param actor who asks, or {@code null} for the service itself
	 * @throws TiexinException {@code FORBIDDEN} when the actor is not a party allowed to
	 * perform it, {@code INVALID_TRANSITION} when the petition's status does not allow it
	 */
	public static PetitionStatus check(Operation operation, Petition petition, Actor actor) {
		Rule rule = requireParty(operation, petition, actor);
		if (operation == Operation.ESCALATE && petition.level().above() == null) {
			throw new TiexinException(ErrorCode.INVALID_TRANSITION,
					"已在县级处理,无法再上报 (already handled at county level; cannot escalate further)");
		}
		if (!rule.from().contains(petition.status())) {
			throw new TiexinException(ErrorCode.INVALID_TRANSITION,
					"当前状态 " + petition.status() + " 下不能" + describe(operation) + " (cannot " + operation
							+ " a petition that is " + petition.status() + "; allowed from " + rule.from() + ")");
		}
		return rule.to();
	}

	/**
	 * @throws TiexinException {@code FORBIDDEN} when the actor is not a party allowed to
	 * perform the operation, whatever the petition's status or version
	 */
	public static Rule requireParty(Operation operation, Petition petition, Actor actor) {
		Rule rule = rule(operation);
		if (rule.by().stream().noneMatch(party -> isParty(party, petition, actor))) {
			throw new TiexinException(ErrorCode.FORBIDDEN, "无权执行此操作 (not allowed): " + describe(operation) + " — 只能由"
					+ partiesInChinese(rule.by()) + "执行 (only " + rule.by() + ")");
		}
		return rule;
	}

	static boolean isParty(Party party, Petition petition, Actor actor) {
		if (actor == null) {
			return party == Party.SCHEDULER;
		}
		return switch (party) {
			case ASSIGNEE -> petition.assigneeId() != null && petition.assigneeId() == actor.personId();
			case SUBMITTER -> petition.submitterId() == actor.personId();
			case OFFICER -> isOfficerOf(petition.areaCode(), actor);
			case SUPERVISOR -> actor.worksIn(petition.areaCode()) && (actor.has(Role.COUNTY_ADMIN)
					|| (actor.has(Role.TOWNSHIP_OFFICER) && petition.level() == HandlingLevel.VILLAGE));
			case SCHEDULER -> false;
		};
	}

	/**
	 * A cadre or officer whose duty area contains the area (the county admin's contains
	 * all).
	 */
	public static boolean isOfficerOf(String areaCode, Actor actor) {
		return actor.roles().stream().anyMatch(OFFICER_ROLES::contains) && actor.worksIn(areaCode);
	}

	private static String describe(Operation operation) {
		return switch (operation) {
			case ASSIGN -> "派单";
			case ACCEPT -> "接单";
			case START -> "开始办理";
			case RESOLVE -> "办结";
			case CONFIRM_SATISFIED, CONFIRM_DISSATISFIED -> "评价确认";
			case CLOSE -> "销号";
			case RETURN -> "退单";
			case ESCALATE -> "上报";
			case WITHDRAW -> "撤回";
			case DISPATCH -> "派单";
			case QUEUE -> "转派单队列";
			case SUPERVISE -> "督办";
			case EXTEND_DEADLINE -> "延期";
		};
	}

	private static String partiesInChinese(Set<Party> parties) {
		return parties.stream().map(party -> switch (party) {
			case ASSIGNEE -> "承办人";
			case SUBMITTER -> "提交人";
			case OFFICER -> "本区域干部";
			case SUPERVISOR -> "上级干部";
			case SCHEDULER -> "系统";
		}).reduce((a, b) -> a + "、" + b).orElse("");
	}

}
