package io.tiexin.people;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tiexin.TiexinIntegrationTest;
import io.tiexin.geo.ChinaDatumShift;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.security.DevTokens;
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

	static final String PERSON = "{ id username name roles phone householdRepresentative homeArea { code } }";

	@Autowired
	DevTokens tokens;

	@Autowired
	AreaCatalog areas;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HttpGraphQlTester anonymous;

	@Test
	void aNewSubjectRegistersWithAGcj02HomeThenItsPetitionLandsInItsHomeCell() {
		String username = "resident-" + UUID.randomUUID().toString().substring(0, 8);
		HttpGraphQlTester resident = this.tokens.as(username);
		String home = gcj02(HOME_CELL);

		Map<String, Object> person = resident
			.document("mutation { register(input: {name: \" 易 小兰 \", phone: \"+86 139 0799 1234\", homeLocation: "
					+ home + ", householdRepresentative: true, consent: true}) " + PERSON + " }")
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
		resident.document("{ me " + PERSON + " }").execute().path("me").entity(MAP).isEqualTo(person);

		// Registering again, even with other answers, gives the same person back
		// unchanged.
		resident
			.document("mutation { register(input: {name: \"别人\", phone: \"13800000000\", homePlaceText: \"泉塘村一组\", "
					+ "consent: true}) " + PERSON + " }")
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
		Map<String, Object> petition = this.tokens.as(username)
			.document("mutation { submitPetition(input: {title: \"门口路灯不亮\", categoryCode: \"STREET_LIGHT\", "
					+ "channel: MINI_PROGRAM, location: " + home + "}) { grid { code } status } }")
			.execute()
			.path("submitPetition")
			.entity(MAP)
			.get();
		assertThat(petition).containsEntry("grid", Map.of("code", HOME_CELL)).containsEntry("status", "ASSIGNED");
		this.tokens.as(username)
			.document("{ myCases { totalCount } }")
			.execute()
			.path("myCases.totalCount")
			.entity(Integer.class)
			.isEqualTo(1);
	}

	@Test
	void anUnregisteredSubjectGetsMeNullAndRegisterOnly() {
		HttpGraphQlTester stranger = this.tokens.as("stranger-" + UUID.randomUUID().toString().substring(0, 8));
		stranger.document("{ me { id } }").execute().path("me").valueIsNull();
		for (String operation : List.of("{ myCases { totalCount } }", "{ petitions { totalCount } }",
				"{ people(areaCode: \"360322101\") { id } }", "{ petition(id: \"1\") { id } }",
				"mutation { submitPetition(input: {title: \"x\", categoryCode: \"OTHER\", channel: MINI_PROGRAM, "
						+ "placeText: \"泉塘村六组\"}) { id } }",
				"mutation { acceptPetition(id: \"1\") { id } }")) {
			assertRefused(stranger.document(operation), "FORBIDDEN", "register");
		}
	}

	@Test
	void registeringValidatesEverythingBeforeWritingAnything() {
		String username = "careful-" + UUID.randomUUID().toString().substring(0, 8);
		HttpGraphQlTester subject = this.tokens.as(username);
		String ok = "name: \"刘建华\", phone: \"13812345678\", homePlaceText: \"泉塘村六组\"";
		assertRefused(register(subject, ok + ", consent: false"), "VALIDATION", "consent");
		assertRefused(register(subject, "name: \"刘建华\", phone: \"12345\", homePlaceText: \"泉塘村六组\", consent: true"),
				"VALIDATION", "phone");
		assertRefused(
				register(subject,
						"name: \"<script>\", phone: \"13812345678\", homePlaceText: \"泉塘村六组\", consent: true"),
				"VALIDATION", "name");
		assertRefused(
				register(subject,
						"name: \"" + "长".repeat(51)
								+ "\", phone: \"13812345678\", homePlaceText: \"泉塘村六组\", consent: true"),
				"VALIDATION", "name");
		assertRefused(register(subject, "name: \"刘建华\", phone: \"13812345678\", consent: true"), "VALIDATION",
				"homePlaceText");
		assertRefused(register(subject, "name: \"刘建华\", phone: \"13812345678\", homePlaceText: \"泉塘村\", consent: true"),
				"VALIDATION", "group");
		assertRefused(
				register(subject,
						"name: \"刘建华\", phone: \"13812345678\", homeLocation: {lon: 116.4, lat: 39.9}, consent: true"),
				"OUT_OF_EXTENT", "outside");
		assertRefused(
				register(subject,
						"name: \"刘建华\", phone: \"13812345678\", homeLocation: {lon: 27.88, lat: 113.8}, consent: true"),
				"INVALID_COORDINATES", "");
		assertThat(this.jdbc.sql("SELECT count(*) FROM person WHERE username = ?")
			.param(username)
			.query(Integer.class)
			.single()).isZero();

		Map<String, Object> person = register(subject, ok + ", consent: true").execute()
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
		String input = "name: \"易水兰\", phone: \"18961040859\", homePlaceText: \"泉塘村六组\", consent: true";
		assertRefused(register(this.tokens.as("citizen"), input), "FORBIDDEN", "known person");
		assertRefused(register(this.tokens.as("cadre-360322101217"), input), "FORBIDDEN", "known person");
		assertRefused(this.anonymous.document("mutation { register(input: {" + input + "}) { id } }"),
				"UNAUTHENTICATED", "sign in");
	}

	private static GraphQlTester.Request<?> register(GraphQlTester subject, String input) {
		return subject.document("mutation { register(input: {" + input + "}) " + PERSON + " }");
	}

	private static void assertRefused(GraphQlTester.Request<?> request, String code, String messageContains) {
		request.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", code))
				.satisfies(error -> assertThat(error.getMessage()).contains(messageContains)));
	}

	/** The cell's interior point as WeChat would send it: GCJ-02. */
	private String gcj02(String cellCode) {
		Point inside = this.areas.find(cellCode).orElseThrow().boundary().getInteriorPoint();
		Coordinate gcj = ChinaDatumShift.wgs84ToGcj02(inside.getCoordinate());
		return String.format(Locale.ROOT, "{lon: %.8f, lat: %.8f, crs: GCJ02}", gcj.x, gcj.y);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
