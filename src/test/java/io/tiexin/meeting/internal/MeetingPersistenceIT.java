package io.tiexin.meeting.internal;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.tiexin.TiexinIntegrationTest;
import io.tiexin.geo.Crs;
import io.tiexin.geo.PointInput;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.meeting.MeetingItemStatus;
import io.tiexin.meeting.MeetingStatus;
import io.tiexin.meeting.PlanMeetingInput;
import io.tiexin.meeting.RecordMeetingInput;
import io.tiexin.meeting.MeetingItemInput;
import io.tiexin.people.Actor;
import io.tiexin.people.PersonDirectory;
import io.tiexin.shared.PeriodInput;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meeting aggregate through JPA and Hibernate Spatial, checked against PostGIS
 * itself.
 */
@TiexinIntegrationTest
class MeetingPersistenceIT {

	@Autowired
	MeetingService service;

	@Autowired
	EntityManager entityManager;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AreaCatalog areas;

	@Autowired
	PersonDirectory people;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aMeetingWithItsItemsAndItsPointRoundTripsExactly() {
		String village = this.areas.children("360322200").get(2).code();
		Point inside = this.areas.find(village).orElseThrow().boundary().getInteriorPoint();
		Actor officer = this.people.findByUsername("officer-360322200").orElseThrow().asActor();
		OffsetDateTime scheduled = OffsetDateTime.now().plusDays(1).truncatedTo(ChronoUnit.MICROS);
		long id = this.service
			.plan(new PlanMeetingInput("往返测试", new PointInput(inside.getX(), inside.getY(), Crs.WGS84), null, null,
					scheduled, "议程"), officer)
			.getId();
		OffsetDateTime held = OffsetDateTime.now().minusHours(2).truncatedTo(ChronoUnit.MICROS);
		this.service.record(id,
				new RecordMeetingInput(held, List.of(), 12, 30, "纪要",
						List.of(new MeetingItemInput("当场答复的事", "甲", "已答复", null),
								new MeetingItemInput("转为诉求的事", "乙", null, "ENVIRONMENT"))),
				0, officer);
		this.entityManager.clear();
		this.transactions.executeWithoutResult(status -> {
			Meeting loaded = this.entityManager.find(Meeting.class, id);
			assertThat(loaded.getPoint().equalsExact(inside)).as("point " + loaded.getPoint()).isTrue();
			assertThat(loaded.getPoint().getSRID()).isEqualTo(4326);
			assertThat(loaded.getStatus()).isEqualTo(MeetingStatus.HELD);
			assertThat(loaded.getVersion()).isEqualTo(1);
			assertThat(loaded.getScheduledAt().toInstant()).isEqualTo(scheduled.toInstant());
			assertThat(loaded.getHeldAt().toInstant()).isEqualTo(held.toInstant());
			assertThat(loaded.getAttendance()).isEqualTo(30);
			assertThat(loaded.getHouseholdCount()).isEqualTo(12);
			assertThat(loaded.getItems()).extracting(MeetingItem::getText).containsExactly("当场答复的事", "转为诉求的事");
			assertThat(loaded.getItems()).extracting(MeetingItem::getStatus)
				.containsExactly(MeetingItemStatus.ANSWERED_ON_SITE, MeetingItemStatus.FILED);
			assertThat(loaded.getItems().get(1).getPetitionId()).isNotNull();
		});
		List<Double> stored = this.jdbc.sql("SELECT ST_X(point), ST_Y(point) FROM meeting WHERE id = ?")
			.param(id)
			.query((rs, row) -> List.of(rs.getDouble(1), rs.getDouble(2)))
			.single();
		assertThat(stored).containsExactly(inside.getX(), inside.getY());
	}

	@Test
	void meetingsWithinAnAreaByHibernateSpatialEqualThePostgisAnswer() {
		String township = "360322200";
		Actor officer = this.people.findByUsername("officer-" + township).orElseThrow().asActor();
		for (Area village : this.areas.children(township).subList(0, 3)) {
			Point p = village.boundary().getInteriorPoint();
			this.service.plan(new PlanMeetingInput("范围测试", new PointInput(p.getX(), p.getY(), Crs.WGS84), null, null,
					OffsetDateTime.now().plusDays(2), null), officer);
		}
		Area village = this.areas.children(township).get(1);
		Set<MeetingStatus> all = EnumSet.allOf(MeetingStatus.class);
		List<Long> byHibernate = this.service.within(village.boundary(), all, new PeriodInput(null, null), 5000)
			.stream()
			.map(Meeting::getId)
			.sorted()
			.toList();
		List<Long> bySql = this.jdbc.sql(
				"SELECT m.id FROM meeting m JOIN area a ON a.code = ? WHERE ST_Intersects(m.point, a.boundary) ORDER BY m.id")
			.param(village.code())
			.query(Long.class)
			.list();
		assertThat(byHibernate).isNotEmpty().isEqualTo(bySql);
	}

}
