package io.tiexin.petition;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.tiexin.people.Actor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.Role;
import io.tiexin.petition.PetitionLifecycle.Operation;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves petitions through their lifecycle. Each operation runs in one transaction: lock the row,
 * check the version, the party and the transition, then write the new state and its timeline
 * event together. A refusal is thrown before anything is written.
 */
@Service
public class PetitionWorkflow {

	private static final int MAX_NOTE = 2000;

	private final PetitionRepository repository;

	private final PersonDirectory people;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PetitionWorkflow(PetitionRepository repository, PersonDirectory people, ApplicationEventPublisher events,
			Clock clock) {
		this.repository = repository;
		this.people = people;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Petition assign(long id, long personId, Integer version, Actor actor) {
		Person assignee = this.people.findById(personId)
			.orElseThrow(() -> new TiexinException(ErrorCode.NOT_FOUND, "找不到承办人 (no such person): " + personId));
		if (assignee.roles().stream().noneMatch(role -> role == Role.GRID_MEMBER || PetitionLifecycle.OFFICER_ROLES.contains(role))) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"只能派给网格员或干部 (a petition can only be assigned to a grid member, cadre or officer): " + personId);
		}
		return transition(id, version, actor, Operation.ASSIGN, "ASSIGNED", "派给 (assigned to) " + assignee.name(),
				p -> withAssignee(p, PetitionStatus.ASSIGNED, assignee.id()));
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
			return transition(id, version, actor, Operation.CONFIRM_SATISFIED, "CONFIRMED", describe(satisfaction, comment),
					p -> closed(p, satisfaction, now));
		}
		// Dissatisfied: back to the same assignee, who works on it again.
		return transition(id, version, actor, Operation.CONFIRM_DISSATISFIED, "REOPENED", describe(satisfaction, comment),
				p -> p.withState(PetitionStatus.IN_PROGRESS, p.level(), p.assigneeId(), null, satisfaction));
	}

	@Transactional
	public Petition close(long id, String note, Integer version, Actor actor) {
		requireNote(note, true);
		OffsetDateTime now = now();
		return transition(id, version, actor, Operation.CLOSE, "CLOSED", note, p -> closed(p, p.satisfaction(), now));
	}

	@Transactional
	public Petition returnToDispatch(long id, String reason, Integer version, Actor actor) {
		requireNote(reason, true);
		Petition returned = transition(id, version, actor, Operation.RETURN, "RETURNED", reason,
				p -> withAssignee(p, PetitionStatus.SUBMITTED, null));
		this.events.publishEvent(new PetitionNeedsDispatch(id, returned.level(), Set.of(actor.personId()), reason));
		return this.repository.findById(id).orElseThrow();
	}

	/**
	 * One level up, to be assigned there.
	 * @param actor who escalates, or {@code null} when the service does (time limit passed)
	 */
	@Transactional
	public Petition escalate(long id, String reason, Integer version, Actor actor) {
		requireNote(reason, true);
		Petition escalated = transition(id, version, actor, Operation.ESCALATE, "ESCALATED", reason,
				p -> p.withState(PetitionStatus.SUBMITTED, p.level().above(), null, null, p.satisfaction()));
		this.events.publishEvent(new PetitionNeedsDispatch(id, escalated.level(), Set.of(), reason));
		return this.repository.findById(id).orElseThrow();
	}

	@Transactional
	public Petition withdraw(long id, String reason, Integer version, Actor actor) {
		requireNote(reason, false);
		return transition(id, version, actor, Operation.WITHDRAW, "WITHDRAWN", reason,
				p -> withAssignee(p, PetitionStatus.WITHDRAWN, p.assigneeId()));
	}

	private Petition transition(long id, Integer expectedVersion, Actor actor, Operation operation, String eventType,
			String note, UnaryOperator<Petition> change) {
		Petition current = this.repository.lockById(id)
			.orElseThrow(() -> new TiexinException(ErrorCode.NOT_FOUND, "找不到诉求 (no such petition): " + id));
		if (expectedVersion != null && expectedVersion != current.version()) {
			throw new TiexinException(ErrorCode.STALE_VERSION, "诉求已被他人修改,请刷新后重试 (the petition changed "
					+ "meanwhile: version " + current.version() + ", not " + expectedVersion + "; reload and retry)");
		}
		PetitionLifecycle.check(operation, current, actor);
		Petition next = change.apply(current);
		this.repository.update(next);
		this.repository.insertEvent(id, now(), eventType, current.status(), next.status(),
				(actor != null) ? actor.personId() : null, note);
		return this.repository.findById(id).orElseThrow();
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
