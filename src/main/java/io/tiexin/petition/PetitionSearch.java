package io.tiexin.petition;

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
 * The WHERE clause of a petition list with its named parameters, built from a filter, who is
 * asking and a keyset cursor. Every value is a bind parameter; only fixed SQL fragments are
 * concatenated.
 */
final class PetitionSearch {

	private static final String OPEN = "p.status IN ('SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'IN_PROGRESS')";

	private final List<String> conditions = new ArrayList<>(List.of("true"));

	private final Map<String, Object> parameters = new LinkedHashMap<>();

	private int limit = 20;

	static PetitionSearch filtered(PetitionFilter filter, OffsetDateTime now) {
		PetitionSearch search = new PetitionSearch();
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
			search.conditions.add((f.overdue() ? "" : "NOT ") + "(" + OPEN + " AND p.due_at IS NOT NULL AND p.due_at < :now)");
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
	PetitionSearch submittedBy(long personId) {
		return where("p.submitter_id = :submitterId", "submitterId", personId);
	}

	/** Petitions the person handles, is liaison of, or submitted. */
	PetitionSearch involving(long personId) {
		return where("(p.assignee_id = :me OR p.liaison_id = :me OR p.submitter_id = :me)", "me", personId);
	}

	/** Petitions submitted before the cursor's position in newest-first order. */
	PetitionSearch after(String cursor) {
		if (cursor == null) {
			return this;
		}
		Position position = Position.decode(cursor);
		this.parameters.put("cursorAt", position.submittedAt());
		this.parameters.put("cursorId", position.id());
		this.conditions.add("(p.submitted_at, p.id) < (:cursorAt, :cursorId)");
		return this;
	}

	PetitionSearch limit(int limit) {
		this.limit = limit;
		return this;
	}

	String where() {
		return String.join(" AND ", this.conditions);
	}

	Map<String, Object> parameters() {
		return this.parameters;
	}

	int limit() {
		return this.limit;
	}

	private PetitionSearch where(String condition, String name, Object value) {
		this.conditions.add(condition);
		this.parameters.put(name, value);
		return this;
	}

	static long parseId(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw new TiexinException(ErrorCode.NOT_FOUND, "找不到编号为 " + id + " 的记录 (no record with id " + id + ")");
		}
	}

	/** A petition's place in newest-first order, as an opaque cursor. */
	record Position(OffsetDateTime submittedAt, long id) {

		static Position of(Petition petition) {
			return new Position(petition.submittedAt(), petition.id());
		}

		String encode() {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((this.submittedAt + "|" + this.id).getBytes(StandardCharsets.UTF_8));
		}

		static Position decode(String cursor) {
			try {
				String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
				return new Position(OffsetDateTime.parse(parts[0]), Long.parseLong(parts[1]));
			}
			catch (RuntimeException ex) {
				throw new TiexinException(ErrorCode.VALIDATION, "分页游标无效 (invalid cursor): " + cursor);
			}
		}
	}
}
