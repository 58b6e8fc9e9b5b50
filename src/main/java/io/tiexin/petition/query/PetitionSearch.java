package io.tiexin.petition.query;

import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionFilter;
import io.tiexin.petition.PetitionStatus;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.Ids;
import io.tiexin.shared.TiexinException;
import org.locationtech.jts.geom.Envelope;

/**
 * The WHERE clause of a petition list with its named parameters, built from a filter, who
 * is asking and keyset cursors, with its order and the scan direction. Every value is a
 * bind parameter; only fixed SQL fragments are concatenated.
 * <p>
 * Each filter is written the way an index of V19 answers it in the list's order, so that
 * a page reads about as many rows as it returns (docs/graphql-conventions.md): an area as
 * {@code left(area_code, n) = code} (n its level's code length; a prefix LIKE cannot come
 * out of an index in time order), and, when no area or person narrows the list, a list of
 * statuses or categories as one ordered index scan per value ({@link #branches()}).
 */
public final class PetitionSearch {

	private static final String OPEN = "p.status IN " + PetitionStatus.OPEN_SQL;

	private static final String STATUS_LIST = "p.status = ANY(:statuses)";

	private static final String CATEGORY_LIST = "p.category_code = ANY(:categories)";

	/** The most values a list is scanned by one at a time (there are 7 statuses). */
	private static final int MAX_DRIVE_VALUES = 10;

	private final List<String> conditions = new ArrayList<>(List.of("true"));

	private final Map<String, Object> parameters = new LinkedHashMap<>();

	private int limit = 20;

	private PetitionListOrder order = PetitionListOrder.NEWEST_FIRST;

	private boolean reversed;

	/** An area or a person narrows the list: no per-value scans then. */
	private boolean narrowed;

	private String[] statuses;

	private String[] categories;

	/**
	 * Only overdue cases: their due time is never null, and the open due index orders
	 * them.
	 */
	private boolean overdue;

	/**
	 * The areas of a member of staff's scope, one scan each ({@link #branches()}); or
	 * null.
	 */
	private List<String> scopeCodes;

	/** The scope's condition among the conditions, or null. */
	private String scopeCondition;

	/**
	 * The area filter's expression, leading the ORDER BY and the keyset (see
	 * {@link #filter}); null without an area filter.
	 */
	private String lead;

	/** The keyset cursors' bounds, written out with the lead when the SQL is. */
	private final List<Bound> bounds = new ArrayList<>();

	/**
	 * The areas (each code standing for itself and everything below it) that hold every
	 * petition this search finds which the asker is not a party to; null when any area
	 * may (see {@link #othersCasesAreas()}).
	 */
	private List<String> othersCasesAreas;

	/** The list is filtered by a box (see {@link #distanceInTime()}). */
	private boolean boxed;

	/** The area filter's code, or null. */
	private String areaCode;

	/**
	 * A condition was added that the daily rollup cannot count by (a period, a box, a
	 * person, overdue, …): see {@link #rollupCount()}.
	 */
	private boolean beyondRollup;

	public static PetitionSearch filtered(PetitionFilter filter, OffsetDateTime now) {
		return filter(new PetitionSearch(), filter, now);
	}

	private static PetitionSearch filter(PetitionSearch search, PetitionFilter filter, OffsetDateTime now) {
		PetitionFilter f = (filter != null) ? filter : PetitionFilter.NONE;
		if (f.areaCode() != null) {
			if (!f.areaCode().matches("\\d{6}(\\d{3}){0,3}")) {
				throw new TiexinException(ErrorCode.VALIDATION, "区域编码无效 (invalid area code): " + f.areaCode());
			}
			// Codes are digits, 6 for the county and 3 more a level: "in or below" is the
			// code's prefix of its own length, which the level's index holds in time
			// order. Written as a range of one value and leading the ORDER BY: as an
			// equality PostgreSQL drops it from the sort keys, and then reading the plain
			// time index and filtering looks cheaper to it (the heap is in time order)
			// than the area's index, though it reads ten or a hundred times the rows.
			int length = f.areaCode().length();
			search.lead = (length == 15) ? "p.area_code" : "left(p.area_code, " + length + ")";
			search.where(search.lead + " BETWEEN :area AND :area", "area", f.areaCode());
			search.areaCode = f.areaCode();
			search.narrowed = true;
			search.confineOthersCasesTo(List.of(f.areaCode()));
		}
		if (f.status() != null && !f.status().isEmpty()) {
			search.statuses = f.status().stream().map(Enum::name).distinct().toArray(String[]::new);
			search.where(STATUS_LIST, "statuses", search.statuses);
			search.parameterEach("statuses", search.statuses);
		}
		if (f.categoryCode() != null && !f.categoryCode().isEmpty()) {
			search.categories = f.categoryCode().stream().distinct().toArray(String[]::new);
			search.where(CATEGORY_LIST, "categories", search.categories);
			search.parameterEach("categories", search.categories);
		}
		if (f.submittedFrom() != null || f.submittedTo() != null || f.overdue() != null || f.bbox() != null
				|| f.assigneeId() != null) {
			search.beyondRollup = true;
		}
		if (f.submittedFrom() != null) {
			search.where("p.submitted_at >= :submittedFrom", "submittedFrom", f.submittedFrom());
		}
		if (f.submittedTo() != null) {
			search.where("p.submitted_at < :submittedTo", "submittedTo", f.submittedTo());
		}
		if (f.overdue() != null) {
			search.overdue = f.overdue();
			search.parameters.put("now", now);
			search.conditions
				.add((f.overdue() ? "" : "NOT ") + "(" + OPEN + " AND p.due_at IS NOT NULL AND p.due_at < :now)");
		}
		if (f.bbox() != null) {
			Envelope box = f.bbox().toEnvelope();
			search.parameters.putAll(Map.of("west", box.getMinX(), "south", box.getMinY(), "east", box.getMaxX(),
					"north", box.getMaxY()));
			search.conditions.add("p.point && ST_MakeEnvelope(:west, :south, :east, :north, 4326)");
			search.boxed = true;
		}
		if (f.assigneeId() != null) {
			search.where("p.assignee_id = :assigneeId", "assigneeId",
					Ids.reference(f.assigneeId(), "Person", "负责人编号 (assigneeId)"));
			search.narrowed = true;
		}
		return search;
	}

	/** Only petitions this person submitted. */
	public PetitionSearch submittedBy(long personId) {
		this.beyondRollup = true;
		this.narrowed = true;
		this.othersCasesAreas = List.of();
		return where("p.submitter_id = :submitterId", "submitterId", personId);
	}

	/**
	 * Petitions in the areas (each code stands for itself and everything below it) or
	 * that the person is a party to: the scope of a member of staff.
	 */
	public PetitionSearch withinScope(List<String> areaCodes, long personId) {
		// Read as one ordered scan per area and per way of being a party
		// (branches()): as one OR, PostgreSQL reads every row of the scope and sorts.
		this.narrowed = true;
		this.scopeCodes = List.copyOf(areaCodes);
		confineOthersCasesTo(this.scopeCodes);
		for (int i = 0; i < areaCodes.size(); i++) {
			this.parameters.put("scope" + i, areaCodes.get(i));
		}
		this.parameters.put("scopePrefixes", areaCodes.stream().map(code -> code + "%").toArray(String[]::new));
		this.parameters.put("scopePerson", personId);
		this.scopeCondition = "(p.area_code LIKE ANY(:scopePrefixes) OR p.submitter_id = :scopePerson"
				+ " OR p.assignee_id = :scopePerson OR p.liaison_id = :scopePerson)";
		this.conditions.add(this.scopeCondition);
		return this;
	}

	/** Petitions the person handles, is liaison of, or submitted. */
	public PetitionSearch involving(long personId) {
		this.beyondRollup = true;
		this.narrowed = true;
		this.othersCasesAreas = List.of();
		return where("(p.assignee_id = :me OR p.liaison_id = :me OR p.submitter_id = :me)", "me", personId);
	}

	public PetitionSearch withTrackingNumbers(List<String> trackingNumbers) {
		this.beyondRollup = true;
		return where("p.tracking_number = ANY(:trackingNumbers)", "trackingNumbers",
				trackingNumbers.toArray(String[]::new));
	}

	public PetitionSearch excludingSensitiveCategories() {
		this.beyondRollup = true;
		this.conditions.add("p.category_code NOT IN (SELECT c.code FROM category c WHERE c.sensitive)");
		return this;
	}

	/** The filters of a public list (each optional: null or empty). */
	public PetitionSearch publicFilter(List<String> categoryCodes, List<PetitionStatus> statuses,
			OffsetDateTime submittedFrom, OffsetDateTime submittedTo) {
		return PetitionSearch.filter(this,
				new PetitionFilter(null, statuses, categoryCodes, submittedFrom, submittedTo, null, null, null), null);
	}

	/** Open petitions nobody is assigned to, waiting in a dispatch queue. */
	public PetitionSearch unassigned() {
		this.beyondRollup = true;
		this.conditions.add("p.status = 'SUBMITTED' AND p.assignee_id IS NULL");
		return this;
	}

	/** Open petitions that are overdue or marked for supervision (督办). */
	public PetitionSearch underSupervision(OffsetDateTime now) {
		this.beyondRollup = true;
		this.parameters.put("supervisionNow", now);
		this.conditions.add(OPEN + " AND (p.supervised OR p.due_at < :supervisionNow)");
		return this;
	}

	public PetitionSearch orderedBy(PetitionListOrder order) {
		this.order = order;
		return this;
	}

	/**
	 * Petitions after the cursor's position in this search's order.
	 * @throws TiexinException {@code VALIDATION} for a cursor that is not one of this
	 * order's
	 */
	public PetitionSearch after(String cursor) {
		return (cursor != null) ? compared(cursor, true, false, "after") : this;
	}

	/** Petitions before the cursor's position in this search's order. */
	public PetitionSearch before(String cursor) {
		return (cursor != null) ? compared(cursor, false, false, "before") : this;
	}

	/**
	 * Petitions at or before the cursor's position: whether any exist says whether a page
	 * starting after it has a previous page.
	 */
	public PetitionSearch atOrBefore(String cursor) {
		return compared(cursor, false, true, "edge");
	}

	/** Petitions at or after the cursor's position. */
	public PetitionSearch atOrAfter(String cursor) {
		return compared(cursor, true, true, "edge");
	}

	private PetitionSearch compared(String cursor, boolean beyond, boolean inclusive, String prefix) {
		List<String> values = this.order.decode(cursor);
		List<String> names = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			names.add(prefix + i);
			this.parameters.put(prefix + i, values.get(i));
		}
		this.bounds.add(new Bound(names, beyond, inclusive));
		return this;
	}

	/**
	 * Reads the order from its end: for the last items before a cursor, which the caller
	 * then turns back into the order.
	 */
	public PetitionSearch reversed(boolean reversed) {
		this.reversed = reversed;
		return this;
	}

	/**
	 * The ORDER BY of the scan: this search's order, or its reverse, led by the area
	 * filter's expression.
	 */
	public String orderBy() {
		return orderBy(this.lead);
	}

	/**
	 * The ORDER BY led by an expression every row holds the same value of, or by none.
	 */
	public String orderBy(String lead) {
		return order().orderBy(this.reversed, lead);
	}

	/** The sort keys as the columns {@code k0, k1, …}, for a merge of scans. */
	public String sortKeys() {
		return order().sortKeys();
	}

	/** The ORDER BY of a merge of scans, over {@link #sortKeys()}. */
	public String orderBySortKeys() {
		return order().orderBySortKeys(this.reversed);
	}

	/**
	 * The order as written in SQL: an overdue list's due time is never null, so it sorts
	 * by {@code due_at} itself, which the open cases' due index (V4) holds in order.
	 */
	private PetitionListOrder order() {
		return this.overdue ? this.order.withDueAt() : this.order;
	}

	/**
	 * The ordered scans whose merge is the list, each of the rows whose expression holds
	 * one value ({@link Branch}), when one index cannot give the list in its order: a
	 * member of staff's scope (one scan per area, then one per way of being a party:
	 * submitter, assignee, liaison); a list of at most 10 statuses or categories when
	 * nothing else narrows it (PostgreSQL 15 reads an {@code = ANY(...)} index scan in
	 * value order, not in the list's). Empty when the list is one scan as written: an
	 * area leads it ({@link #where()}), one person's list (an assignee's, a citizen's
	 * own: by V23's indexes), or no index would serve a merge better than the filters do.
	 */
	public List<Branch> branches() {
		if (this.lead != null) {
			return List.of();
		}
		if (this.scopeCodes != null) {
			List<Branch> branches = new ArrayList<>();
			for (int i = 0; i < this.scopeCodes.size(); i++) {
				int length = this.scopeCodes.get(i).length();
				if (length != 9 && length != 12 && length != 15) {
					// no index of V19 holds such a prefix in order
					return List.of();
				}
				String area = (length == 15) ? "p.area_code" : "left(p.area_code, " + length + ")";
				branches.add(new Branch(area, ":scope" + i, true, this.scopeCondition));
			}
			branches.add(new Branch("p.submitter_id", ":scopePerson", false, this.scopeCondition));
			branches.add(new Branch("p.assignee_id", ":scopePerson", false, this.scopeCondition));
			branches.add(new Branch("p.liaison_id", ":scopePerson", false, this.scopeCondition));
			return branches;
		}
		if (this.narrowed || (this.statuses == null && this.categories == null) || distanceInTime() != null) {
			return List.of();
		}
		String column = (this.statuses != null) ? "p.status" : "p.category_code";
		String name = (this.statuses != null) ? "statuses" : "categories";
		String list = (this.statuses != null) ? STATUS_LIST : CATEGORY_LIST;
		String[] values = (this.statuses != null) ? this.statuses : this.categories;
		if (values.length > MAX_DRIVE_VALUES) {
			// one scan each would cost more to plan than a filter costs to read
			return List.of();
		}
		List<Branch> branches = new ArrayList<>();
		for (int i = 0; i < values.length; i++) {
			branches.add(new Branch(column, ":" + name + i, true, list));
		}
		return branches;
	}

	/** A copy to narrow further (a cursor, a limit) while this one stays as it is. */
	public PetitionSearch copy() {
		PetitionSearch copy = new PetitionSearch();
		copy.conditions.clear();
		copy.conditions.addAll(this.conditions);
		copy.parameters.putAll(this.parameters);
		copy.limit = this.limit;
		copy.order = this.order;
		copy.reversed = this.reversed;
		copy.narrowed = this.narrowed;
		copy.statuses = this.statuses;
		copy.categories = this.categories;
		copy.lead = this.lead;
		copy.overdue = this.overdue;
		copy.scopeCodes = this.scopeCodes;
		copy.scopeCondition = this.scopeCondition;
		copy.bounds.addAll(this.bounds);
		copy.othersCasesAreas = this.othersCasesAreas;
		copy.boxed = this.boxed;
		copy.areaCode = this.areaCode;
		copy.beyondRollup = this.beyondRollup;
		return copy;
	}

	/** Where the petition stands in this search's order, as an opaque cursor. */
	public String cursorOf(Petition petition) {
		return this.order.cursorOf(petition);
	}

	public PetitionSearch limit(int limit) {
		this.limit = limit;
		return this;
	}

	/**
	 * The conditions, the cursors' bounds on the sort keys alone, as in each scan of
	 * {@link #branches()} and for the same reason: a bound led by the area filter's
	 * expression is estimated by its first column, and for an area late in code order,
	 * read forwards, "an area after it" looks like no row: in the full suite, with other
	 * tests' petitions in the table, a township's second page read forwards read 596 rows
	 * for a page of 10. After the area's range of one value the btree still starts at the
	 * bound on the sort keys.
	 */
	public String where() {
		return where(null, null);
	}

	/**
	 * The conditions, the cursors' bounds led by an expression whose one value the rows
	 * hold (a row comparison on an index's columns from its first is where the index scan
	 * starts; on later columns alone only a filter of every entry before it), or by none.
	 */
	public String where(String lead, String leadValue) {
		List<String> all = new ArrayList<>(this.conditions);
		this.bounds.forEach(bound -> all.add(order().compared(bound, lead, leadValue)));
		if (distanceInTime() != null) {
			// where the GiST index starts: it holds no row comparison
			this.bounds.forEach(bound -> all.add(order().comparedFirstKey(bound)));
		}
		return String.join(" AND ", all);
	}

	/**
	 * The order of a list filtered by a box, newest or oldest first, as the GiST index of
	 * {@code (point, submitted_at)} (V26_1, btree_gist) reads it: the box is its index
	 * condition and the distance in time from the end the list starts at its order, so
	 * the scan stops after the page, where a box read by the spatial index alone was read
	 * whole and sorted (at 1,000,000 petitions a 2 km square holds about 5,500) and the
	 * time index walked with the box as a filter read a hundred rows a page. The distance
	 * gives no order to ties, which the page then sorts by id: the page is read
	 * {@code WITH TIES} ({@code PetitionListRepository.pageStatement}). Null for the
	 * other orders (read and sorted), and when an area, a scope or a person narrows the
	 * list: their indexes lead, the box filters.
	 */
	public String distanceInTime() {
		if (!this.boxed || this.narrowed || !order().bySubmission()) {
			return null;
		}
		return order().distanceFromStart(this.reversed);
	}

	/**
	 * The conditions of one scan of {@link #branches()}: as
	 * {@link #where(String, String)} without the condition the scan's own implies (the
	 * scope's OR, the list of statuses or categories), and with the cursors' bounds on
	 * the sort keys alone. Kept, either would be counted again: PostgreSQL would expect a
	 * few rows where there are hundreds, and read them unordered and sort them. A bound
	 * led by the scan's expression is counted by its first column alone (for the last
	 * status in text order, read forwards, "status above it" looks like no row at all:
	 * 172 rows read for a page of 10); after the inclusive range of one value
	 * ({@code lead BETWEEN v AND v}) the btree still starts the scan at the bound on the
	 * next columns.
	 */
	public String where(Branch branch) {
		List<String> all = new ArrayList<>(this.conditions);
		all.remove(branch.implied());
		this.bounds.forEach(bound -> all.add(order().compared(bound, null, null)));
		return String.join(" AND ", all);
	}

	/**
	 * The areas (each code standing for itself and everything below it) outside which
	 * this search finds only petitions the asker is a party to (submitter, assignee or
	 * liaison): a member of staff's scope, an area filter, none for a citizen's own; null
	 * when the search is not confined to areas. The nearby search leaves the other areas
	 * out before it reads their cases shown at the area's point, which are never the
	 * asker's own.
	 */
	public List<String> othersCasesAreas() {
		return this.othersCasesAreas;
	}

	/** Narrows the areas of others' cases to those also in or below one of these. */
	private void confineOthersCasesTo(List<String> codes) {
		if (this.othersCasesAreas == null) {
			this.othersCasesAreas = List.copyOf(codes);
			return;
		}
		List<String> both = new ArrayList<>();
		for (String held : this.othersCasesAreas) {
			for (String code : codes) {
				if (held.startsWith(code)) {
					both.add(held);
				}
				else if (code.startsWith(held)) {
					both.add(code);
				}
			}
		}
		this.othersCasesAreas = List.copyOf(both);
	}

	/**
	 * What the daily rollup ({@code petition_rollup}, kept by triggers in the writing
	 * transaction, so exact) counts for this search, when only an area, statuses and
	 * categories narrow it and nothing limits it to the asker's scope beyond the area (an
	 * area within the scope makes the scope's condition hold for every row): a township's
	 * total at 1,000,000 petitions is one range of the rollup's key (about 10,000 rows, 8
	 * ms) where counting the petitions read 144,000 (0.4 s). Empty otherwise, and when
	 * cursors bound the search.
	 */
	public Optional<RollupCount> rollupCount() {
		if (this.beyondRollup || !this.bounds.isEmpty()) {
			return Optional.empty();
		}
		if (this.scopeCodes != null
				&& (this.areaCode == null || this.scopeCodes.stream().noneMatch(this.areaCode::startsWith))) {
			return Optional.empty();
		}
		return Optional.of(new RollupCount(this.areaCode, this.statuses, this.categories));
	}

	/**
	 * A count the rollup answers: the petitions in or below the area (null: every area),
	 * of these statuses and categories (null: any).
	 */
	public record RollupCount(String areaCode, String[] statuses, String[] categories) {
	}

	public Map<String, Object> parameters() {
		return this.parameters;
	}

	public int limit() {
		return this.limit;
	}

	/**
	 * Each value as a parameter of its own ({@code name0}, {@code name1}, …), for
	 * {@link #branches()}.
	 */
	private void parameterEach(String name, String[] values) {
		for (int i = 0; i < values.length; i++) {
			this.parameters.put(name + i, values[i]);
		}
	}

	private PetitionSearch where(String condition, String name, Object value) {
		this.conditions.add(condition);
		this.parameters.put(name, value);
		return this;
	}

	/**
	 * One ordered scan of a merge: the rows whose {@code lead} expression holds the
	 * parameter {@code value} (written {@code :name}). {@code leading}: written as a
	 * range of one value that leads the ORDER BY and the keyset, for values that hold a
	 * large share of the rows (an area, a status, a category: as an equality PostgreSQL
	 * would walk the order's plain index and filter, the heap being in time order); else
	 * an equality, for one person's cases, which PostgreSQL estimates better (a range of
	 * one value outside its most common values looks like a row or two, which it would
	 * rather read unordered and sort).
	 */
	public record Branch(String lead, String value, boolean leading, String implied) {
	}

	/**
	 * A cursor's bound: its values' parameter names, which side, and whether inclusive.
	 */
	record Bound(List<String> names, boolean beyond, boolean inclusive) {
	}

	/**
	 * The number of the petition acted on: its bare number or {@code Petition:number}.
	 */
	public static long parseId(String id) {
		return Ids.of(id, "Petition", "诉求 (petition)");
	}

}
