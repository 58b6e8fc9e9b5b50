package io.tiexin.petition.query;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tiexin.petition.OrderDirection;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionOrder;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

/**
 * The orders lists come in, each with its keyset: the cursor names the order and holds
 * the sort key of a row, and a page starts strictly after (or ends strictly before) it,
 * so rows arriving meanwhile never shift a page. The id, last, breaks ties and makes
 * every order total. All keys run in one direction, so the keyset is one row comparison,
 * which a btree index on the same keys answers in either direction.
 */
public final class PetitionListOrder {

	private static final String DUE_RANK = "(CASE WHEN p.status IN " + PetitionStatus.OPEN_SQL + " THEN 0 ELSE 1 END)";

	/** "No deadline" as the end of time: the expression V19's due indexes hold. */
	private static final String DUE_KEY = "coalesce(p.due_at, 'infinity'::timestamptz)";

	private static final String INFINITY = "infinity";

	/** Newest first: the general lists. */
	public static final PetitionListOrder NEWEST_FIRST = of(PetitionOrder.NEWEST_FIRST);

	/**
	 * Work lists: open cases first, earliest deadline first, those without one last; then
	 * the finished ones. "No deadline" sorts as PostgreSQL's infinity so the keyset stays
	 * one row comparison.
	 */
	public static final PetitionListOrder DUE_FIRST = new PetitionListOrder("work", false,
			List.of(new Key(DUE_RANK, Kind.RANK, p -> p.status().isOpen() ? "0" : "1"), dueKey(), idKey()));

	private final String name;

	private final boolean descending;

	private final List<Key> keys;

	private PetitionListOrder(String name, boolean descending, List<Key> keys) {
		this.name = name;
		this.descending = descending;
		this.keys = keys;
	}

	/** The order a client asked for by field and direction. */
	public static PetitionListOrder of(PetitionOrder order) {
		Key key = switch (order.field()) {
			case SUBMITTED_AT -> new Key("p.submitted_at", Kind.TIME, p -> p.submittedAt().toString());
			case UPDATED_AT -> new Key("p.updated_at", Kind.TIME, p -> p.updatedAt().toString());
			case DUE_AT -> dueKey();
		};
		return new PetitionListOrder(order.field() + "." + order.direction(), order.direction() == OrderDirection.DESC,
				List.of(key, idKey()));
	}

	private static Key dueKey() {
		return new Key(DUE_KEY, Kind.TIME, p -> (p.dueAt() != null) ? p.dueAt().toString() : INFINITY);
	}

	private static Key idKey() {
		return new Key("p.id", Kind.ID, p -> Long.toString(p.id()));
	}

	/**
	 * This order with the due key as {@code p.due_at}: for lists whose due times are
	 * never null.
	 */
	PetitionListOrder withDueAt() {
		List<Key> keys = this.keys.stream()
			.map(key -> key.sql().equals(DUE_KEY) ? new Key("p.due_at", key.kind(), key.value()) : key)
			.toList();
		return new PetitionListOrder(this.name, this.descending, keys);
	}

	/**
	 * Whether the order is by submission time (either way), which V26_1's GiST index of
	 * {@code (point, submitted_at)} gives within a box, nearest first in time to an edge.
	 */
	boolean bySubmission() {
		return this.keys.get(0).sql().equals("p.submitted_at");
	}

	/**
	 * The distance in time from the end of time the order starts at (read in
	 * {@code reversed}, from the other): ascending it is this order, ties aside. The
	 * edges are finite: btree_gist measures every time as infinitely far from
	 * {@code infinity}.
	 */
	String distanceFromStart(boolean reversed) {
		String edge = (this.descending != reversed) ? "9999-12-31 00:00:00+00" : "0001-01-01 00:00:00+00";
		return this.keys.get(0).sql() + " <-> '" + edge + "'::timestamptz";
	}

	/**
	 * The bound on the first sort key alone, inclusive: what an index ordered by distance
	 * can start from, where the row comparison on every key is only a filter.
	 */
	String comparedFirstKey(PetitionSearch.Bound bound) {
		String operator = ((bound.beyond() != this.descending) ? ">" : "<") + "=";
		Key key = this.keys.get(0);
		return key.sql() + " " + operator + " CAST(:" + bound.names().get(0) + " AS " + key.kind().sqlType + ")";
	}

	String sortKeys() {
		List<String> columns = new ArrayList<>();
		for (int i = 0; i < this.keys.size(); i++) {
			columns.add(this.keys.get(i).sql() + " AS k" + i);
		}
		return String.join(", ", columns);
	}

	String orderBySortKeys(boolean reversed) {
		String direction = (this.descending != reversed) ? " DESC" : "";
		List<String> columns = new ArrayList<>();
		for (int i = 0; i < this.keys.size(); i++) {
			columns.add("k" + i + direction);
		}
		return String.join(", ", columns);
	}

	String orderBy(boolean reversed, String lead) {
		String direction = (this.descending != reversed) ? " DESC" : "";
		return ((lead != null) ? lead + direction + ", " : "")
				+ this.keys.stream().map(key -> key.sql() + direction).collect(Collectors.joining(", "));
	}

	String cursorOf(Petition petition) {
		StringBuilder position = new StringBuilder(this.name);
		this.keys.forEach(key -> position.append('|').append(key.value().apply(petition)));
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(position.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The rows on one side of the bound's position: {@code beyond} those after it in this
	 * order, else those before it; {@code inclusive} with the position itself.
	 */
	String compared(PetitionSearch.Bound bound, String lead, String leadValue) {
		List<String> columns = new ArrayList<>();
		List<String> values = new ArrayList<>();
		if (lead != null) {
			columns.add(lead);
			values.add(leadValue);
		}
		for (int i = 0; i < this.keys.size(); i++) {
			columns.add(this.keys.get(i).sql());
			values.add("CAST(:" + bound.names().get(i) + " AS " + this.keys.get(i).kind().sqlType + ")");
		}
		String operator = ((bound.beyond() != this.descending) ? ">" : "<") + (bound.inclusive() ? "=" : "");
		return "(" + String.join(", ", columns) + ") " + operator + " (" + String.join(", ", values) + ")";
	}

	/**
	 * The cursor's sort key, each value checked (so that nothing but a well-formed value
	 * reaches the SQL) and written as PostgreSQL reads it.
	 */
	List<String> decode(String cursor) {
		String[] parts;
		try {
			parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
		}
		catch (IllegalArgumentException ex) {
			throw invalidCursor(cursor);
		}
		if (parts.length != this.keys.size() + 1 || !parts[0].equals(this.name)) {
			throw invalidCursor(cursor);
		}
		List<String> values = new ArrayList<>();
		for (int i = 0; i < this.keys.size(); i++) {
			values.add(this.keys.get(i).kind().checked(parts[i + 1], cursor));
		}
		return values;
	}

	private static TiexinException invalidCursor(String cursor) {
		return new TiexinException(ErrorCode.VALIDATION,
				"分页游标无效或不属于此排序 (invalid cursor, or one of another order): " + cursor);
	}

	/** A sort key: its SQL, what kind of value it is, and a petition's value. */
	private record Key(String sql, Kind kind, Function<Petition, String> value) {
	}

	private enum Kind {

		TIME("timestamptz") {
			@Override
			String parse(String value) {
				return value.equals(INFINITY) ? value : OffsetDateTime.parse(value).toString();
			}
		},
		RANK("integer") {
			@Override
			String parse(String value) {
				return Integer.toString(Integer.parseInt(value));
			}
		},
		ID("bigint") {
			@Override
			String parse(String value) {
				return Long.toString(Long.parseLong(value));
			}
		};

		private final String sqlType;

		Kind(String sqlType) {
			this.sqlType = sqlType;
		}

		abstract String parse(String value);

		String checked(String value, String cursor) {
			try {
				return parse(value);
			}
			catch (RuntimeException ex) {
				throw invalidCursor(cursor);
			}
		}

	}

}
