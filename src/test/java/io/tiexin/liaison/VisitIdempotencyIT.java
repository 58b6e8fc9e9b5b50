package io.tiexin.liaison;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.AreaCatalog;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code recordVisit} with an idempotency key, as the phone page retries a queued visit:
 * the same key from the same person is the same visit, recorded once, even when both
 * requests arrive together; another person's same key is their own visit.
 */
@TiexinIntegrationTest
class VisitIdempotencyIT {

	static final String VILLAGE = "360322101002";

	static final String LIAISON = "liaison-" + VILLAGE;

	@Autowired
	GraphQlClient client;

	@Autowired
	AreaCatalog areas;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theSameKeyTwiceGivesOneVisit() {
		String key = UUID.randomUUID().toString();
		String first = record(LIAISON, key, "第一次发送 (first send)");
		String again = record(LIAISON, key, "重发 (sent again)");
		assertThat(again).isEqualTo(first);
		assertThat(visitsWithKey(key)).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT note FROM visit WHERE id = ?")
			.param(Long.parseLong(first))
			.query(String.class)
			.single()).as("the visit as first recorded").isEqualTo("第一次发送 (first send)");
		String other = record(LIAISON, UUID.randomUUID().toString(), "另一次走访 (another visit)");
		assertThat(other).isNotEqualTo(first);
	}

	@Test
	void twoRequestsWithTheSameKeyAtOnceGiveOneVisit() {
		String key = UUID.randomUUID().toString();
		List<CompletableFuture<String>> sends = List.of(
				CompletableFuture.supplyAsync(() -> record(LIAISON, key, "同时 (at once)")),
				CompletableFuture.supplyAsync(() -> record(LIAISON, key, "同时 (at once)")));
		assertThat(sends.get(0).join()).isEqualTo(sends.get(1).join());
		assertThat(visitsWithKey(key)).isEqualTo(1);
	}

	@Test
	void anotherPersonsSameKeyIsTheirOwnVisit() {
		String key = UUID.randomUUID().toString();
		String cell = this.areas.children(VILLAGE).get(0).code();
		String liaisons = record(LIAISON, key, "贴心人 (liaison)");
		String gridMembers = record("gm-" + cell, key, "网格员 (grid member)", cell);
		assertThat(gridMembers).isNotEqualTo(liaisons);
		assertThat(visitsWithKey(key)).isEqualTo(2);
	}

	@Test
	void aBlankOrOverlongKeyIsRefusedAndNothingWritten() {
		long before = this.jdbc.sql("SELECT count(*) FROM visit").query(Long.class).single();
		for (String key : List.of("", "k".repeat(101))) {
			Point inside = this.areas.find(VILLAGE).orElseThrow().boundary().getInteriorPoint();
			this.client.as(LIAISON)
				.documentName("liaison/recordVisit")
				.variable("input",
						Map.of("location", Map.of("lon", inside.getX(), "lat", inside.getY()), "idempotencyKey", key))
				.execute()
				.errors()
				.expect(error -> "VALIDATION".equals(error.getExtensions().get("code")))
				.verify();
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM visit").query(Long.class).single()).isEqualTo(before);
	}

	private String record(String username, String key, String note) {
		return record(username, key, note, VILLAGE);
	}

	private String record(String username, String key, String note, String areaCode) {
		Point inside = this.areas.find(areaCode).orElseThrow().boundary().getInteriorPoint();
		return this.client.as(username)
			.documentName("liaison/recordVisit")
			.variable("input",
					Map.of("location", Map.of("lon", inside.getX(), "lat", inside.getY()), "note", note,
							"idempotencyKey", key))
			.execute()
			.path("recordVisit.id")
			.entity(String.class)
			.get();
	}

	private long visitsWithKey(String key) {
		return this.jdbc.sql("SELECT count(*) FROM visit WHERE idempotency_key = ?")
			.param(key)
			.query(Long.class)
			.single();
	}

}
