package io.tiexin.shared;

/**
 * The numbers behind {@link QueryCost}: what a field costs by itself, how many objects a
 * list field returns, and which area level a field's objects are at (the fan-out of the
 * area tree differs by level). One point is about one value in an answer, some 8 µs: the
 * review's ping-pong query answered 100,000 areas in 0.84 s. A field that computes costs
 * its measured time at 100 points a millisecond.
 * <p>
 * List sizes are the real bounds of the Shangli demo county (the 2,614 grid members and
 * every area of scripts/demo), measured once with SQL on the test database (see
 * QueryLimitsIT#theListEstimatesBoundTheCounty, which fails when the data outgrows them).
 * Levels are indexed county 0, township 1, village 2, grid cell 3; null when the document
 * does not say (then the largest level's number is used).
 */
final class QueryCostModel {

	/** Points a millisecond of measured work costs. */
	static final long PER_MS = 100;

	/** The most children an area of each level has (county: townships...). */
	static final long[] CHILDREN = { 10, 34, 24, 0 };

	/** The most grid members at or below one area of each level. */
	static final long[] GRID_MEMBERS = { 2614, 537, 27, 2 };

	/** The most liaisons of one area of each level. */
	static final long[] LIAISONS = { 400, 60, 5, 5 };

	/** Areas at each level in the county. */
	static final long[] AREAS_AT = { 1, 10, 200, 2400 };

	/** The most grid cells below (or at) one area of each level: hot spot cells. */
	static final long[] CELLS_BELOW = { 2400, 500, 25, 1 };

	/** The petition categories (byCategory lists every one). */
	static final long CATEGORIES = 10;

	/**
	 * The county's departments: 14 in gis-data/shangli-360322-departments.json, the file
	 * they are imported from.
	 */
	static final long DEPARTMENTS = 14;

	/** The largest page any field returns. */
	static final long MAX_PAGE = 500;

	/** A list field with no estimate of its own. */
	static final long DEFAULT_LIST_SIZE = 20;

	private QueryCostModel() {
	}

	/**
	 * What the field costs by itself, whatever is selected below it; 0 to take the SDL's
	 * {@code @cost} weight (or 1).
	 */
	static long weight(String type, String field, QueryCost.Args args, Integer level) {
		// Times are medians of three runs logged once by a throwaway test over the demo's
		// 27,000 cases, the admin signed in, HTTP included (2026-12-06, "measured"), or
		// bench/results/2026-11-30-1000000.md at 1,000,000 cases ("bench"); the larger is
		// taken.
		return switch (type + "." + field) {
			// measured: the county's stats 30-60 ms; bench: 20 ms
			case "Area.stats" -> 50 * PER_MS;
			// bench: medianHoursToClose alone 981 ms (it sorts every closed case of the
			// period); measured 125 ms; the review: 200 aliases 7.6 s
			case "AreaStats.medianHoursToClose" -> 1000 * PER_MS;
			// measured: the county's trend by day 70 ms
			case "Area.trend" -> 70 * PER_MS;
			// measured: GRID for the county 280 ms (bench 41 ms); HEXAGON 250 m 840 ms
			// (bench
			// 1.7 s)
			case "Query.hotspots" -> "HEXAGON".equals(args.text("unit")) ? 2000 * PER_MS : 300 * PER_MS;
			// measured: the county, default eps 450 ms; eps 2,000 m 1.1 s
			case "Query.clusters" -> 1200 * PER_MS;
			// measured: MONTH x 12 490 ms, DAY x 120 1.2 s; the review: 3.6 s each
			case "Query.emergingHotspots" -> 4000 * PER_MS;
			// measured: the grid-cell layer 300 ms, the village layer 290 ms (220 KB)
			case "Query.mapLayer" -> switch (String.valueOf(args.text("level"))) {
				case "COUNTY", "TOWNSHIP" -> 60 * PER_MS;
				default -> 300 * PER_MS;
			};
			// measured: the county's boundary 56 ms, 42 KB; a cell's is a few hundred
			// bytes
			// a village's some 100 vertices (the village layer: 220 KB for its features)
			case "Area.boundary" -> Math.min(switch ((level != null) ? level : 0) {
				case 0 -> 60 * PER_MS;
				case 1 -> 20 * PER_MS;
				case 2 -> 300;
				default -> 100;
			}, args.has("toleranceMeters") && args.text("toleranceMeters") != null ? 500 : Long.MAX_VALUE);
			// measured: the county's 2,614 grid members (names only) 1.3 s: 0.5 ms each
			case "Area.gridMembers" -> at(GRID_MEMBERS, level) * PER_MS / 2;
			case "Area.liaisons" -> at(LIAISONS, level) * PER_MS / 2;
			// bench: nearbyPetitions p50 2.8 ms; a township's first petitions page 14 ms
			case "Query.nearbyPetitions" -> 3 * PER_MS;
			case "Query.petitions", "Query.myCases", "Query.dispatchQueue", "Query.supervisedCases", "Query.auditLog" ->
				15 * PER_MS;
			default -> 0;
		};
	}

	/**
	 * Whether the field is loaded for every object of a list at once (a batch mapping),
	 * its work bounded by the county's: its weight counts once per place in the document,
	 * not once per object. The statistics of every village of a township are one
	 * statement (AnalyticsIT#statsOfEveryVillageOfATownshipCostThreeStatements).
	 */
	static boolean batched(String type, String field) {
		return switch (type + "." + field) {
			case "Area.stats", "AreaStats.medianHoursToClose", "Area.trend" -> true;
			default -> false;
		};
	}

	/**
	 * How many objects the field returns, for a list (its {@code first} argument, else an
	 * estimate), or for an object field that takes {@code first} (a page); else 1.
	 */
	static long listSize(String type, String field, QueryCost.Args args, Integer level, boolean list) {
		if (args.has("first")) {
			// a page counted from its end (Relay's last) is as large
			Long first = (args.has("last") && args.number("last") != null) ? args.number("last") : args.number("first");
			// no field accepts a page over 500 (the audit log's largest): a larger first
			// is
			// refused with VALIDATION by the field itself, before any work
			return (first != null) ? Math.min(first, MAX_PAGE) : DEFAULT_LIST_SIZE;
		}
		if (!list) {
			return 1;
		}
		return switch (type + "." + field) {
			case "Area.children" -> at(CHILDREN, level);
			case "Area.ancestors" -> 3;
			case "Area.gridMembers" -> at(GRID_MEMBERS, level);
			case "Area.liaisons" -> at(LIAISONS, level);
			// these two are sized by the level their arguments name, not the caller's
			case "Query.people" -> at(GRID_MEMBERS, levelBelow(type, field, args, level)) * 2;
			case "Query.areas" -> {
				Integer parent = levelOfCode(args.text("parentCode"));
				Integer asked = levelBelow(type, field, args, level);
				yield (parent != null && asked != null && asked == parent + 1) ? CHILDREN[parent] : at(AREAS_AT, asked);
			}
			case "Query.searchPlaces" -> 20;
			case "Query.categories", "AreaStats.byCategory", "TrendBucket.byCategory" -> CATEGORIES;
			case "AreaStats.byStatus" -> 7;
			// TimeBuckets.MAX_BUCKETS; by month a year is 12
			case "Area.trend" -> "DAY".equals(args.text("interval")) ? 1000 : 60;
			// hexagons of the default 500 m are about as many as grid cells; 250 m four
			// times
			case "HotspotResult.cells" -> at(CELLS_BELOW, level) * 4;
			case "EmergingHotspotResult.cells" -> at(CELLS_BELOW, level);
			case "Query.clusters" -> 50;
			// pages: the field holding the page was counted with its first argument
			case "PetitionConnection.edges", "AuditPage.entries", "WhistleConnection.edges", "VisitConnection.edges",
					"MeetingConnection.edges" ->
				1;
			// department: a whistle summons at most Whistles.MAX_DEPARTMENTS (10)
			// departments, each answering once
			case "Whistle.responses" -> 10;
			// a department cannot be summoned again while its answer is open, so a case
			// sees a few whistles
			case "Petition.whistles" -> 10;
			case "Query.departments", "Query.departmentStats" -> DEPARTMENTS;
			// no department answers for more categories than there are
			case "Department.categories" -> CATEGORIES;
			// the import file gives a department at most 2 staff; a bureau's duty
			// officers are a handful, never a whole ministry
			case "Department.staff" -> 20;
			// meeting: recordMeeting refuses more than MeetingService.MAX_ITEMS (200)
			// items and MAX_ATTENDEES (500) programme people
			case "Meeting.items" -> 200;
			case "Meeting.attendees" -> 500;
			// the public notice: "At most 50, soonest first" (meeting.graphqls)
			case "Query.upcomingMeetings" -> 50;
			// liaison: a board is one village's liaisons; idle liaisons are at most the
			// area's liaisons
			case "LiaisonBoard.liaisons" -> LIAISONS[2];
			case "Query.idleLiaisons" -> at(LIAISONS, levelOfCode(args.text("areaCode")));
			// open311 and webhook: administrators' own registrations, one per partner
			// system; the county has a handful
			case "Query.apiKeys", "Query.webhooks" -> DEFAULT_LIST_SIZE;
			default -> DEFAULT_LIST_SIZE;
		};
	}

	/** The area level of the objects below the field, when the document says it. */
	static Integer levelBelow(String type, String field, QueryCost.Args args, Integer level) {
		return switch (type + "." + field) {
			case "Query.area" -> levelOfCode(args.text("code"));
			case "Query.areas" -> levelOfName(args.text("level"), levelOfCode(args.text("parentCode")));
			case "Area.children" -> (level != null) ? Math.min(3, level + 1) : null;
			case "Area.parent" -> (level != null) ? Math.max(0, level - 1) : null;
			case "Petition.grid", "Location.grid" -> 3;
			case "Query.hotspots", "Query.emergingHotspots", "Query.clusters", "Query.people" ->
				levelOfCode(args.text("areaCode"));
			case "Query.mapLayer" -> levelOfName(args.text("level"), null);
			default -> null;
		};
	}

	private static Integer levelOfName(String name, Integer below) {
		if (name == null) {
			return (below != null) ? Math.min(3, below + 1) : null;
		}
		return switch (name) {
			case "COUNTY" -> 0;
			case "TOWNSHIP" -> 1;
			case "VILLAGE" -> 2;
			case "GRID" -> 3;
			default -> null;
		};
	}

	private static Integer levelOfCode(String code) {
		if (code == null) {
			return null;
		}
		return switch (code.length()) {
			case 6 -> 0;
			case 9 -> 1;
			case 12 -> 2;
			case 15 -> 3;
			default -> null;
		};
	}

	private static long at(long[] byLevel, Integer level) {
		if (level == null) {
			long max = 0;
			for (long value : byLevel) {
				max = Math.max(max, value);
			}
			return max;
		}
		return byLevel[level];
	}

}
