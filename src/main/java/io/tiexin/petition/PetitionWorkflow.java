package io.tiexin.petition;

import io.tiexin.petition.internal.NewEvent;
import io.tiexin.petition.internal.PetitionRepository;
import io.tiexin.petition.lifecycle.PetitionLifecycle;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.tiexin.people.Actor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.Role;
import io.tiexin.petition.lifecycle.PetitionLifecycle.Operation;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves petitions through their lifecycle. Each operation runs in one transaction: lock
 * the row, check the version, the party and the transition, then write the new state and
 * its timeline event together. A refusal is thrown before anything is written.
 */
@Service
public class PetitionWorkflow {

	private static final int MAX_NOTE = 2000;

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final PetitionRepository repository;

	private final PersonDirectory people;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ObjectProvider<PetitionObligations> obligations;

	PetitionWorkflow(PetitionRepository repository, PersonDirectory people, ApplicationEventPublisher events,
			Clock clock, ObjectProvider<PetitionObligations> obligations) {
		this.repository = repository;
		this.people = people;
		this.events = events;
		this.clock = clock;
		this.obligations = obligations;
	}

	@Transactional
	public Petition assign(long id, long personId, Integer version, Actor actor) {
		Person assignee = this.people.findById(personId)
			.orElseThrow(() -> new TiexinException(ErrorCode.NOT_FOUND, "找不到承办人 (no such person): " + personId));
		if (assignee.roles()
			.stream()
			.noneMatch(role -> role == Role.GRID_MEMBER || PetitionLifecycle.OFFICER_ROLES.contains(role))) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"只能派给网格员或干部 (a petition can only be assigned to a grid member, cadre or officer): " + personId);
		}
		return transition(id, version, actor, Operation.ASSIGN, "ASSIGNED", "派给 (assigned to) " + assignee.name(),
				p -> withAssignee(p, PetitionStatus.ASSIGNED, requireHandler(assignee, p).id()));
	}

	/**
	 * Who may be handed a case: someone who handles cases at its level or below (a grid
	 * member or village cadre for the village level; for the township level also a
	 * township officer; for the county also a county administrator: a case is handed
	 * down, never up past its level) and whose duty area lies in the case's area at that
	 * level (its village, township or county) or contains it. The assignee reads the
	 * contact and the exact point, so a case handed to anyone else would give them away.
	 * @throws TiexinException {@code FORBIDDEN} otherwise
	 */
	static Person requireHandler(Person assignee, Petition petition) {
		Set<Role> handlers = switch (petition.level()) {
			case VILLAGE -> EnumSet.of(Role.GRID_MEMBER, Role.VILLAGE_CADRE);
			case TOWNSHIP -> EnumSet.of(Role.GRID_MEMBER, Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER);
			case COUNTY -> EnumSet.of(Role.GRID_MEMBER, Role.VILLAGE_CADRE, Role.TOWNSHIP_OFFICER, Role.COUNTY_ADMIN);
		};
		boolean handlesLevel = assignee.roles().stream().anyMatch(handlers::contains);
		// the case's area at its level: its village, township or county
		int length = switch (petition.level()) {
			case VILLAGE -> 12;
			case TOWNSHIP -> 9;
			case COUNTY -> 6;
		};
		String levelArea = (petition.areaCode() != null)
				? petition.areaCode().substring(0, Math.min(length, petition.areaCode().length())) : null;
		boolean coversArea = levelArea != null && assignee.dutyAreaCodes()
			.stream()
			.anyMatch(duty -> duty.startsWith(levelArea) || levelArea.startsWith(duty));
		if (!handlesLevel || !coversArea) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"不能派给该人员:其职责不含此诉求的层级与区域 (this person does not " + "handle cases at the petition's level "
							+ petition.level() + " in its area " + petition.areaCode()
							+ "; assign it to someone who does)");
		}
		return assignee;
	}

	@Transactional
	public Petition accept(long id, Integer version, Actor actor) {
		return transition(id, version, actor, Operation.ACCEPT, "ACCEPTED", null,
				p -> withStatus(p, PetitionStatus.ACCEPTED));
	}

	@Transactional
	public Petition start(long id, Integer version, Actor actor) {
		return transition(id, version, actor, Operation.START, "STARTED", null,
				p -> withStatus(p, PetitionStatus.IN_PROGRESS));
	}

	@Transactional
	public Petition resolve(long id, String note, Integer version, Actor actor) {
		requireNote(note, true);
		return transition(id, version, actor, Operation.RESOLVE, "RESOLVED", note,
				p -> withStatus(p, PetitionStatus.RESOLVED));
	}

	@Transactional
	public Petition confirm(long id, Satisfaction satisfaction, String comment, Integer version, Actor actor) {
		requireNote(comment, false);
		if (satisfaction == null) {
			throw new TiexinException(ErrorCode.VALIDATION, "请选择满意度 (satisfaction is required)");
		}
		OffsetDateTime now = now();
		if (satisfaction.isSatisfied()) {
			return transition(id, version, actor, Operation.CONFIRM_SATISFIED, "CONFIRMED",
					describe(satisfaction, comment), p -> closed(requireNothingOpen(p), satisfaction, now));
		}
		// Dissatisfied: back to the same assignee, who works on it again.
		return transition(id, version, actor, Operation.CONFIRM_DISSATISFIED, "REOPENED",
				describe(satisfaction, comment),
				p -> p.withState(PetitionStatus.IN_PROGRESS, p.level(), p.assigneeId(), null, satisfaction));
	}

	@Transactional
	public Petition close(long id, String note, Integer version, Actor actor) {
		return close(id, note, version, actor, false);
	}

	/**
	 * Closes a resolved petition (销号), verified by an officer.
	 * @param overrideOpenObligations close it even though others still owe something on
	 * it (a summoned department has not finished): the note is the reason, and the
	 * timeline names what was left open
	 * @throws TiexinException {@code INVALID_TRANSITION} when something is still open on
	 * it and {@code overrideOpenObligations} is false
	 */
	@Transactional
	public Petition close(long id, String note, Integer version, Actor actor, boolean overrideOpenObligations) {
		requireNote(note, true);
		OffsetDateTime now = now();
		List<String> overridden = new ArrayList<>();
		return transitionDescribed(id, version, actor, Operation.CLOSE, "CLOSED", p -> {
			List<String> open = openObligations(p.id());
			if (!overrideOpenObligations) {
				requireNothingOpen(open);
			}
			overridden.addAll(open);
			return closed(p, p.satisfaction(), now);
		}, closed -> overridden.isEmpty() ? note
				: "部门未办结仍予销号 (closed over departments not finished: " + String.join("、", overridden) + "): " + note,
				null);
	}

	/**
	 * Appends an event to the petition's timeline without changing its state: what
	 * another module did on the case (a department summoned, reporting, done,
	 * supervised), under the petition's row lock, announced live like every event. Joins
	 * the caller's transaction.
	 * @param actor who did it, or {@code null} for the service
	 * @throws TiexinException {@code NOT_FOUND} when there is no such petition
	 */
	@Transactional
	public Petition recordEvent(long id, String eventType, Actor actor, String note) {
		requireNote(note, false);
		Petition current = lock(id);
		this.repository.insertEvent(id, now(), eventType, current.status(), current.status(),
				(actor != null) ? actor.personId() : null, note);
		return current;
	}

	/**
	 * The petition, locked until the caller's transaction ends: for another module that
	 * checks its state before acting on it (summoning departments).
	 * @throws TiexinException {@code NOT_FOUND} when there is no such petition
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Petition lockForUpdate(long id) {
		return lock(id);
	}

	/**
	 * Back to dispatch, one more return counted; dispatch assigns it again, to someone
	 * who has not returned it before.
	 */
	@Transactional
	public Petition returnToDispatch(long id, String reason, Integer version, Actor actor) {
		requireNote(reason, true);
		Petition returned = transition(id, version, actor, Operation.RETURN, "RETURNED", reason, Petition::returned);
		this.events.publishEvent(new PetitionNeedsDispatch(id, returned.level(), this.repository.returnersOf(id),
				reason, PetitionNeedsDispatch.Cause.RETURNED));
		return this.repository.findById(id).orElseThrow();
	}

	/**
	 * One level up, to be assigned there.
	 * @param actor who escalates, or {@code null} when the service does (time limit
	 * passed)
	 */
	@Transactional
	public Petition escalate(long id, String reason, Integer version, Actor actor) {
		requireNote(reason, true);
		Petition escalated = transition(id, version, actor, Operation.ESCALATE, "ESCALATED", reason,
				p -> p.withState(PetitionStatus.SUBMITTED, p.level().above(), null, null, p.satisfaction()));
		this.events.publishEvent(new PetitionNeedsDispatch(id, escalated.level(), Set.of(), reason,
				PetitionNeedsDispatch.Cause.ESCALATED));
		return this.repository.findById(id).orElseThrow();
	}

	/**
	 * Dispatch's choice for a SUBMITTED petition: ASSIGNED to the person, with the
	 * village's liaison and the deadline; the timeline event holds the rule that chose
	 * and says it in its note (the actor is the service). Joins the caller's transaction:
	 * dispatch runs inside the submission, return or escalation.
	 * @param rule the id of the dispatch rule (dispatch's {@code DispatchRule})
	 * @param note the rule and the deadline in a sentence (Chinese, then English)
	 */
	@Transactional
	public Petition dispatch(long id, long assigneeId, Long liaisonId, OffsetDateTime dueAt, String rule, String note) {
		return transitionDescribed(id, null, null, Operation.DISPATCH, "ASSIGNED",
				p -> p.withRouting(PetitionStatus.ASSIGNED, p.level(), assigneeId, liaisonId, dueAt), changed -> note,
				rule);
	}

	/**
	 * Dispatch found nobody: the petition stays SUBMITTED without an assignee, in the
	 * dispatch queue of the given level (its officers assign it by hand), with the
	 * liaison and deadline set; the rule and note as for {@link #dispatch}.
	 */
	@Transactional
	public Petition queue(long id, HandlingLevel level, Long liaisonId, OffsetDateTime dueAt, String rule,
			String note) {
		return transitionDescribed(id, null, null, Operation.QUEUE, "QUEUED",
				p -> p.withRouting(PetitionStatus.SUBMITTED, level, null, liaisonId, dueAt), changed -> note, rule);
	}

	/**
	 * Dispatch's choices for many SUBMITTED petitions at once, each as {@link #dispatch}
	 * or {@link #queue} would make it, in a fixed number of statements whatever their
	 * number: their rows locked in one (in the order of their ids), their new states
	 * written in one, their ASSIGNED or QUEUED timeline events appended in one. The
	 * lifecycle is checked for each before anything is written; each event is announced
	 * and published, with its {@link PetitionStatusChanged}, as it would be alone, in the
	 * order given. Joins the caller's transaction; read the petitions back afterwards.
	 * @throws TiexinException as the single operations would, before anything is written
	 */
	@Transactional
	public void routeAll(List<Routing> routings) {
		if (routings.isEmpty()) {
			return;
		}
		List<Long> ids = routings.stream().map(Routing::petitionId).toList();
		if (new HashSet<>(ids).size() != ids.size()) {
			throw new IllegalArgumentException("a petition is routed at most once in a batch: " + ids);
		}
		Map<Long, Petition> locked = new HashMap<>();
		this.repository.lockAllById(ids).forEach(p -> locked.put(p.id(), p));
		List<Petition> changed = new ArrayList<>(routings.size());
		List<NewEvent> events = new ArrayList<>(routings.size());
		for (Routing routing : routings) {
			Petition current = locked.get(routing.petitionId());
			if (current == null) {
				throw new TiexinException(ErrorCode.NOT_FOUND, "找不到诉求 (no such petition): " + routing.petitionId());
			}
			Operation operation = routing.assigns() ? Operation.DISPATCH : Operation.QUEUE;
			PetitionLifecycle.requireParty(operation, current, null);
			PetitionLifecycle.check(operation, current, null);
			Petition next = routing.applyTo(current);
			changed.add(next);
			events.add(new NewEvent(next, routing.assigns() ? "ASSIGNED" : "QUEUED", current.status(), next.status(),
					null, routing.note(), routing.rule()));
		}
		// updated_at with the change, at the events' time: one row version (V29)
		OffsetDateTime at = now();
		this.repository.updateAll(changed, at);
		List<PetitionEventRecorded> recorded = this.repository.insertEvents(events, at);
		for (int i = 0; i < recorded.size(); i++) {
			this.repository.announce(recorded.get(i));
			PetitionStatus from = events.get(i).from();
			PetitionStatus to = events.get(i).to();
			if (from != to) {
				this.events.publishEvent(new PetitionStatusChanged(routings.get(i).petitionId(), from, to));
			}
		}
	}

	/**
	 * One of dispatch's choices for {@link #routeAll}: assigned to a person (as
	 * {@link #dispatch}), or queued at a level (as {@link #queue}) when
	 * {@code assigneeId} is {@code null}.
	 *
	 * @param level the queue's level; unused when assigned (the petition keeps its own)
	 */
	public record Routing(long petitionId, Long assigneeId, HandlingLevel level, Long liaisonId, OffsetDateTime dueAt,
			String rule, String note) {

		boolean assigns() {
			return this.assigneeId != null;
		}

		Petition applyTo(Petition p) {
			return assigns()
					? p.withRouting(PetitionStatus.ASSIGNED, p.level(), this.assigneeId, this.liaisonId, this.dueAt)
					: p.withRouting(PetitionStatus.SUBMITTED, this.level, null, this.liaisonId, this.dueAt);
		}

	}

	/**
	 * Marks an open petition for supervision (督办); a petition marked already is left as
	 * it is.
	 */
	@Transactional
	public Petition markSupervised(long id, String note) {
		Petition current = lock(id);
		if (current.supervised()) {
			return current;
		}
		return transition(id, null, null, Operation.SUPERVISE, "SUPERVISED", note, Petition::withSupervised);
	}

	/**
	 * Moves the deadline of an open petition later, by an officer above its handling
	 * level.
	 * @param newDueAt the new deadline from the petition as locked (so it is computed
	 * from the deadline actually in force); it must be later than the current one
	 */
	@Transactional
	public Petition extendDeadline(long id, Function<Petition, OffsetDateTime> newDueAt, String reason, Integer version,
			Actor actor) {
		requireNote(reason, true);
		if (reason.length() > MAX_NOTE - 100) {
			// The timeline note is the new deadline followed by the reason.
			throw new TiexinException(ErrorCode.VALIDATION, "延期理由过长,最多 " + (MAX_NOTE - 100) + " 个字符 (reason too "
					+ "long: at most " + (MAX_NOTE - 100) + " characters)");
		}
		return transitionDescribed(id, version, actor, Operation.EXTEND_DEADLINE, "DEADLINE_EXTENDED", p -> {
			OffsetDateTime due = newDueAt.apply(p);
			if (p.dueAt() != null && !due.isAfter(p.dueAt())) {
				throw new TiexinException(ErrorCode.VALIDATION, "新期限须晚于原期限 " + DAY_AND_TIME.format(p.dueAt())
						+ " (the new deadline must be later than the current one, " + p.dueAt() + ")");
			}
			return p.withDueAt(due);
		}, extended -> "延期至 " + DAY_AND_TIME.format(extended.dueAt()) + " (deadline extended to " + extended.dueAt()
				+ "): " + reason.strip(), null);
	}

	/**
	 * Open petitions whose deadline passed before {@code now} and that still call for
	 * action (all but county cases already supervised), earliest first, at most
	 * {@code limit}, none of {@code skipIds}. They stay locked until the caller's
	 * transaction ends; rows other transactions hold are skipped, so jobs on several
	 * replicas share the work and never act on one case twice.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<Petition> lockOverdue(OffsetDateTime now, int limit, Collection<Long> skipIds) {
		return this.repository.lockOverdue(now, limit, skipIds);
	}

	@Transactional
	public Petition withdraw(long id, String reason, Integer version, Actor actor) {
		requireNote(reason, false);
		return transition(id, version, actor, Operation.WITHDRAW, "WITHDRAWN", reason,
				p -> withAssignee(p, PetitionStatus.WITHDRAWN, p.assigneeId()));
	}

	private Petition transition(long id, Integer expectedVersion, Actor actor, Operation operation, String eventType,
			String note, UnaryOperator<Petition> change) {
		return transitionDescribed(id, expectedVersion, actor, operation, eventType, change, changed -> note, null);
	}

	/**
	 * @param noteOf the timeline note, from the petition as changed (for notes that
	 * describe the change)
	 * @param rule the dispatch rule that wrote the event, {@code null} for all others
	 */
	private Petition transitionDescribed(long id, Integer expectedVersion, Actor actor, Operation operation,
			String eventType, UnaryOperator<Petition> change, Function<Petition, String> noteOf, String rule) {
		Petition current = lock(id);
		// Whether the caller may act at all comes first: a version or status told to
		// someone who may not act would say the case exists and how it stands.
		PetitionLifecycle.requireParty(operation, current, actor);
		if (expectedVersion != null && expectedVersion != current.version()) {
			throw new TiexinException(ErrorCode.STALE_VERSION, "诉求已被他人修改,请刷新后重试 (the petition changed "
					+ "meanwhile: version " + current.version() + ", not " + expectedVersion + "; reload and retry)");
		}
		PetitionLifecycle.check(operation, current, actor);
		Petition next = change.apply(current);
		OffsetDateTime at = now();
		this.repository.update(next, at);
		this.repository.insertEvent(id, at, eventType, current.status(), next.status(),
				(actor != null) ? actor.personId() : null, noteOf.apply(next), rule);
		if (next.status() != current.status()) {
			this.events.publishEvent(new PetitionStatusChanged(id, current.status(), next.status()));
		}
		return this.repository.findById(id).orElseThrow();
	}

	private Petition lock(long id) {
		return this.repository.lockById(id)
			.orElseThrow(() -> new TiexinException(ErrorCode.NOT_FOUND, "找不到诉求 (no such petition): " + id));
	}

	private List<String> openObligations(long id) {
		return this.obligations.orderedStream().flatMap(obligation -> obligation.openOn(id).stream()).toList();
	}

	private Petition requireNothingOpen(Petition p) {
		requireNothingOpen(openObligations(p.id()));
		return p;
	}

	private static void requireNothingOpen(List<String> open) {
		if (!open.isEmpty()) {
			throw new TiexinException(ErrorCode.INVALID_TRANSITION,
					"尚有部门未办结,不能销号 (cannot close: summoned departments have not finished): " + String.join("、", open)
							+ "; 干部可说明理由后强制销号 (an officer may close over them with overrideOpenWhistles: true "
							+ "and the reason as note)");
		}
	}

	private static Petition withStatus(Petition p, PetitionStatus status) {
		return withAssignee(p, status, p.assigneeId());
	}

	private static Petition withAssignee(Petition p, PetitionStatus status, Long assigneeId) {
		return p.withState(status, p.level(), assigneeId, p.closedAt(), p.satisfaction());
	}

	private static Petition closed(Petition p, Satisfaction satisfaction, OffsetDateTime now) {
		return p.withState(PetitionStatus.CLOSED, p.level(), p.assigneeId(), now, satisfaction);
	}

	private static String describe(Satisfaction satisfaction, String comment) {
		return satisfaction + ((comment != null && !comment.isBlank()) ? ": " + comment.strip() : "");
	}

	private static void requireNote(String note, boolean required) {
		if (required && (note == null || note.isBlank())) {
			throw new TiexinException(ErrorCode.VALIDATION, "请填写说明 (a note or reason is required)");
		}
		if (note != null && note.length() > MAX_NOTE) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"说明过长,最多 " + MAX_NOTE + " 个字符 (note too long: at most " + MAX_NOTE + " characters)");
		}
	}

	private OffsetDateTime now() {
		return ServiceTime.now(this.clock);
	}

}
