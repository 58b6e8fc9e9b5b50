package io.tiexin.petition.query;

import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionFilter;
import io.tiexin.petition.PetitionStatus;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;
import org.locationtech.jts.geom.Envelope;

/**
 * The WHERE clause of a petition list with its named parameters, built from a filter, who
 * is asking and a keyset cursor. Every value is a bind parameter; only fixed SQL
 * fragments are concatenated.
 */
public final class PetitionSearch {

	private static final String OPEN = "p.status IN " + PetitionStatus.OPEN_SQL;

	private static final String DUE_RANK = "(CASE WHEN " + OPEN + " THEN 0 ELSE 1 END)";

	private final List<String> conditions = new ArrayList<>(List.of("true"));

	private final Map<String, Object> parameters = new LinkedHashMap<>();

	private int limit = 20;

	private Order order = Order.NEWEST_FIRST;

	public static PetitionSearch filtered(PetitionFilter filter, OffsetDateTime now) {
		return filter(new PetitionSearch(), filter, now);
	}

	private static PetitionSearch filter(PetitionSearch search, PetitionFilter filter, OffsetDateTime now) {
		PetitionFilter f = (filter != null) ? filter : PetitionFilter.NONE;
		if (f.areaCode() != null) {
			if (!f.areaCode().matches("\\d{6}(\\d{3}){0,3}")) {
				throw new TiexinException(ErrorCode.VALIDATION, "区域编码无效 (invalid area code): " + f.areaCode());
			}
			search.where("p.area_code LIKE :areaPrefix", "areaPrefix", f.areaCode() + "%");
		}
		if (f.status() != null && !f.status().isEmpty()) {
			search.where("p.status = ANY(:statuses)", "statuses",
					f.status().stream().map(Enum::name).toArray(String[]::new));
		}
		if (f.categoryCode() != null && !f.categoryCode().isEmpty()) {
			search.where("p.category_code = ANY(:categories)", "categories", f.categoryCode().toArray(String[]::new));
		}
		if (f.submittedFrom() != null) {
			search.where("p.submitted_at >= :submittedFrom", "submittedFrom", f.submittedFrom());
		}
		if (f.submittedTo() != null) {
			search.where("p.submitted_at < :submittedTo", "submittedTo", f.submittedTo());
		}
		if (f.overdue() != null) {
			search.parameters.put("now", now);
			search.conditions
				.add((f.overdue() ? "" : "NOT ") + "(" + OPEN + " AND p.due_at IS NOT NULL AND p.due_at < :now)");
		}
		if (f.bbox() != null) {
			Envelope box = f.bbox().toEnvelope();
			search.parameters.putAll(Map.of("west", box.getMinX(), "south", box.getMinY(), "east", box.getMaxX(),
					"north", box.getMaxY()));
			search.conditions.add("p.point && ST_MakeEnvelope(:west, :south, :east, :north, 4326)");
		}
		if (f.assigneeId() != null) {
			search.where("p.assignee_id = :assigneeId", "assigneeId", parseId(f.assigneeId()));
		}
		return search;
	}

	/** Only petitions this person submitted. */
	public PetitionSearch submittedBy(long personId) {
		return where("p.submitter_id = :submitterId", "submitterId", personId);
	}

	/**
	 * Petitions in the areas (each code stands for itself and everything below it) or
	 * that the person is a party to: the scope of a member of staff.
	 */
	public PetitionSearch withinScope(List<String> areaCodes, long personId) {
		this.parameters.put("scopePrefixes", areaCodes.stream().map(code -> code + "%").toArray(String[]::new));
		this.parameters.put("scopePerson", personId);
		this.conditions.add("(p.area_code LIKE ANY(:scopePrefixes) OR p.submitter_id = :scopePerson"
				+ " OR p.assignee_id = :scopePerson OR p.liaison_id = :scopePerson)");
		return this;
	}

	/** Petitions the person handles, is liaison of, or submitted. */
	public PetitionSearch involving(long personId) {
		return where("(p.assignee_id = :me OR p.liaison_id = :me OR p.submitter_id = :me)", "me", personId);
	}

	public PetitionSearch withTrackingNumbers(List<String> trackingNumbers) {
		return where("p.tracking_number = ANY(:trackingNumbers)", "trackingNumbers",
				trackingNumbers.toArray(String[]::new));
	}

	public PetitionSearch excludingSensitiveCategories() {
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
		this.conditions.add("p.status = 'SUBMITTED' AND p.assignee_id IS NULL");
		return this;
	}

	/** Open petitions that are overdue or marked for supervision (督办). */
	public PetitionSearch underSupervision(OffsetDateTime now) {
		this.parameters.put("supervisionNow", now);
		this.conditions.add(OPEN + " AND (p.supervised OR p.due_at < :supervisionNow)");
		return this;
	}

	public PetitionSearch orderedBy(Order order) {
		this.order = order;
		return this;
	}

	/** Petitions after the cursor's position in this search's order. */
	public PetitionSearch after(String cursor) {
		if (cursor == null) {
			return this;
		}
		this.order.addAfter(cursor, this.conditions, this.parameters);
		return this;
	}

	public String orderBy() {
		return this.order.orderBy;
	}

	/** Where the petition stands in this search's order, as an opaque cursor. */
	public String cursorOf(Petition petition) {
		return this.order.cursorOf(petition);
	}

	public PetitionSearch limit(int limit) {
		this.limit = limit;
		return this;
	}

	public String where() {
		return String.join(" AND ", this.conditions);
	}

	public Map<String, Object> parameters() {
		return this.parameters;
	}

	public int limit() {
		return this.limit;
	}

	private PetitionSearch where(String condition, String name, Object value) {
		this.conditions.add(condition);
		this.parameters.put(name, value);
		return this;
	}

	public static long parseId(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw new TiexinException(ErrorCode.NOT_FOUND, "找不到编号为 " + id + " 的记录 (no record with id " + id + ")");
		}
	}

	/**
	 * The orders lists come in, each with its keyset: the cursor holds the sort key of
	 * the last row shown, and the next page starts strictly after it, so rows arriving
	 * meanwhile never shift a page. The id breaks ties, making every order total.
	 */
	public enum Order {

		/** Newest first: the general lists. */
		NEWEST_FIRST("p.submitted_at DESC, p.id DESC") {

			@Override
			String cursorOf(Petition petition) {
				return encode(petition.submittedAt() + "|" + petition.id());
			}

			@Override
			void addAfter(String cursor, List<String> conditions, Map<String, Object> parameters) {
				try {
					String[] parts = decode(cursor, 2);
					parameters.put("cursorAt", OffsetDateTime.parse(parts[0]));
					parameters.put("cursorId", Long.parseLong(parts[1]));
				}
				catch (RuntimeException ex) {
					throw invalidCursor(cursor);
				}
				conditions.add("(p.submitted_at, p.id) < (:cursorAt, :cursorId)");
			}
		},

		/**
		 * Work lists: open cases first, earliest deadline first, those without one last;
		 * then the finished ones. "No deadline" sorts as PostgreSQL's infinity so the
		 * keyset stays one row comparison.
		 */
		DUE_FIRST(DUE_RANK + ", coalesce(p.due_at, 'infinity'::timestamptz), p.id") {

			@Override
			String cursorOf(Petition petition) {
				return encode("due|" + (petition.status().isOpen() ? 0 : 1) + "|"
						+ ((petition.dueAt() != null) ? petition.dueAt() : "") + "|" + petition.id());
			}

			@Override
			void addAfter(String cursor, List<String> conditions, Map<String, Object> parameters) {
				try {
					String[] parts = decode(cursor, 4);
					if (!parts[0].equals("due")) {
						throw invalidCursor(cursor);
					}
					parameters.put("cursorRank", Integer.parseInt(parts[1]));
					parameters.put("cursorDue", parts[2].isEmpty() ? null : OffsetDateTime.parse(parts[2]));
					parameters.put("cursorId", Long.parseLong(parts[3]));
				}
				catch (RuntimeException ex) {
					throw invalidCursor(cursor);
				}
				conditions.add("(" + DUE_RANK + ", coalesce(p.due_at, 'infinity'::timestamptz), p.id) > "
						+ "(:cursorRank, coalesce(CAST(:cursorDue AS timestamptz), 'infinity'::timestamptz), :cursorId)");
			}
		};

		private final String orderBy;

		Order(String orderBy) {
			this.orderBy = orderBy;
		}

		abstract String cursorOf(Petition petition);

		abstract void addAfter(String cursor, List<String> conditions, Map<String, Object> parameters);

		private static String encode(String position) {
			return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
		}

		private static String[] decode(String cursor, int parts) {
			String[] split = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
			if (split.length != parts) {
				throw invalidCursor(cursor);
			}
			return split;
		}

		private static TiexinException invalidCursor(String cursor) {
			return new TiexinException(ErrorCode.VALIDATION, "分页游标无效 (invalid cursor): " + cursor);
		}

	}

}
