package io.tiexin.petition.internal;

import io.tiexin.petition.AreaPetitionEvent;
import io.tiexin.petition.Category;
import io.tiexin.petition.Channel;
import io.tiexin.petition.HandlingLevel;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionEvent;
import io.tiexin.petition.PetitionEventRecorded;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.petition.Satisfaction;
import io.tiexin.petition.Urgency;
import io.tiexin.petition.live.PetitionEventAnnouncer;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.tiexin.geo.PostgisGeometries;
import io.tiexin.grid.MatchMethod;
import io.tiexin.shared.ServiceTime;
import org.locationtech.jts.geom.Point;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The petitions and their timelines as intake, the lifecycle and the queries read and
 * write them by id, as plain SQL. The lists and the nearby search have their own
 * statements in {@link PetitionListRepository}, group intake's batch inserts in
 * {@code intake/IntakeRepository}, the bulk import its own (staging, COPY, dispatch
 * batches) in {@link io.tiexin.petition.importing.PetitionImportRepository}, and the
 * generated history its COPY in {@link io.tiexin.petition.PetitionHistoryImport}.
 */
@Repository
public class PetitionRepository {

	static final String COLUMNS = """
			p.id, p.tracking_number, p.title, p.description, p.category_code, p.channel, p.urgency, p.status,
			p.level, p.point, p.grid_code, p.area_code, p.match_method,
			p.match_distance_m, p.address, p.contact_name, p.contact_phone, p.media_urls, p.submitter_id,
			p.assignee_id, p.liaison_id, p.submitted_at, p.due_at, p.closed_at, p.satisfaction, p.return_count,
			p.supervised, p.version, p.updated_at""";

	static final RowMapper<Petition> PETITION = PetitionRepository::petition;

	private static final String EVENT_COLUMNS = "e.id, e.petition_id, e.at, e.type, e.from_status, e.to_status, e.actor_id, e.note, e.rule";

	private static final RowMapper<PetitionEvent> EVENT = (rs, row) -> new PetitionEvent(rs.getLong("id"),
			rs.getLong("petition_id"), time(rs, "at"), rs.getString("type"), status(rs.getString("from_status")),
			status(rs.getString("to_status")), (Long) rs.getObject("actor_id"), rs.getString("note"),
			rs.getString("rule"));

	private final JdbcClient jdbc;

	private final PetitionEventAnnouncer announcer;

	private final ApplicationEventPublisher events;

	PetitionRepository(JdbcClient jdbc, PetitionEventAnnouncer announcer, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.announcer = announcer;
		this.events = events;
	}

	public List<Category> categories() {
		return this.jdbc.sql("SELECT code, name, default_level, sensitive FROM category ORDER BY sort_order")
			.query((rs, row) -> new Category(rs.getString("code"), rs.getString("name"),
					HandlingLevel.valueOf(rs.getString("default_level")), rs.getBoolean("sensitive")))
			.list();
	}

	public long nextTrackingSequence() {
		return this.jdbc.sql("SELECT nextval('petition_tracking_seq')").query(Long.class).single();
	}

	/**
	 * Inserts the petition unless this submitter already used the idempotency key; then
	 * returns empty. A concurrent insert with the same key waits for the other
	 * transaction and then yields.
	 */
	public Optional<Long> insert(NewPetition p) {
		return this.jdbc
			.sql("""
					INSERT INTO petition (tracking_number, title, description, category_code, channel, urgency, status, level,
					    point, grid_code, area_code, match_method, match_distance_m, address, contact_name, contact_phone,
					    media_urls, submitter_id, idempotency_key, submitted_at)
					VALUES (:trackingNumber, :title, :description, :categoryCode, :channel, :urgency, 'SUBMITTED', :level,
					    :point, :gridCode, :areaCode, :matchMethod, :matchDistance,
					    :address, :contactName, :contactPhone, :mediaUrls, :submitterId, :idempotencyKey, :submittedAt)
					ON CONFLICT (submitter_id, idempotency_key) DO NOTHING
					RETURNING id""")
			.param("trackingNumber", p.trackingNumber())
			.param("title", p.title())
			.param("description", p.description())
			.param("categoryCode", p.categoryCode())
			.param("channel", p.channel().name())
			.param("urgency", p.urgency().name())
			.param("level", p.level().name())
			.param("point", PostgisGeometries.parameter(p.point()))
			.param("gridCode", p.gridCode())
			.param("areaCode", p.areaCode())
			.param("matchMethod", p.matchMethod().name())
			.param("matchDistance", p.matchDistanceMeters())
			.param("address", p.address())
			.param("contactName", p.contactName())
			.param("contactPhone", p.contactPhone())
			.param("mediaUrls", p.mediaUrls().toArray(String[]::new))
			.param("submitterId", p.submitterId())
			.param("idempotencyKey", p.idempotencyKey())
			.param("submittedAt", p.submittedAt())
			.query(Long.class)
			.optional();
	}

	public Optional<Long> findIdByIdempotencyKey(long submitterId, String idempotencyKey) {
		return this.jdbc.sql("SELECT id FROM petition WHERE submitter_id = ? AND idempotency_key = ?")
			.params(submitterId, idempotencyKey)
			.query(Long.class)
			.optional();
	}

	public Optional<Petition> findById(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM petition p WHERE p.id = ?")
			.param(id)
			.query(PETITION)
			.optional();
	}

	/**
	 * The petition, locked until the transaction ends: mutations of one petition run one
	 * at a time.
	 */
	public Optional<Petition> lockById(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM petition p WHERE p.id = ? FOR UPDATE")
			.param(id)
			.query(PETITION)
			.optional();
	}

	/**
	 * The petitions, locked until the transaction ends, in one statement. Rows are locked
	 * in the order of their ids, so two transactions locking overlapping sets queue
	 * rather than deadlock.
	 */
	public List<Petition> lockAllById(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM petition p WHERE p.id = ANY(?) ORDER BY p.id FOR UPDATE")
			.param(ids.toArray(Long[]::new))
			.query(PETITION)
			.list();
	}

	public Optional<Petition> findByTrackingNumber(String trackingNumber) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM petition p WHERE p.tracking_number = ?")
			.param(trackingNumber)
			.query(PETITION)
			.optional();
	}

	public List<Petition> findAllById(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM petition p WHERE p.id = ANY(?)")
			.param(ids.toArray(Long[]::new))
			.query(PETITION)
			.list();
	}

	/**
	 * Writes the state a transition produced, and its {@code updated_at} as of
	 * {@code at}, the time of the timeline event that records the change: in this row
	 * version, so that the event's insert finds nothing to bring forward (V29) and the
	 * petition is not written twice. The caller holds the row lock.
	 */
	public void update(Petition p, OffsetDateTime at) {
		updateAll(List.of(p), at);
	}

	/**
	 * Writes the states many transitions produced, with their {@code updated_at} as of
	 * {@code at} (as {@link #update}), in one statement, so the petition's
	 * statement-level triggers run once for all of them; the caller holds the rows'
	 * locks.
	 */
	public void updateAll(List<Petition> petitions, OffsetDateTime at) {
		if (petitions.isEmpty()) {
			return;
		}
		int updated = this.jdbc
			.sql("""
					UPDATE petition p SET status = d.status, level = d.level, assignee_id = d.assignee_id,
					    liaison_id = d.liaison_id, due_at = d.due_at, closed_at = d.closed_at, satisfaction = d.satisfaction,
					    return_count = d.return_count, supervised = d.supervised, version = p.version + 1,
					    updated_at = GREATEST(p.updated_at, CAST(? AS timestamptz))
					FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]),
					            CAST(? AS bigint[]), CAST(CAST(? AS text[]) AS timestamptz[]),
					            CAST(CAST(? AS text[]) AS timestamptz[]), CAST(? AS text[]), CAST(? AS int[]),
					            CAST(? AS boolean[]))
					    AS d(id, status, level, assignee_id, liaison_id, due_at, closed_at, satisfaction, return_count,
					         supervised)
					WHERE p.id = d.id""")
			.params(at, petitions.stream().map(Petition::id).toArray(Long[]::new),
					petitions.stream().map(p -> p.status().name()).toArray(String[]::new),
					petitions.stream().map(p -> p.level().name()).toArray(String[]::new),
					petitions.stream().map(Petition::assigneeId).toArray(Long[]::new),
					petitions.stream().map(Petition::liaisonId).toArray(Long[]::new),
					petitions.stream().map(p -> timestamp(p.dueAt())).toArray(String[]::new),
					petitions.stream().map(p -> timestamp(p.closedAt())).toArray(String[]::new),
					petitions.stream()
						.map(p -> (p.satisfaction() != null) ? p.satisfaction().name() : null)
						.toArray(String[]::new),
					petitions.stream().map(Petition::returnCount).toArray(Integer[]::new),
					petitions.stream().map(Petition::supervised).toArray(Boolean[]::new))
			.update();
		if (updated != petitions.size()) {
			throw new IllegalStateException("updated " + updated + " of " + petitions.size() + " petitions");
		}
	}

	/** A time as PostgreSQL reads it in text (ISO 8601 with its offset), or null. */
	private static String timestamp(OffsetDateTime time) {
		return (time != null) ? time.toString() : null;
	}

	/**
	 * Open petitions whose deadline passed before {@code now} and on which that still
	 * calls for action, earliest deadline first, locked until the transaction ends. Rows
	 * another transaction holds are skipped rather than waited for: replicas running the
	 * escalation job at once share the work instead of queueing behind each other, and a
	 * row whose deadline another job moved meanwhile no longer matches once locked. A
	 * county case already supervised calls for nothing more (there is no level above).
	 */
	public List<Petition> lockOverdue(OffsetDateTime now, int limit, Collection<Long> skipIds) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM petition p
				WHERE p.status IN {open}
				  AND p.due_at < :now
				  AND NOT (p.level = 'COUNTY' AND p.supervised)
				  AND p.id <> ALL (:skip)
				ORDER BY p.due_at, p.id
				LIMIT :limit
				FOR UPDATE OF p SKIP LOCKED""".replace("{open}", PetitionStatus.OPEN_SQL))
			.param("now", now)
			.param("skip", skipIds.toArray(Long[]::new))
			.param("limit", limit)
			.query(PETITION)
			.list();
	}

	/** Everyone who ever returned the petition (退单). */
	public Set<Long> returnersOf(long petitionId) {
		return new HashSet<>(this.jdbc.sql("""
				SELECT DISTINCT actor_id FROM petition_event
				WHERE petition_id = ? AND type = 'RETURNED' AND actor_id IS NOT NULL""")
			.param(petitionId)
			.query(Long.class)
			.list());
	}

	/**
	 * Appends a timeline event, which {@link PetitionEventAnnouncer} announces to every
	 * replica's live feed once the transaction commits (never one that is rolled back),
	 * and publishes it as {@link PetitionEventRecorded} at once, inside the transaction.
	 */
	public void insertEvent(long petitionId, OffsetDateTime at, String type, PetitionStatus from, PetitionStatus to,
			Long actorId, String note) {
		insertEvent(petitionId, at, type, from, to, actorId, note, null);
	}

	/**
	 * As
	 * {@link #insertEvent(long, OffsetDateTime, String, PetitionStatus, PetitionStatus, Long, String)},
	 * with the id of the dispatch rule that wrote it.
	 */
	public void insertEvent(long petitionId, OffsetDateTime at, String type, PetitionStatus from, PetitionStatus to,
			Long actorId, String note, String rule) {
		this.jdbc.sql("""
				WITH event AS (
				    INSERT INTO petition_event (petition_id, at, type, from_status, to_status, actor_id, note, rule)
				    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				    RETURNING id, petition_id)
				SELECT event.id, p.area_code, p.tracking_number, p.status, p.category_code
				FROM event JOIN petition p ON p.id = event.petition_id""")
			.params(petitionId, at, type, (from != null) ? from.name() : null, (to != null) ? to.name() : null, actorId,
					note, rule)
			.query((rs, row) -> new PetitionEventRecorded(
					new PetitionEvent(rs.getLong("id"), petitionId, at, type, from, to, actorId, note, rule),
					rs.getString("tracking_number"), PetitionStatus.valueOf(rs.getString("status")),
					rs.getString("area_code"), rs.getString("category_code")))
			.list()
			.forEach(this::announce);
	}

	/**
	 * Appends timeline events of many petitions in one statement, their ids ascending in
	 * the order given, and returns them as recorded, in that order; nothing is announced
	 * or published yet: each is then handed to {@link #announce}, in the order the caller
	 * publishes what else goes with it.
	 */
	public List<PetitionEventRecorded> insertEvents(List<NewEvent> events, OffsetDateTime at) {
		if (events.isEmpty()) {
			return List.of();
		}
		List<Long> ids = this.jdbc.sql("""
				INSERT INTO petition_event (petition_id, at, type, from_status, to_status, actor_id, note, rule)
				SELECT e.petition_id, ?, e.type, e.from_status, e.to_status, e.actor_id, e.note, e.rule
				FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
				            CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]))
				    WITH ORDINALITY AS e(petition_id, type, from_status, to_status, actor_id, note, rule, n)
				ORDER BY e.n
				RETURNING id""")
			.params(at, events.stream().map(e -> e.petition().id()).toArray(Long[]::new),
					events.stream().map(NewEvent::type).toArray(String[]::new),
					events.stream().map(e -> (e.from() != null) ? e.from().name() : null).toArray(String[]::new),
					events.stream().map(e -> (e.to() != null) ? e.to().name() : null).toArray(String[]::new),
					events.stream().map(NewEvent::actorId).toArray(Long[]::new),
					events.stream().map(NewEvent::note).toArray(String[]::new),
					events.stream().map(NewEvent::rule).toArray(String[]::new))
			.query(Long.class)
			.list()
			.stream()
			.sorted()
			.toList();
		List<PetitionEventRecorded> recorded = new ArrayList<>(events.size());
		for (int i = 0; i < events.size(); i++) {
			NewEvent e = events.get(i);
			Petition p = e.petition();
			recorded.add(new PetitionEventRecorded(new PetitionEvent(ids.get(i), p.id(), at, e.type(), e.from(), e.to(),
					e.actorId(), e.note(), e.rule()), p.trackingNumber(), p.status(), p.areaCode(), p.categoryCode()));
		}
		return recorded;
	}

	/**
	 * Announces a timeline event to every replica's live feed once the transaction
	 * commits and publishes it as {@link PetitionEventRecorded} at once.
	 */
	public void announce(PetitionEventRecorded recorded) {
		this.announcer.announce(recorded.event().id(), recorded.areaCode());
		this.events.publishEvent(recorded);
	}

	/** The timelines of many petitions in one statement, oldest event first. */
	public List<PetitionEvent> eventsOf(Collection<Long> petitionIds) {
		return this.jdbc.sql("SELECT " + EVENT_COLUMNS + """
				 FROM petition_event e
				WHERE e.petition_id = ANY(?) ORDER BY e.petition_id, e.id""")
			.param(petitionIds.toArray(Long[]::new))
			.query(EVENT)
			.list();
	}

	/**
	 * Events by id with their petitions' area codes, oldest first, in one statement;
	 * unknown ids are left out.
	 */
	public List<AreaPetitionEvent> eventsWithAreaById(Collection<Long> eventIds) {
		return this.jdbc.sql("SELECT " + EVENT_COLUMNS + """
				, p.area_code FROM petition_event e JOIN petition p ON p.id = e.petition_id
				WHERE e.id = ANY(?) ORDER BY e.id""")
			.param(eventIds.toArray(Long[]::new))
			.query((rs, row) -> new AreaPetitionEvent(EVENT.mapRow(rs, row), rs.getString("area_code")))
			.list();
	}

	/**
	 * For each petition: other open petitions of its category within the radius,
	 * submitted within the window before or after it, nearest first. One statement for
	 * any number of petitions.
	 */
	public Map<Long, List<Long>> possibleDuplicatesOf(Collection<Long> petitionIds, double radiusMeters,
			int windowDays) {
		Map<Long, List<Long>> duplicates = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT p.id AS petition_id, d.id AS duplicate_id
				FROM petition p
				JOIN LATERAL (
				    SELECT o.id FROM petition o
				    WHERE o.id <> p.id AND o.category_code = p.category_code
				      AND o.status NOT IN ('RESOLVED', 'CLOSED', 'WITHDRAWN')
				      AND o.submitted_at BETWEEN p.submitted_at - make_interval(days => :days)
				                             AND p.submitted_at + make_interval(days => :days)
				      AND ST_DWithin(o.point::geography, p.point::geography, :radius)
				    ORDER BY o.point::geography <-> p.point::geography, o.id
				    LIMIT 10) d ON true
				WHERE p.id = ANY(:ids)
				ORDER BY p.id""")
			.param("days", windowDays)
			.param("radius", radiusMeters)
			.param("ids", petitionIds.toArray(Long[]::new))
			.query((rs, row) -> duplicates.computeIfAbsent(rs.getLong("petition_id"), id -> new ArrayList<>())
				.add(rs.getLong("duplicate_id")))
			.list();
		return duplicates;
	}

	/**
	 * Open cases per assignee, for many people in one statement; people without any are
	 * absent.
	 */
	public Map<Long, Integer> openCasesOf(Collection<Long> personIds) {
		Map<Long, Integer> counts = new HashMap<>();
		this.jdbc.sql("""
				SELECT assignee_id, count(*) AS open_cases FROM petition
				WHERE assignee_id = ANY(?) AND status IN ('ASSIGNED', 'ACCEPTED', 'IN_PROGRESS')
				GROUP BY assignee_id""")
			.param(personIds.toArray(Long[]::new))
			.query((rs, row) -> counts.put(rs.getLong("assignee_id"), rs.getInt("open_cases")))
			.list();
		return counts;
	}

	private static Petition petition(ResultSet rs, int row) throws SQLException {
		String satisfaction = rs.getString("satisfaction");
		return new Petition(rs.getLong("id"), rs.getString("tracking_number"), rs.getString("title"),
				rs.getString("description"), rs.getString("category_code"), Channel.valueOf(rs.getString("channel")),
				Urgency.valueOf(rs.getString("urgency")), PetitionStatus.valueOf(rs.getString("status")),
				HandlingLevel.valueOf(rs.getString("level")), PostgisGeometries.read(rs, "point", Point.class),
				rs.getString("grid_code"), rs.getString("area_code"), MatchMethod.valueOf(rs.getString("match_method")),
				rs.getDouble("match_distance_m"), rs.getString("address"), rs.getString("contact_name"),
				rs.getString("contact_phone"), strings(rs.getArray("media_urls")), rs.getLong("submitter_id"),
				(Long) rs.getObject("assignee_id"), (Long) rs.getObject("liaison_id"), time(rs, "submitted_at"),
				time(rs, "due_at"), time(rs, "closed_at"),
				(satisfaction != null) ? Satisfaction.valueOf(satisfaction) : null, rs.getInt("return_count"),
				rs.getBoolean("supervised"), rs.getInt("version"), time(rs, "updated_at"));
	}

	private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
		OffsetDateTime utc = rs.getObject(column, OffsetDateTime.class);
		return (utc != null) ? utc.atZoneSameInstant(ServiceTime.ZONE).toOffsetDateTime() : null;
	}

	private static PetitionStatus status(String name) {
		return (name != null) ? PetitionStatus.valueOf(name) : null;
	}

	private static List<String> strings(Array array) throws SQLException {
		return (array != null) ? List.of((String[]) array.getArray()) : List.of();
	}

}
