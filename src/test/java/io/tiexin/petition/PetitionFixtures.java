package io.tiexin.petition;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.tiexin.grid.Area;
import org.locationtech.jts.geom.Point;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Petitions for tests: the input of a submission at a cell's interior point (for the
 * GraphQL {@code submitPetition}), and a petition stored as intake leaves it just before
 * it announces {@link PetitionSubmitted}, for tests that hand that event to dispatch
 * themselves.
 */
@TestComponent
public class PetitionFixtures {

	private static final AtomicInteger TRACKING = new AtomicInteger();

	private final JdbcClient jdbc;

	PetitionFixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A {@code SubmitPetitionInput} titled 路灯不亮, from the mini program, at the interior
	 * point of the cell, with the category's default urgency.
	 */
	public static Map<String, Object> submissionIn(Area cell, String categoryCode) {
		Point inside = cell.boundary().getInteriorPoint();
		return submissionAt(inside.getX(), inside.getY(), categoryCode);
	}

	/**
	 * A {@code SubmitPetitionInput} titled 路灯不亮, from the mini program, at this point
	 * (WGS 84), with the category's default urgency.
	 */
	public static Map<String, Object> submissionAt(double lon, double lat, String categoryCode) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("title", "路灯不亮");
		input.put("categoryCode", categoryCode);
		input.put("channel", "MINI_PROGRAM");
		input.put("location", Map.of("lon", lon, "lat", lat));
		return input;
	}

	/**
	 * A street-light petition in the cell, SUBMITTED at the village level with its
	 * SUBMITTED timeline event and nobody assigned: what intake has written when it
	 * publishes the returned event.
	 */
	public PetitionSubmitted awaitingDispatch(String cellCode, long submitterId, OffsetDateTime submittedAt) {
		String trackingNumber = "FX-" + TRACKING.incrementAndGet();
		long id = this.jdbc.sql("""
				INSERT INTO petition (tracking_number, title, category_code, channel, urgency, status, level, point,
				    grid_code, area_code, match_method, submitter_id, submitted_at)
				SELECT :tracking, '路灯不亮', 'STREET_LIGHT', 'MINI_PROGRAM', 'NORMAL', 'SUBMITTED', 'VILLAGE',
				    ST_PointOnSurface(a.boundary), a.code, a.code, 'CONTAINS', :submitter, :at
				FROM area a WHERE a.code = :cell
				RETURNING id""")
			.param("tracking", trackingNumber)
			.param("submitter", submitterId)
			.param("at", submittedAt)
			.param("cell", cellCode)
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				INSERT INTO petition_event (petition_id, at, type, to_status, actor_id)
				VALUES (?, ?, 'SUBMITTED', 'SUBMITTED', ?)""").params(id, submittedAt, submitterId).update();
		return new PetitionSubmitted(id, cellCode, cellCode, "STREET_LIGHT", HandlingLevel.VILLAGE);
	}

}
