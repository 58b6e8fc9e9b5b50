package io.tiexin.people.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import io.tiexin.GraphQlClient;
import io.tiexin.StatementCounter;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.grid.AreaFixtures.FreshCounty;
import io.tiexin.people.PeopleFixtures;
import io.tiexin.people.Person;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signed-in person is cached per replica ({@link SignedInPeople}) and yet a change to
 * their roles or areas, or their removal, applies to the next request once the people
 * tables' notification has arrived, whoever wrote it; while the notifications cannot be
 * heard, every request reads the person again. Observed from outside: what a grid member
 * may look up ({@code people(areaCode:)}, allowed in their duty cell, forbidden in the
 * other) and the statements a request sends.
 */
@TiexinIntegrationTest
class SignedInPeopleIT {

	/** Generous for a loaded machine; a notification takes milliseconds. */
	private static final Duration NOTIFIED_WITHIN = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	GraphQlClient client;

	@Autowired
	AreaFixtures areas;

	@Autowired
	PeopleFixtures people;

	@Autowired
	PeopleImporter importer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SignedInPeople cache;

	@Autowired
	DataSource dataSource;

	@Autowired
	PersonChangeListener listener;

	FreshCounty county;

	Person member;

	HttpGraphQlTester signedIn;

	@BeforeEach
	void aGridMemberOfTheFirstCellSignedIn() {
		awaitListening();
		this.county = this.areas.freshCounty();
		this.member = this.people.gridMember(this.county.cell(0));
		this.signedIn = this.client.as(this.member.username());
		assertThat(mayLookUp(this.county.cell(0))).isTrue();
		assertThat(mayLookUp(this.county.cell(1))).isFalse();
	}

	@Test
	void aSignedInRequestAfterTheFirstReadsNoPerson() {
		typename();
		assertThat(statementsOf(this::typename)).as("statements of a signed-in { __typename }, person held").isZero();
		assertThat(this.cache.size()).isPositive();
	}

	@Test
	void aDutyAreaMovedBySqlAppliesOnceNotified() {
		assertHeld();
		moveDutyBySql(this.county.cell(0), this.county.cell(1));

		await(() -> mayLookUp(this.county.cell(1)), "the new duty cell allowed");
		assertThat(mayLookUp(this.county.cell(0))).as("the old duty cell").isFalse();
		assertHeld();
	}

	@Test
	void aRoleChangedBySqlAppliesOnceNotified() {
		assertHeld();
		this.jdbc.sql("UPDATE person SET roles = '{CITIZEN}' WHERE id = ?").param(this.member.id()).update();

		await(() -> errorCode(this.county.cell(0)) != null, "the citizen refused");
		assertThat(errorCode(this.county.cell(0))).as("a citizen looking people up").isEqualTo("FORBIDDEN");
	}

	/**
	 * NOTIFY serializes commits (docs/scaling.md), so the triggers stay silent when
	 * nothing the cache holds changed: going on or off duty, a new name or phone.
	 */
	@Test
	void onlyChangesToWhatTheCacheHoldsNotify() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			try (Statement statement = connection.createStatement()) {
				statement.execute("LISTEN " + SignedInPeople.CHANNEL);
				long id = this.member.id();
				statement.executeUpdate("UPDATE person SET on_duty = NOT on_duty, name = '改名', phone = '13900000000' "
						+ "WHERE id = " + id);
				assertThat(notifications(connection)).as("after on-duty, name and phone changed").isEmpty();

				statement.executeUpdate(
						"UPDATE person SET home_area_code = '" + this.county.village() + "' WHERE id = " + id);
				assertThat(notifications(connection)).as("after the home area changed")
					.containsExactly(String.valueOf(id));

				statement.executeUpdate("INSERT INTO person_duty_area (person_id, area_code) VALUES (" + id + ", '"
						+ this.county.cell(1) + "')");
				assertThat(notifications(connection)).as("after a duty area was added")
					.containsExactly(String.valueOf(id));
			}
			finally {
				try (Statement statement = connection.createStatement()) {
					statement.execute("UNLISTEN *");
				}
			}
		}
	}

	@Test
	void aDemotionByThePeopleImportAppliesToTheVeryNextRequest() {
		assertHeld();
		importAs("CITIZEN", this.county.cell(0), List.of());

		// The import forgets at its commit on this replica, before its notification
		// arrives: no waiting.
		assertThat(errorCode(this.county.cell(0))).as("a citizen looking people up").isEqualTo("FORBIDDEN");
	}

	@Test
	void aPersonRemovedBySqlIsRefusedOnceNotified() {
		assertHeld();
		this.jdbc.sql("DELETE FROM person WHERE id = ?").param(this.member.id()).update();

		// Now a subject the people tables do not know: nobody, who may only register.
		await(() -> errorCode(this.county.cell(0)) != null, "the removed person refused");
		assertThat(errorCode(this.county.cell(0))).isIn("FORBIDDEN", "UNAUTHENTICATED");
		this.signedIn.documentName("people/myId").execute().path("me").valueIsNull();
	}

	@Test
	void whileTheListenerIsStoppedEveryRequestReadsThePerson() {
		assertHeld();
		this.listener.stop();
		try {
			await(() -> !this.cache.isListening(), "the cache told that nobody listens");
			assertThat(this.cache.size()).as("persons held once nobody listens").isZero();
			typename();
			assertThat(statementsOf(this::typename)).as("statements of a signed-in request, nobody listening")
				.isPositive();

			// Nobody hears this change's notification; the next request sees it all the
			// same.
			moveDutyBySql(this.county.cell(0), this.county.cell(1));
			assertThat(mayLookUp(this.county.cell(1))).as("the new duty cell, at once").isTrue();
		}
		finally {
			this.listener.start();
		}
		awaitListening();
		assertHeld();
		assertThat(mayLookUp(this.county.cell(0))).isFalse();
	}

	@Test
	void aListenerConnectionTerminatedInTheDatabaseMissesNoChange() {
		assertHeld();
		List<Integer> listeners = this.jdbc
			.sql("SELECT pid FROM pg_stat_activity WHERE query = 'LISTEN " + SignedInPeople.CHANNEL + "'")
			.query(Integer.class)
			.list();
		assertThat(listeners).as("backends listening on " + SignedInPeople.CHANNEL).isNotEmpty();
		this.jdbc.sql("SELECT pg_terminate_backend(pid) FROM unnest(CAST(? AS int[])) AS pid")
			.param(listeners.toArray(Integer[]::new))
			.query()
			.listOfRows();
		await(() -> this.jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY (?)")
			.param(listeners.toArray(Integer[]::new))
			.query(Integer.class)
			.single() == 0, "the listening backends gone");

		// Its notification reaches no one: the cache must not answer with the old duty
		// for its five minutes.
		moveDutyBySql(this.county.cell(0), this.county.cell(1));
		await(() -> mayLookUp(this.county.cell(1)), "the new duty cell allowed");
		assertThat(mayLookUp(this.county.cell(0))).isFalse();

		awaitListening();
		assertHeld();
	}

	/** The person is held: a second request reads no person. */
	private void assertHeld() {
		typename();
		assertThat(statementsOf(this::typename)).as("statements of a signed-in request, person held").isZero();
	}

	private void awaitListening() {
		await(this.cache::isListening, "the listener on " + SignedInPeople.CHANNEL + " listening");
	}

	private void moveDutyBySql(String from, String to) {
		this.jdbc.sql("UPDATE person_duty_area SET area_code = ? WHERE person_id = ? AND area_code = ?")
			.params(to, this.member.id(), from)
			.update();
	}

	private void importAs(String role, String home, List<String> dutyAreas) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("username", this.member.username());
		entry.put("name", this.member.name());
		entry.put("roles", List.of(role));
		entry.put("phone", this.member.phone());
		entry.put("homeAreaCode", home);
		entry.put("dutyAreaCodes", dutyAreas);
		entry.put("onDuty", true);
		this.importer.importPeople("demotion of " + this.member.username(),
				JSON.writeValueAsString(List.of(entry)).getBytes(StandardCharsets.UTF_8));
	}

	/** The payloads on the channel so far, the statements above having committed. */
	private static List<String> notifications(Connection connection) throws SQLException {
		// A query makes the driver read what the server has sent meanwhile.
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
		}
		PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications();
		return (notifications != null) ? Arrays.stream(notifications).map(PGNotification::getParameter).toList()
				: List.of();
	}

	private void typename() {
		this.signedIn.documentName("people/typename")
			.execute()
			.path("__typename")
			.entity(String.class)
			.isEqualTo("Query");
	}

	private boolean mayLookUp(String areaCode) {
		String code = errorCode(areaCode);
		assertThat(code).isIn(null, "FORBIDDEN");
		return code == null;
	}

	/** The error code of {@code people(areaCode:)} as the member, or null if answered. */
	private String errorCode(String areaCode) {
		var errors = this.signedIn.documentName("people/peopleIdsOfArea")
			.variable("areaCode", areaCode)
			.execute()
			.returnResponse()
			.getErrors();
		return errors.isEmpty() ? null : (String) errors.get(0).getExtensions().get("code");
	}

	private static long statementsOf(Runnable request) {
		long before = StatementCounter.countOnRequestThreads();
		request.run();
		return StatementCounter.countOnRequestThreads() - before;
	}

	/**
	 * Polls the condition every 20 ms until it holds, failing after
	 * {@link #NOTIFIED_WITHIN}.
	 */
	private static void await(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + NOTIFIED_WITHIN.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited %s for %s", NOTIFIED_WITHIN, what).isLessThan(deadline);
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
