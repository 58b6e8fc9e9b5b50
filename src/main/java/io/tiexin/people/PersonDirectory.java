package io.tiexin.people;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.tiexin.grid.AreaCodeRange;
import io.tiexin.grid.AreaLevel;
import io.tiexin.people.internal.PersonEntry;
import io.tiexin.people.internal.SignedInPeople;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The people module's entry point: persons with their roles, home and duty areas. All the
 * SQL on the people tables is here.
 * <p>
 * Areas are matched by code: an area's code is a prefix of the code of every area below
 * it, so "in 上栗镇" is {@code starts_with(code, '360322101')}. A person's duty areas come
 * in the same row as the person, so any number of persons costs one statement.
 */
@Service
public class PersonDirectory {

	private static final SecureRandom PARTNER_NAMES = new SecureRandom();

	private static final String PERSON_COLUMNS = """
			p.id, p.username, p.name, p.roles, p.phone, p.home_area_code, p.on_duty,
			ARRAY(SELECT d.area_code FROM person_duty_area d WHERE d.person_id = p.id ORDER BY d.area_code)
			    AS duty_area_codes""";

	/** The code lengths of the area hierarchy: county, township, village, grid cell. */
	private static final Integer[] CODE_LENGTHS = Arrays.stream(AreaLevel.values())
		.map(AreaLevel::codeLength)
		.toArray(Integer[]::new);

	private final JdbcClient jdbc;

	private final SignedInPeople signedIn;

	PersonDirectory(JdbcClient jdbc, SignedInPeople signedIn) {
		this.jdbc = jdbc;
		this.signedIn = signedIn;
	}

	public Optional<Person> findById(long id) {
		return this.jdbc.sql("SELECT " + PERSON_COLUMNS + " FROM person p WHERE p.id = ?")
			.param(id)
			.query((rs, row) -> person(rs))
			.optional();
	}

	/**
	 * The persons with these ids, by id, in one statement; unknown ids are absent from
	 * the map.
	 */
	public Map<Long, Person> findAllById(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<Long, Person> byId = new LinkedHashMap<>();
		this.jdbc.sql("SELECT " + PERSON_COLUMNS + " FROM person p WHERE p.id = ANY (?) ORDER BY p.id")
			.param(ids.stream().distinct().toArray(Long[]::new))
			.query((rs, row) -> person(rs))
			.list()
			.forEach(person -> byId.put(person.id(), person));
		return byId;
	}

	public Optional<Person> findByUsername(String username) {
		return this.jdbc.sql("SELECT " + PERSON_COLUMNS + " FROM person p WHERE p.username = ?")
			.param(username)
			.query((rs, row) -> person(rs))
			.optional();
	}

	/**
	 * The person a request signed in with this username acts as, from this replica's
	 * cache of signed-in people when it can be trusted (people/internal/SignedInPeople:
	 * invalidated by the people tables' triggers, bypassed while their notifications
	 * cannot be heard). A committed change to roles or areas applies once its
	 * notification has arrived, milliseconds later (docs/security.md). Everything else
	 * reads the tables: use {@link #findByUsername} to read what a transaction just
	 * wrote.
	 */
	public Optional<Actor> signedIn(String username) {
		return this.signedIn.get(username, name -> findByUsername(name).map(Person::asActor));
	}

	/**
	 * People whose duty area or home area is the given area or lies below it, holding the
	 * given role; both filters optional. Ordered by id.
	 */
	public List<Person> find(String areaCode, Role role) {
		return this.jdbc.sql("SELECT " + PERSON_COLUMNS + """
				 FROM person p
				WHERE (CAST(:role AS text) IS NULL OR CAST(:role AS text) = ANY (p.roles))
				  AND (CAST(:area AS text) IS NULL
				       OR starts_with(p.home_area_code, :area)
				       OR EXISTS (SELECT 1 FROM person_duty_area d
				                  WHERE d.person_id = p.id AND starts_with(d.area_code, :area)))
				ORDER BY p.id""")
			.param("role", (role != null) ? role.name() : null)
			.param("area", areaCode)
			.query((rs, row) -> person(rs))
			.list();
	}

	/** The grid members whose duty cell is this one, ordered by id. */
	public List<Person> gridMembersOf(String gridCode) {
		return gridMembersOf(List.of(gridCode)).get(gridCode);
	}

	/**
	 * For each area, the grid members whose duty area is that area or lies below it (for
	 * a cell: its own grid members), ordered by id; one statement for any number of
	 * areas. Every requested code is a key.
	 */
	public Map<String, List<Person>> gridMembersOf(Collection<String> areaCodes) {
		// Per area (LATERAL), so that each costs an index range scan (V10) and the
		// person's row by id.
		return byArea(areaCodes, "SELECT a.code AS area_code, " + PERSON_COLUMNS + """
				 FROM unnest(CAST(:codes AS text[])) AS a(code)
				CROSS JOIN LATERAL (SELECT DISTINCT d.person_id FROM person_duty_area d WHERE %s) m
				JOIN person p ON p.id = m.person_id AND 'GRID_MEMBER' = ANY (p.roles)
				ORDER BY a.code, p.id""".formatted(AreaCodeRange.atOrBelow("d.area_code", "a.code")), Map.of());
	}

	/** The liaisons whose home is this village or a group (cell) of it, ordered by id. */
	public List<Person> liaisonsOf(String villageCode) {
		return liaisonsOf(List.of(villageCode)).get(villageCode);
	}

	/**
	 * For each area, the liaisons whose home lies in it, or whose home contains it: a
	 * village's own liaisons serve every group of the village, so a cell's liaisons
	 * include its village's. Ordered by id; one statement for any number of areas. Every
	 * requested code is a key.
	 */
	public Map<String, List<Person>> liaisonsOf(Collection<String> areaCodes) {
		return byArea(areaCodes, "SELECT a.code AS area_code, " + PERSON_COLUMNS + """
				 FROM unnest(CAST(:codes AS text[])) AS a(code)
				CROSS JOIN LATERAL (
				    SELECT h.id AS person_id FROM person h -- the liaison's home lies in the area
				    WHERE %s AND 'LIAISON' = ANY (h.roles)
				    UNION
				    SELECT h.id FROM person h -- the area lies in the liaison's home: its code cut to a level's length
				    JOIN unnest(CAST(:codeLengths AS int[])) AS level(code_length)
				      ON h.home_area_code = left(a.code, level.code_length)
				    WHERE 'LIAISON' = ANY (h.roles)) m
				JOIN person p ON p.id = m.person_id
				ORDER BY a.code, p.id""".formatted(AreaCodeRange.atOrBelow("h.home_area_code", "a.code")),
				Map.of("codeLengths", CODE_LENGTHS));
	}

	/**
	 * People holding the role whose duty area is the given area or one of its ancestors
	 * (the village cadre of a village or of a cell in it, the township officer of a
	 * township); the nearest duty area first, then by id.
	 */
	public List<Person> officersOf(String areaCode, Role role) {
		return this.jdbc.sql("SELECT " + PERSON_COLUMNS + """
				 FROM person p
				WHERE CAST(:role AS text) = ANY (p.roles)
				  AND EXISTS (SELECT 1 FROM person_duty_area d
				              WHERE d.person_id = p.id AND starts_with(:area, d.area_code))
				ORDER BY (SELECT max(length(d.area_code)) FROM person_duty_area d
				          WHERE d.person_id = p.id AND starts_with(:area, d.area_code)) DESC, p.id""")
			.param("role", role.name())
			.param("area", areaCode)
			.query((rs, row) -> person(rs))
			.list();
	}

	/**
	 * Marks the person on or off duty; dispatch passes over grid members who are off
	 * duty.
	 * @throws TiexinException {@code NOT_FOUND} when there is no such person
	 */
	/**
	 * A new person standing for a partner system (the 12345 hotline, a provincial app)
	 * that submits petitions on its callers' behalf: a {@link Role#CITIZEN}, so it sees
	 * what it submitted and nothing else, with no areas and no phone. The username is
	 * made up ({@code partner-} and random hex): the partner acts through its api_key.
	 */
	public Person createPartner(String name) {
		byte[] random = new byte[6];
		PARTNER_NAMES.nextBytes(random);
		String username = "partner-" + HexFormat.of().formatHex(random);
		long id = this.jdbc.sql("INSERT INTO person (username, name, roles) VALUES (?, ?, ?) RETURNING id")
			.params(username, name, new String[] { Role.CITIZEN.name() })
			.query(Long.class)
			.single();
		return findById(id).orElseThrow();
	}

	public void setOnDuty(long personId, boolean onDuty) {
		int updated = this.jdbc.sql("UPDATE person SET on_duty = ? WHERE id = ?").params(onDuty, personId).update();
		if (updated == 0) {
			throw new TiexinException(ErrorCode.NOT_FOUND,
					"没有编号为 " + personId + " 的人员 (no person with id " + personId + ")");
		}
	}

	/**
	 * Writes the people of an import by username, in three statements whatever their
	 * number: a person whose row already says the same is not touched, so importing a
	 * file twice changes nothing. {@code onDuty} is only the state a new person starts
	 * in: re-importing must not put back on duty someone who signed off. Duty areas
	 * become exactly those of the entry. The caller runs this in one transaction.
	 * @return how many persons were added or changed, and how many duty areas were added
	 * or removed
	 */
	public ImportCounts upsert(List<PersonEntry> entries) {
		int people = this.jdbc.sql("""
				INSERT INTO person (username, name, roles, phone, home_area_code, on_duty)
				SELECT f.username, f.name, string_to_array(f.roles, ','), f.phone, f.home, f.on_duty
				FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
				            CAST(? AS text[]), CAST(? AS boolean[])) AS f(username, name, roles, phone, home, on_duty)
				ON CONFLICT (username) DO UPDATE
				SET name = excluded.name, roles = excluded.roles, phone = excluded.phone,
				    home_area_code = excluded.home_area_code
				WHERE (person.name, person.roles, person.phone, person.home_area_code)
				      IS DISTINCT FROM (excluded.name, excluded.roles, excluded.phone, excluded.home_area_code)""")
			.params(column(entries, PersonEntry::username), column(entries, PersonEntry::name),
					column(entries, entry -> String.join(",", entry.roles().stream().map(Role::name).toList())),
					column(entries, PersonEntry::phone), column(entries, PersonEntry::homeAreaCode),
					entries.stream().map(PersonEntry::onDuty).toArray(Boolean[]::new))
			.update();
		String[] usernames = column(entries, PersonEntry::username);
		String[] dutyAreas = column(entries, entry -> String.join(",", entry.dutyAreaCodes()));
		int removed = this.jdbc.sql("""
				DELETE FROM person_duty_area d
				USING unnest(CAST(? AS text[]), CAST(? AS text[])) AS f(username, duty), person p
				WHERE p.username = f.username AND d.person_id = p.id
				  AND NOT d.area_code = ANY (string_to_array(f.duty, ','))""").params(usernames, dutyAreas).update();
		int added = this.jdbc.sql("""
				INSERT INTO person_duty_area (person_id, area_code)
				SELECT p.id, code
				FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS f(username, duty)
				JOIN person p ON p.username = f.username
				CROSS JOIN LATERAL unnest(string_to_array(f.duty, ',')) AS code
				ON CONFLICT DO NOTHING""").params(usernames, dutyAreas).update();
		forgetSignedInAfterCommit(List.of(usernames));
		return new ImportCounts(entries.size(), people, removed + added);
	}

	/**
	 * Adds or updates a member of a county department's staff (role
	 * {@code DEPARTMENT_STAFF}, no home or duty area: their scope is their department's
	 * summons), by username, as a people file would; an unchanged entry changes nothing.
	 * Joins the caller's transaction.
	 * @return the person's id
	 */
	public long saveDepartmentStaff(String username, String name, String phone) {
		upsert(List.of(new PersonEntry(username, name, Set.of(Role.DEPARTMENT_STAFF), phone, null, List.of(), true)));
		return findByUsername(username).orElseThrow().id();
	}

	/**
	 * The triggers' notification tells every replica, this one included, but a few
	 * milliseconds after the commit; forgetting at commit here makes a change made
	 * through this replica apply to its very next request.
	 */
	private void forgetSignedInAfterCommit(List<String> usernames) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.signedIn.forgetUsernames(usernames);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				PersonDirectory.this.signedIn.forgetUsernames(usernames);
			}
		});
	}

	/** Runs a query for people per area, given the area codes as {@code :codes}. */
	private Map<String, List<Person>> byArea(Collection<String> areaCodes, String sql, Map<String, ?> otherParams) {
		Map<String, List<Person>> byArea = new LinkedHashMap<>();
		areaCodes.forEach(code -> byArea.put(code, new ArrayList<>()));
		if (areaCodes.isEmpty()) {
			return byArea;
		}
		this.jdbc.sql(sql)
			.params(otherParams)
			.param("codes", areaCodes.stream().distinct().toArray(String[]::new))
			.query((ResultSet rs) -> {
				byArea.get(rs.getString("area_code")).add(person(rs));
			});
		return byArea;
	}

	private static Person person(ResultSet rs) throws SQLException {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String role : strings(rs.getArray("roles"))) {
			roles.add(Role.valueOf(role));
		}
		return new Person(rs.getLong("id"), rs.getString("username"), rs.getString("name"), roles,
				rs.getString("phone"), rs.getString("home_area_code"),
				Arrays.asList(strings(rs.getArray("duty_area_codes"))), rs.getBoolean("on_duty"));
	}

	private static String[] strings(Array array) throws SQLException {
		return (array != null) ? (String[]) array.getArray() : new String[0];
	}

	private static String[] column(List<PersonEntry> entries, Function<PersonEntry, String> field) {
		return entries.stream().map(field).toArray(String[]::new);
	}

	/**
	 * @param inFile persons in the file
	 * @param peopleWritten persons added or changed
	 * @param dutyAreasChanged duty-area assignments added or removed
	 */
	public record ImportCounts(int inFile, int peopleWritten, int dutyAreasChanged) {

		public boolean unchanged() {
			return this.peopleWritten == 0 && this.dutyAreasChanged == 0;
		}
	}

}
