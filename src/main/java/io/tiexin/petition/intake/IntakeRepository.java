package io.tiexin.petition.intake;

import io.tiexin.petition.PetitionEvent;
import io.tiexin.petition.PetitionEventRecorded;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.petition.internal.NewPetition;
import io.tiexin.petition.live.PetitionEventAnnouncer;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.geo.PostgisGeometries;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Intake's writes for a batch of submissions, a statement each whatever the batch's size:
 * the tracking numbers' sequence values, the petitions (so the rollup triggers, which are
 * per statement, run once for the batch), and their SUBMITTED timeline events.
 */
@Repository
class IntakeRepository {

	private static final String PETITION_COLUMNS = """
			tracking_number, title, description, category_code, channel, urgency, status, level, point, grid_code,
			area_code, match_method, match_distance_m, address, contact_name, contact_phone, media_urls, submitter_id,
			idempotency_key, submitted_at""";

	private static final String PETITION_ROW = "(?, ?, ?, ?, ?, ?, 'SUBMITTED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private final JdbcClient jdbc;

	private final PetitionEventAnnouncer announcer;

	private final ApplicationEventPublisher events;

	IntakeRepository(JdbcClient jdbc, PetitionEventAnnouncer announcer, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.announcer = announcer;
		this.events = events;
	}

	/** That many values of the tracking numbers' sequence, in one statement. */
	List<Long> nextTrackingSequences(int count) {
		return this.jdbc.sql("SELECT nextval('petition_tracking_seq') FROM generate_series(1, ?)")
			.param(count)
			.query(Long.class)
			.list();
	}

	/**
	 * Inserts the petitions in one statement; a petition whose submitter used its
	 * idempotency key before (committed, earlier in the batch, or in a concurrent
	 * transaction, which this waits for) is left out.
	 * @return the ids of the petitions inserted, by tracking number
	 */
	Map<String, Long> insertAll(List<NewPetition> petitions) {
		List<Object> values = new ArrayList<>(petitions.size() * 19);
		for (NewPetition p : petitions) {
			values.add(p.trackingNumber());
			values.add(p.title());
			values.add(p.description());
			values.add(p.categoryCode());
			values.add(p.channel().name());
			values.add(p.urgency().name());
			values.add(p.level().name());
			values.add(PostgisGeometries.parameter(p.point()));
			values.add(p.gridCode());
			values.add(p.areaCode());
			values.add(p.matchMethod().name());
			values.add(p.matchDistanceMeters());
			values.add(p.address());
			values.add(p.contactName());
			values.add(p.contactPhone());
			values.add(p.mediaUrls().toArray(String[]::new));
			values.add(p.submitterId());
			values.add(p.idempotencyKey());
			values.add(p.submittedAt());
		}
		Map<String, Long> ids = new HashMap<>();
		this.jdbc
			.sql("INSERT INTO petition (" + PETITION_COLUMNS + ") VALUES "
					+ String.join(", ", java.util.Collections.nCopies(petitions.size(), PETITION_ROW))
					+ " ON CONFLICT (submitter_id, idempotency_key) DO NOTHING RETURNING id, tracking_number")
			.params(values)
			.query((rs, row) -> ids.put(rs.getString("tracking_number"), rs.getLong("id")))
			.list();
		return ids;
	}

	/**
	 * The first timeline event of each new petition, in one statement; each is announced
	 * live once the transaction commits and published as {@link PetitionEventRecorded} at
	 * once, as {@code PetitionRepository.insertEvent} does for one.
	 */
	void insertSubmittedEvents(List<Submitted> submitted, OffsetDateTime at) {
		Map<Long, Long> eventIds = new HashMap<>();
		this.jdbc
			.sql("""
					INSERT INTO petition_event (petition_id, at, type, from_status, to_status, actor_id, note)
					SELECT e.petition_id, ?, 'SUBMITTED', NULL, 'SUBMITTED', e.actor_id, e.note
					FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[])) AS e(petition_id, actor_id, note)
					RETURNING id, petition_id""")
			.params(at, submitted.stream().map(Submitted::petitionId).toArray(Long[]::new),
					submitted.stream().map(Submitted::submitterId).toArray(Long[]::new),
					submitted.stream().map(Submitted::note).toArray(String[]::new))
			.query((rs, row) -> eventIds.put(rs.getLong("petition_id"), rs.getLong("id")))
			.list();
		for (Submitted s : submitted) {
			long eventId = eventIds.get(s.petitionId());
			PetitionEvent event = new PetitionEvent(eventId, s.petitionId(), at, "SUBMITTED", null,
					PetitionStatus.SUBMITTED, s.submitterId(), s.note(), null);
			this.announcer.announce(eventId, s.areaCode());
			this.events.publishEvent(new PetitionEventRecorded(event, s.trackingNumber(), PetitionStatus.SUBMITTED,
					s.areaCode(), s.categoryCode()));
		}
	}

	/** A petition just inserted, for its first timeline event. */
	record Submitted(long petitionId, String trackingNumber, String areaCode, String categoryCode, long submitterId,
			String note) {
	}

}
