package io.tiexin.people.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.geo.ChinaDatumShift;
import io.tiexin.grid.AreaCatalog;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resident's first sign-in (in the demo, a dev token for a new username): nothing but
 * {@code register} until registered, then a CITIZEN whose home is a grid cell, whose
 * petitions land where they are.
 */
@TiexinIntegrationTest
class RegistrationIT {

	static final String HOME_CELL = "360322101217006";

	/** The fields of a person, as register and me answer them. */
	static final String PERSON = "people/registeredPerson";

	@Autowired
	GraphQlClient client;

	@Autowired
	AreaCatalog areas;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HttpGraphQlTester anonymous;

	@Test
	void aNewSubjectRegistersWithAGcj02HomeThenItsPetitionLandsInItsHomeCell() {
		String username = "resident-" + UUID.randomUUID().toString().substring(0, 8);
		HttpGraphQlTester resident = this.client.as(username);
		Map<String, Object> home = gcj02(HOME_CELL);

		Map<String, Object> person = register(resident, Map.of("name", " 易 小兰 ", "phone", "+86 139 0799 1234",
				"homeLocation", home, "householdRepresentative", true, "consent", true))
			.execute()
			.path("register")
			.entity(MAP)
			.get();
		assertThat(person).containsEntry("username", username)
			.containsEntry("name", "易 小兰")
			.containsEntry("roles", List.of("CITIZEN"))
			.containsEntry("phone", "13907991234")
			.containsEntry("householdRepresentative", true)
			.containsEntry("homeArea", Map.of("code", HOME_CELL));
		assertThat(this.jdbc.sql("SELECT consent_at IS NOT NULL FROM person WHERE username = ?")
			.param(username)
			.query(Boolean.class)
			.single()).isTrue();
		resident.documentName("people/meRegistered")
			.fragmentName(PERSON)
			.execute()
			.path("me")
			.entity(MAP)
			.isEqualTo(person);

		// Registering again, even with other answers, gives the same person back
		// unchanged.
		register(resident, Map.of("name", "别人", "phone", "13800000000", "homePlaceText", "泉塘村一组", "consent", true))
			.execute()
			.path("register")
			.entity(MAP)
			.isEqualTo(person);
		assertThat(this.jdbc.sql("SELECT count(*) FROM person WHERE username = ?")
			.param(username)
			.query(Integer.class)
			.single()).isOne();

		// Signed in again (a new token for the same subject): now a person who can
		// submit.
		Map<String, Object> petition = this.client.as(username)
			.documentName("petition/submitPetitionGridAndStatus")
			.variable("input",
					Map.of("title", "门口路灯不亮", "categoryCode", "STREET_LIGHT", "channel", "MINI_PROGRAM", "location",
							home))
			.execute()
			.path("submitPetition")
			.entity(MAP)
			.get();
		assertThat(petition).containsEntry("grid", Map.of("code", HOME_CELL)).containsEntry("status", "ASSIGNED");
		this.client.as(username)
			.documentName("security/myCasesCount")
			.execute()
			.path("myCases.totalCount")
			.entity(Integer.class)
			.isEqualTo(1);
	}

	@Test
	void anUnregisteredSubjectGetsMeNullAndRegisterOnly() {
		HttpGraphQlTester stranger = this.client.as("stranger-" + UUID.randomUUID().toString().substring(0, 8));
		stranger.documentName("people/myId").execute().path("me").valueIsNull();
		for (GraphQlTester.Request<?> operation : List.of(stranger.documentName("security/myCasesCount"),
				stranger.documentName("people/petitionsCount"),
				stranger.documentName("people/peopleIdsOfArea").variable("areaCode", "360322101"),
				stranger.documentName("people/petitionIdOnly").variable("id", "1"),
				stranger.documentName("petition/submitPetitionId")
					.variable("input", Map.of("title", "x", "categoryCode", "OTHER", "channel", "MINI_PROGRAM",
							"placeText", "泉塘村六组")),
				stranger.documentName("people/acceptPetitionId").variable("id", "1"))) {
			assertRefused(operation, "FORBIDDEN", "register");
		}
	}

	@Test
	void registeringValidatesEverythingBeforeWritingAnything() {
		String username = "careful-" + UUID.randomUUID().toString().substring(0, 8);
		HttpGraphQlTester subject = this.client.as(username);
		Map<String, Object> ok = Map.of("name", "刘建华", "phone", "13812345678", "homePlaceText", "泉塘村六组");
		assertRefused(register(subject, with(ok, "consent", false)), "VALIDATION", "consent");
		assertRefused(
				register(subject, Map.of("name", "刘建华", "phone", "12345", "homePlaceText", "泉塘村六组", "consent", true)),
				"VALIDATION", "phone");
		assertRefused(
				register(subject,
						Map.of("name", "<script>", "phone", "13812345678", "homePlaceText", "泉塘村六组", "consent", true)),
				"VALIDATION", "name");
		assertRefused(register(subject,
				Map.of("name", "长".repeat(51), "phone", "13812345678", "homePlaceText", "泉塘村六组", "consent", true)),
				"VALIDATION", "name");
		assertRefused(register(subject, Map.of("name", "刘建华", "phone", "13812345678", "consent", true)), "VALIDATION",
				"homePlaceText");
		assertRefused(
				register(subject,
						Map.of("name", "刘建华", "phone", "13812345678", "homePlaceText", "泉塘村", "consent", true)),
				"VALIDATION", "group");
		assertRefused(register(subject, Map.of("name", "刘建华", "phone", "13812345678", "homeLocation",
				Map.of("lon", 116.4, "lat", 39.9), "consent", true)), "OUT_OF_EXTENT", "outside");
		assertRefused(register(subject, Map.of("name", "刘建华", "phone", "13812345678", "homeLocation",
				Map.of("lon", 27.88, "lat", 113.8), "consent", true)), "INVALID_COORDINATES", "");
		assertThat(this.jdbc.sql("SELECT count(*) FROM person WHERE username = ?")
			.param(username)
			.query(Integer.class)
			.single()).isZero();

		Map<String, Object> person = register(subject, with(ok, "consent", true)).execute()
			.path("register")
			.entity(MAP)
			.get();
		assertThat(person).containsEntry("homeArea", Map.of("code", HOME_CELL))
			.containsEntry("householdRepresentative", false);
		// Landlines keep their area code.
		assertThat(Registration.phone("(0799) 6234567")).isEqualTo("0799-6234567");
	}

	@Test
	void aKnownPersonCannotRegisterAndNobodyRegistersWithoutSigningIn() {
		Map<String, Object> input = Map.of("name", "易水兰", "phone", "18961040859", "homePlaceText", "泉塘村六组", "consent",
				true);
		assertRefused(register(this.client.citizen(), input), "FORBIDDEN", "known person");
		assertRefused(register(this.client.as("cadre-360322101217"), input), "FORBIDDEN", "known person");
		assertRefused(register(this.anonymous, input), "UNAUTHENTICATED", "sign in");
	}

	/**
	 * {@code register} with this {@code RegisterInput}, answering the person's fields.
	 */
	private static GraphQlTester.Request<?> register(GraphQlTester subject, Map<String, Object> input) {
		return subject.documentName("people/register").fragmentName(PERSON).variable("input", input);
	}

	private static Map<String, Object> with(Map<String, Object> input, String name, Object value) {
		Map<String, Object> more = new LinkedHashMap<>(input);
		more.put(name, value);
		return more;
	}

	private static void assertRefused(GraphQlTester.Request<?> request, String code, String messageContains) {
		request.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", code))
				.satisfies(error -> assertThat(error.getMessage()).contains(messageContains)));
	}

	/** The cell's interior point as WeChat would send it: GCJ-02. */
	private Map<String, Object> gcj02(String cellCode) {
		Point inside = this.areas.find(cellCode).orElseThrow().boundary().getInteriorPoint();
		Coordinate gcj = ChinaDatumShift.wgs84ToGcj02(inside.getCoordinate());
		// Eight decimals, as WeChat sends them.
		return Map.of("lon", new BigDecimal(gcj.x).setScale(8, RoundingMode.HALF_UP), "lat",
				new BigDecimal(gcj.y).setScale(8, RoundingMode.HALF_UP), "crs", "GCJ02");
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
