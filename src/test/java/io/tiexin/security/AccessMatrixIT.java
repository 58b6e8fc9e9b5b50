package io.tiexin.security;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.petition.PetitionFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what where, over HTTP: every role against every operation, on a petition
 * inside and one outside their areas, with the answer expected. The {@link #MATRIX} is
 * the one table to extend: a row per operation and target, a column per person.
 * <p>
 * The cases: petition A (street light) and D (a dispute: a sensitive category) in cell 二组
 * of 长平村 in 上栗镇, both assigned to its grid member (the cell's second grid member is off
 * duty while they are submitted, so dispatch picks the first); petition B (street light)
 * in 桐木镇, far from everyone's areas but the officer of 桐木镇's.
 */
@TiexinIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

	static final String CELL = "360322101003002";

	static final String VILLAGE = "360322101003";

	static final String OTHER_CELL = "360322102211018";

	static final String OTHER_VILLAGE = "360322102211";

	/** The people, in the matrix's column order. */
	enum Person {

		SUBMITTER("citizen"), OTHER_CITIZEN("citizen2"), ASSIGNEE("gm-" + CELL), CELL_PEER("gm-" + CELL + "-2"),
		NEIGHBOUR_GM("gm-360322101003006"), LIAISON("liaison-" + VILLAGE), CADRE("cadre-" + VILLAGE),
		OFFICER("officer-360322101"), OTHER_OFFICER("officer-360322102"), ADMIN("admin"), PLANNER("planner");

		final String username;

		Person(String username) {
			this.username = username;
		}

	}

	enum Operation {

		/** {@code petition(id)} */
		BY_ID,
		/** {@code petitionByTrackingNumber} */
		BY_TRACKING_NUMBER,
		/** {@code petitions(filter: {areaCode: <its village>})}: is it listed? */
		LIST,
		/** {@code nearbyPetitions} 100 m around it: is it listed? */
		NEARBY,
		/** {@code petition(id) { contactPhone }} */
		CONTACT_PHONE,
		/** {@code petition(id) { location { point } }}: exact, or a point of its cell? */
		POINT,
		/** {@code area(code: <its village>) { stats }} */
		VILLAGE_STATS,
		/** {@code people(areaCode: <its village>)} */
		VILLAGE_PEOPLE,
		/** {@code extendDeadline} */
		EXTEND_DEADLINE

	}

	enum Target {

		A, D, B

	}

	enum Outcome {

		OK, FORBIDDEN, HIDDEN, LISTED, NOT_LISTED, FULL, MASKED, EXACT, ROUNDED

	}

	record Row(Operation operation, Target target, Outcome... expected) {
	}

	static final Outcome OK = Outcome.OK, NO = Outcome.FORBIDDEN, HIDDEN = Outcome.HIDDEN, IN = Outcome.LISTED,
			OUT = Outcome.NOT_LISTED, FULL = Outcome.FULL, MASKED = Outcome.MASKED, EXACT = Outcome.EXACT,
			ROUNDED = Outcome.ROUNDED;

	// @formatter:off
	static final List<Row> MATRIX = List.of(
			//                                 citizen  citizen2 assignee cellPeer neighbour liaison cadre officer otherOff admin planner
			new Row(Operation.BY_ID, Target.A,  OK,     NO,      OK,      OK,      NO,       OK,     OK,   OK,     NO,      OK,   NO),
			new Row(Operation.BY_ID, Target.B,  NO,     NO,      NO,      NO,      NO,       NO,     NO,   NO,     OK,      OK,   NO),
			new Row(Operation.BY_TRACKING_NUMBER, Target.A,
			                                    OK,     HIDDEN,  OK,      OK,      HIDDEN,   OK,     OK,   OK,     HIDDEN,  OK,   NO),
			new Row(Operation.BY_TRACKING_NUMBER, Target.B,
			                                    HIDDEN, HIDDEN,  HIDDEN,  HIDDEN,  HIDDEN,   HIDDEN, HIDDEN, HIDDEN, OK,    OK,   NO),
			new Row(Operation.LIST, Target.A,   IN,     OUT,     IN,      IN,      OUT,      IN,     IN,   IN,     OUT,     IN,   NO),
			new Row(Operation.LIST, Target.B,   OUT,    OUT,     OUT,     OUT,     OUT,      OUT,    OUT,  OUT,    IN,      IN,   NO),
			new Row(Operation.NEARBY, Target.A, IN,     OUT,     IN,      IN,      OUT,      IN,     IN,   IN,     OUT,     IN,   NO),
			new Row(Operation.NEARBY, Target.B, OUT,    OUT,     OUT,     OUT,     OUT,      OUT,    OUT,  OUT,    IN,      IN,   NO),
			new Row(Operation.CONTACT_PHONE, Target.A,
			                                    FULL,   NO,      FULL,    MASKED,  NO,       FULL,   FULL, FULL,   NO,      FULL, NO),
			new Row(Operation.POINT, Target.A,  EXACT,  NO,      EXACT,   EXACT,   NO,       EXACT,  EXACT, EXACT, NO,      EXACT, NO),
			new Row(Operation.POINT, Target.D,  EXACT,  NO,      EXACT,   ROUNDED, NO,       EXACT,  EXACT, EXACT, NO,      EXACT, NO),
			new Row(Operation.VILLAGE_STATS, Target.A,
			                                    NO,     NO,      OK,      OK,      OK,       OK,     OK,   OK,     NO,      OK,   OK),
			new Row(Operation.VILLAGE_STATS, Target.B,
			                                    NO,     NO,      NO,      NO,      NO,       NO,     NO,   NO,     OK,      OK,   OK),
			new Row(Operation.VILLAGE_PEOPLE, Target.A,
			                                    NO,     NO,      OK,      OK,      OK,       OK,     OK,   OK,     NO,      OK,   NO),
			new Row(Operation.VILLAGE_PEOPLE, Target.B,
			                                    NO,     NO,      NO,      NO,      NO,       NO,     NO,   NO,     OK,      OK,   NO),
			new Row(Operation.EXTEND_DEADLINE, Target.A,
			                                    NO,     NO,      NO,      NO,      NO,       NO,     NO,   OK,     NO,      OK,   NO),
			new Row(Operation.EXTEND_DEADLINE, Target.B,
			                                    NO,     NO,      NO,      NO,      NO,       NO,     NO,   NO,     OK,      OK,   NO));
	// @formatter:on

	static final String PHONE = "13912345678";

	@Autowired
	GraphQlClient client;

	@Autowired
	AreaCatalog areas;

	@Autowired
	JdbcClient jdbc;

	private final Map<Target, Case> cases = new EnumMap<>(Target.class);

	private final Map<Person, HttpGraphQlTester> signedIn = new ConcurrentHashMap<>();

	record Case(String id, String trackingNumber, Point point, String village) {
	}

	@BeforeAll
	void submitTheCases() {
		setOnDuty(Person.CELL_PEER.username, false);
		try {
			this.cases.put(Target.A, submit("citizen", CELL, "STREET_LIGHT", VILLAGE));
			this.cases.put(Target.D, submit("citizen", CELL, "DISPUTE", VILLAGE));
		}
		finally {
			setOnDuty(Person.CELL_PEER.username, true);
		}
		this.cases.put(Target.B, submit("citizen3", OTHER_CELL, "STREET_LIGHT", OTHER_VILLAGE));
		assertThat(assigneeOf(Target.A)).isEqualTo(Person.ASSIGNEE.username);
		assertThat(assigneeOf(Target.D)).isEqualTo(Person.ASSIGNEE.username);
	}

	@Test
	void theMatrixCoversEveryPersonOnEveryRow() {
		assertThat(MATRIX).allSatisfy(row -> assertThat(row.expected()).as(row.operation() + " " + row.target())
			.hasSize(Person.values().length));
	}

	@TestFactory
	Stream<DynamicTest> everyRoleEveryOperationInsideAndOutsideScope() {
		List<DynamicTest> tests = new ArrayList<>();
		for (Row row : MATRIX) {
			for (Person person : Person.values()) {
				Outcome expected = row.expected()[person.ordinal()];
				tests.add(DynamicTest.dynamicTest(
						"%s %s %s → %s".formatted(person.username, row.operation(), row.target(), expected),
						() -> assertThat(observe(person, row.operation(), row.target())).isEqualTo(expected)));
			}
		}
		return tests.stream();
	}

	private Outcome observe(Person person, Operation operation, Target target) {
		Case petition = this.cases.get(target);
		HttpGraphQlTester as = this.signedIn.computeIfAbsent(person, who -> this.client.as(who.username));
		GraphQlTester.Request<?> request = switch (operation) {
			case BY_ID -> as.documentName("security/matrixById").variable("id", petition.id());
			case BY_TRACKING_NUMBER -> as.documentName("security/matrixByTrackingNumber")
				.variable("trackingNumber", petition.trackingNumber());
			case LIST -> as.documentName("security/matrixList").variable("areaCode", petition.village());
			case NEARBY -> as.documentName("security/matrixNearby")
				.variable("near", Map.of("lon", petition.point().getX(), "lat", petition.point().getY()));
			case CONTACT_PHONE -> as.documentName("security/matrixContactPhone").variable("id", petition.id());
			case POINT -> as.documentName("security/matrixPoint").variable("id", petition.id());
			case VILLAGE_STATS -> as.documentName("security/matrixVillageStats").variable("code", petition.village());
			case VILLAGE_PEOPLE ->
				as.documentName("security/matrixVillagePeople").variable("areaCode", petition.village());
			case EXTEND_DEADLINE -> as.documentName("security/matrixExtendDeadline").variable("id", petition.id());
		};
		GraphQlResponse response = request.execute().returnResponse();
		List<ResponseError> errors = response.getErrors();
		if (!errors.isEmpty()) {
			assertThat(errors).as("errors").hasSize(1);
			return Outcome.valueOf((String) errors.get(0).getExtensions().get("code"));
		}
		return switch (operation) {
			case BY_ID, BY_TRACKING_NUMBER ->
				(response.field("result").getValue() != null) ? Outcome.OK : Outcome.HIDDEN;
			case LIST, NEARBY ->
				idsListed(operation, response).contains(petition.id()) ? Outcome.LISTED : Outcome.NOT_LISTED;
			case CONTACT_PHONE -> {
				String phone = response.field("result.contactPhone").getValue();
				assertThat(phone).isIn(PHONE, "139****5678");
				yield PHONE.equals(phone) ? Outcome.FULL : Outcome.MASKED;
			}
			case POINT -> {
				List<Double> coordinates = response.field("result.location.point.coordinates").getValue();
				if (coordinates.get(0) == petition.point().getX() && coordinates.get(1) == petition.point().getY()) {
					yield Outcome.EXACT;
				}
				Area cell = this.areas.find(CELL).orElseThrow();
				assertThat(cell.boundary()
					.contains(cell.boundary()
						.getFactory()
						.createPoint(new Coordinate(coordinates.get(0), coordinates.get(1)))))
					.as("a rounded point lies in the cell")
					.isTrue();
				yield Outcome.ROUNDED;
			}
			case VILLAGE_STATS, VILLAGE_PEOPLE, EXTEND_DEADLINE -> Outcome.OK;
		};
	}

	/**
	 * Over the minutes A and D were submitted, cell 二组 holds two petitions: whoever works
	 * the cell sees 2; planners get no count of that window at all, as it is no calendar
	 * month, quarter or year (VALIDATION: counts of arbitrary periods could be subtracted
	 * from each other; their withheld small counts are CalendarPeriodIT's and the
	 * suppression ITs').
	 */
	@Test
	void smallCountsAreWithheldFromThoseWhoMayNotSeeTheCases() {
		Map<String, Object> window = this.jdbc.sql("""
				SELECT min(submitted_at) AS "from", max(submitted_at) + interval '1 microsecond' AS "to"
				FROM petition WHERE id IN (?, ?)""")
			.params(GraphQlClient.number(this.cases.get(Target.A).id()),
					GraphQlClient.number(this.cases.get(Target.D).id()))
			.query()
			.singleRow();
		int inCell = this.jdbc
			.sql("SELECT count(*) FROM petition WHERE area_code = ? AND submitted_at >= ? AND submitted_at < ?")
			.params(CELL, window.get("from"), window.get("to"))
			.query(Integer.class)
			.single();
		assertThat(inCell).as("petitions in the cell over the window").isEqualTo(2);
		Map<String, Object> period = Map.of("from", iso(window.get("from")), "to", iso(window.get("to")));
		Map<String, Object> stats = Map.of("code", CELL, "period", period);

		assertThat(GraphQlClient
			.errorCode(this.client.planner().documentName("security/cellStatsWithSuppression").variables(stats)))
			.isEqualTo("VALIDATION");
		GraphQlResponse officer = this.client.as("officer-360322101")
			.documentName("security/cellStatsWithSuppression")
			.variables(stats)
			.execute()
			.returnResponse();
		assertThat(officer.field("area.stats.total").<Integer>getValue()).isEqualTo(2);
		assertThat(officer.field("area.stats.suppressed").<Boolean>getValue()).isFalse();
		GraphQlResponse assignee = this.client.as(Person.ASSIGNEE.username)
			.documentName("security/cellStatsWithSuppression")
			.variables(stats)
			.execute()
			.returnResponse();
		assertThat(assignee.field("area.stats.total").<Integer>getValue()).isEqualTo(2);

		Map<String, Object> hotspots = Map.of("areaCode", VILLAGE, "period", period);
		assertThat(GraphQlClient
			.errorCode(this.client.planner().documentName("security/hotspotCountsWithSuppression").variables(hotspots)))
			.isEqualTo("VALIDATION");
		assertThat(cellOf(this.client.as("cadre-" + VILLAGE)
			.documentName("security/hotspotCountsWithSuppression")
			.variables(hotspots)
			.execute()
			.returnResponse())).containsEntry("count", 2).containsEntry("suppressed", false);

		Point point = this.cases.get(Target.A).point();
		Map<String, Object> mapLayer = Map.of("period", period, "bbox", Map.of("west", point.getX() - 1e-4, "south",
				point.getY() - 1e-4, "east", point.getX() + 1e-4, "north", point.getY() + 1e-4));
		assertThat(GraphQlClient
			.errorCode(this.client.planner().documentName("security/gridLayerInBox").variables(mapLayer)))
			.isEqualTo("VALIDATION");
		assertThat(featureOf(this.client.as("officer-360322101")
			.documentName("security/gridLayerInBox")
			.variables(mapLayer)
			.execute()
			.returnResponse())).containsEntry("total", 2).containsEntry("suppressed", false);
	}

	/**
	 * The review's trilateration: a grid member of the cell who does not handle the
	 * dispute varied the radius of nearbyPetitions around chosen points and read its
	 * exact point to a metre. Now the case is found, ordered and measured by the point
	 * they are shown (a point of its cell), so the radius at which it appears is the
	 * distance to that point, whatever the exact one.
	 */
	@Test
	void aHiddenPointCannotBeTrilateratedFromNearbyRadii() {
		Case dispute = this.cases.get(Target.D);
		HttpGraphQlTester peer = this.client.as(Person.CELL_PEER.username);
		List<Double> shown = peer.documentName("security/matrixPoint")
			.variable("id", dispute.id())
			.execute()
			.path("result.location.point.coordinates")
			.entity(List.class)
			.get();
		Point exact = dispute.point();
		double shownDistance = io.tiexin.geo.Spheroid.distanceMeters(exact.getCoordinate(),
				new Coordinate(shown.get(0), shown.get(1)));
		assertThat(shownDistance).as("the shown point is not the exact one").isGreaterThan(5);

		// Centred on the exact point, a 1 m radius found it before.
		assertThat(nearbyDistance(peer, exact, 1, dispute.id())).isNull();
		// The smallest radius that finds it is the distance to the shown point...
		double low = 0.5;
		double high = 5000;
		while (high - low > 0.5) {
			double middle = (low + high) / 2;
			if (nearbyDistance(peer, exact, middle, dispute.id()) != null) {
				high = middle;
			}
			else {
				low = middle;
			}
		}
		assertThat(high).isCloseTo(shownDistance, org.assertj.core.data.Offset.offset(2.0));
		// ... and the distance answered is that one too, not the exact 0.
		assertThat(nearbyDistance(peer, exact, high + 1, dispute.id())).isCloseTo(shownDistance,
				org.assertj.core.data.Offset.offset(2.0));
		// The assignee, who may see it, finds it at its exact place.
		assertThat(nearbyDistance(this.client.as(Person.ASSIGNEE.username), exact, 1, dispute.id())).isCloseTo(0.0,
				org.assertj.core.data.Offset.offset(0.5));
	}

	@SuppressWarnings("unchecked")
	private static Double nearbyDistance(HttpGraphQlTester as, Point center, double radius, String id) {
		List<Map<String, Object>> rows = as.documentName("security/nearbyDistances")
			.variable("near", Map.of("lon", center.getX(), "lat", center.getY()))
			.variable("radiusMeters", radius)
			.execute()
			.path("nearbyPetitions")
			.entityList(Map.class)
			.get()
			.stream()
			.map(row -> (Map<String, Object>) row)
			.toList();
		return rows.stream()
			.filter(row -> id.equals(((Map<String, Object>) row.get("petition")).get("id")))
			.map(row -> ((Number) row.get("distanceMeters")).doubleValue())
			.findFirst()
			.orElse(null);
	}

	/**
	 * The review found every vertex of the clusters' hulls to be a stored dispute point.
	 * Hulls and centroids are now drawn from points snapped to 100 m and widened by as
	 * much: none is a stored point of a sensitive case.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void clusterHullsAndCentroidsAreNoStoredSensitivePoint() {
		Area cell = this.areas.find("360322101003006").orElseThrow();
		Point interior = cell.boundary().getInteriorPoint();
		for (int i = 0; i < 6; i++) {
			Map<String, Object> input = PetitionFixtures.submissionAt(interior.getX() + 0.0002 * (i % 3),
					interior.getY() + 0.00015 * (i / 3), "DISPUTE");
			input.put("title", "纠纷");
			this.client.as("citizen2")
				.documentName("petition/submitPetitionId")
				.variable("input", input)
				.execute()
				.path("submitPetition.id")
				.hasValue();
		}
		List<Map<String, Object>> clusters = this.client.as("planner")
			.documentName("security/clusterShapes")
			.variable("areaCode", "360322101003")
			.variable("categoryCode", "DISPUTE")
			.variable("minPoints", 3)
			.execute()
			.path("clusters")
			.entityList(Map.class)
			.get()
			.stream()
			.map(cluster -> (Map<String, Object>) cluster)
			.toList();
		assertThat(clusters).isNotEmpty();
		List<Coordinate> stored = this.jdbc.sql("""
				SELECT ST_X(p.point) AS x, ST_Y(p.point) AS y FROM petition p
				JOIN category c ON c.code = p.category_code WHERE c.sensitive""")
			.query((rs, row) -> new Coordinate(rs.getDouble("x"), rs.getDouble("y")))
			.list();
		assertThat(stored).hasSizeGreaterThanOrEqualTo(6);
		List<List<Double>> vertices = new ArrayList<>();
		for (Map<String, Object> cluster : clusters) {
			Map<String, Object> hull = (Map<String, Object>) cluster.get("hull");
			collectPositions(hull.get("coordinates"), vertices);
			collectPositions(((Map<String, Object>) cluster.get("centroid")).get("coordinates"), vertices);
		}
		assertThat(vertices).isNotEmpty();
		for (List<Double> vertex : vertices) {
			assertThat(stored).noneMatch(
					point -> Math.abs(point.x - vertex.get(0)) < 1e-6 && Math.abs(point.y - vertex.get(1)) < 1e-6);
		}
	}

	@SuppressWarnings("unchecked")
	private static void collectPositions(Object coordinates, List<List<Double>> into) {
		List<Object> list = (List<Object>) coordinates;
		if (!list.isEmpty() && list.get(0) instanceof Number) {
			into.add(list.stream().map(value -> ((Number) value).doubleValue()).toList());
		}
		else {
			list.forEach(inner -> collectPositions(inner, into));
		}
	}

	@Autowired
	HttpGraphQlTester anonymous;

	/**
	 * The review: {@code area { gridMembers { username name phone openCases homeArea } }}
	 * answered in full without sign-in, and a timeline showed the submitter's full name
	 * and username to someone who sees the contact as {@code 张**}. The liaison board
	 * (names, phones, duties) is public by design; the rest is masked or withheld.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void staffAndResidentsAreMaskedForThoseWhoMayNotSeeThem() {
		Map<String, Object> area = this.anonymous.documentName("security/areaStaff")
			.variable("code", CELL)
			.execute()
			.path("area")
			.entity(Map.class)
			.get();
		List<Map<String, Object>> members = (List<Map<String, Object>>) area.get("gridMembers");
		assertThat(members).isNotEmpty().allSatisfy(member -> {
			assertThat(member.get("username")).isEqualTo("***");
			assertThat((String) member.get("name")).matches(".\\*+");
			assertThat((String) member.get("phone")).contains("****");
			assertThat(member.get("openCases")).isEqualTo(0);
			assertThat(member.get("homeArea")).isNull();
		});
		List<Map<String, Object>> liaisons = (List<Map<String, Object>>) area.get("liaisons");
		assertThat(liaisons).isNotEmpty()
			.allSatisfy(liaison -> assertThat((String) liaison.get("phone")).doesNotContain("*"));
		// staff see their colleagues
		Map<String, Object> seenByStaff = this.client.as(Person.NEIGHBOUR_GM.username)
			.documentName("security/areaStaff")
			.variable("code", CELL)
			.execute()
			.path("area")
			.entity(Map.class)
			.get();
		assertThat((List<Map<String, Object>>) seenByStaff.get("gridMembers"))
			.anySatisfy(member -> assertThat(member.get("username")).isEqualTo(Person.ASSIGNEE.username));

		// The timeline's submitter, to the cell's other grid member, who sees the contact
		// masked
		Map<String, Object> petition = this.client.as(Person.CELL_PEER.username)
			.documentName("security/contactAndTimelineActors")
			.variable("id", this.cases.get(Target.D).id())
			.execute()
			.path("petition")
			.entity(Map.class)
			.get();
		assertThat((String) petition.get("contactPhone")).contains("*");
		List<Map<String, Object>> events = (List<Map<String, Object>>) petition.get("timeline");
		assertThat(events).map(event -> (Map<String, Object>) event.get("actor"))
			.filteredOn(java.util.Objects::nonNull)
			.noneSatisfy(actor -> assertThat(actor.get("username")).isEqualTo("citizen"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cellOf(GraphQlResponse hotspots) {
		List<Map<String, Object>> cells = hotspots.field("hotspots.cells").getValue();
		return cells.stream()
			.filter(cell -> CELL.equals(((Map<String, Object>) cell.get("area")).get("code")))
			.findFirst()
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> featureOf(GraphQlResponse mapLayer) {
		List<Map<String, Object>> features = mapLayer.field("mapLayer.features").getValue();
		return features.stream()
			.filter(feature -> CELL.equals(feature.get("id")))
			.map(feature -> (Map<String, Object>) feature.get("properties"))
			.findFirst()
			.orElseThrow();
	}

	private static String iso(Object timestamp) {
		return ((java.sql.Timestamp) timestamp).toInstant().toString();
	}

	@SuppressWarnings("unchecked")
	private static List<String> idsListed(Operation operation, GraphQlResponse response) {
		String path = (operation == Operation.LIST) ? "result.edges" : "result";
		String nested = (operation == Operation.LIST) ? "node" : "petition";
		List<Map<String, Object>> rows = response.field(path).getValue();
		return rows.stream().map(row -> (String) ((Map<String, Object>) row.get(nested)).get("id")).toList();
	}

	private Case submit(String username, String cellCode, String category, String village) {
		Point inside = pointInside(this.areas.find(cellCode).orElseThrow());
		Map<String, Object> input = Map.of("title", "访问矩阵", "categoryCode", category, "channel", "MINI_PROGRAM",
				"location", Map.of("lon", inside.getX(), "lat", inside.getY()), "contactName", "王小明", "contactPhone",
				PHONE);
		GraphQlResponse response = this.client.as(username)
			.documentName("security/submitWithContact")
			.variable("input", input)
			.execute()
			.returnResponse();
		assertThat(response.getErrors()).isEmpty();
		List<Double> coordinates = response.field("submitPetition.location.point.coordinates").getValue();
		Point point = inside.getFactory().createPoint(new Coordinate(coordinates.get(0), coordinates.get(1)));
		return new Case(response.field("submitPetition.id").getValue(),
				response.field("submitPetition.trackingNumber").getValue(), point, village);
	}

	/**
	 * A point in the cell other than its interior point: that is where a hidden point is
	 * shown, so a case placed exactly there could not tell the two apart.
	 */
	private static Point pointInside(Area cell) {
		Point interior = cell.boundary().getInteriorPoint();
		Coordinate corner = cell.boundary().getCoordinates()[0];
		for (double share = 0.5; share > 0.01; share /= 2) {
			Point candidate = interior.getFactory()
				.createPoint(new Coordinate(interior.getX() + (corner.x - interior.getX()) * share,
						interior.getY() + (corner.y - interior.getY()) * share));
			if (cell.boundary().contains(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException("no point found inside " + cell.code());
	}

	private String assigneeOf(Target target) {
		return this.jdbc.sql("SELECT p.username FROM petition t JOIN person p ON p.id = t.assignee_id WHERE t.id = ?")
			.param(GraphQlClient.number(this.cases.get(target).id()))
			.query(String.class)
			.single();
	}

	private void setOnDuty(String username, boolean onDuty) {
		this.client.setOnDuty(username, onDuty);
	}

}
