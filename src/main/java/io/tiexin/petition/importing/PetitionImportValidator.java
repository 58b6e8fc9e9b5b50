package io.tiexin.petition.importing;

import io.tiexin.petition.Category;
import io.tiexin.petition.Channel;
import io.tiexin.petition.HandlingLevel;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.petition.Satisfaction;
import io.tiexin.petition.Urgency;
import io.tiexin.petition.intake.PetitionIntake;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.tiexin.geo.CoordinateNormaliser;
import io.tiexin.geo.Crs;
import io.tiexin.geo.PointInput;
import io.tiexin.petition.PetitionImportSource.SourceRecord;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;
import org.locationtech.jts.geom.Point;

import static io.tiexin.petition.PetitionImportFormat.ADDRESS;
import static io.tiexin.petition.PetitionImportFormat.AREA_CODE;
import static io.tiexin.petition.PetitionImportFormat.CATEGORY_CODE;
import static io.tiexin.petition.PetitionImportFormat.CHANNEL;
import static io.tiexin.petition.PetitionImportFormat.CLOSED_AT;
import static io.tiexin.petition.PetitionImportFormat.CONTACT_NAME;
import static io.tiexin.petition.PetitionImportFormat.CONTACT_PHONE;
import static io.tiexin.petition.PetitionImportFormat.CRS;
import static io.tiexin.petition.PetitionImportFormat.DESCRIPTION;
import static io.tiexin.petition.PetitionImportFormat.DUE_AT;
import static io.tiexin.petition.PetitionImportFormat.EXTERNAL_ID;
import static io.tiexin.petition.PetitionImportFormat.LAT;
import static io.tiexin.petition.PetitionImportFormat.LEVEL;
import static io.tiexin.petition.PetitionImportFormat.LON;
import static io.tiexin.petition.PetitionImportFormat.PLACE_TEXT;
import static io.tiexin.petition.PetitionImportFormat.SATISFACTION;
import static io.tiexin.petition.PetitionImportFormat.STATUS;
import static io.tiexin.petition.PetitionImportFormat.SUBMITTED_AT;
import static io.tiexin.petition.PetitionImportFormat.TITLE;
import static io.tiexin.petition.PetitionImportFormat.URGENCY;

/**
 * Checks one exported record field by field, with the limits {@link PetitionIntake}
 * applies, and turns it into the values a petition row holds, or says everything that is
 * wrong with it (in Chinese, then English). Locating it in the grid is the next step
 * ({@link PetitionPlacer}).
 * <p>
 * An open case of the export (SUBMITTED, ASSIGNED, ACCEPTED, IN_PROGRESS there) comes in
 * as SUBMITTED, to be dispatched by this service's rules: the exporting system's assignee
 * is nobody here. Finished cases (RESOLVED, CLOSED, WITHDRAWN) keep their status and
 * history.
 */
public final class PetitionImportValidator {

	static final int MAX_EXTERNAL_ID = 64;

	/**
	 * {@code 2024-03-12 09:15}, seconds optional, also with a {@code T}: China Standard
	 * Time.
	 */
	private static final DateTimeFormatter LOCAL_TIME = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd")
		.optionalStart()
		.appendLiteral('T')
		.optionalEnd()
		.optionalStart()
		.appendLiteral(' ')
		.optionalEnd()
		.appendPattern("HH:mm")
		.optionalStart()
		.appendPattern(":ss")
		.optionalEnd()
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
		.optionalEnd()
		.toFormatter(Locale.ROOT);

	/** An ISO 8601 time with its offset: {@code Z}, {@code +08:00}. */
	private static final Pattern WITH_OFFSET = Pattern.compile("T.*(Z|[+-]\\d\\d:\\d\\d)$");

	private static final Pattern PHONE = Pattern.compile(PetitionIntake.PHONE_PATTERN);

	private static final Map<String, Satisfaction> SATISFACTION_NAMES = Map.of("满意", Satisfaction.SATISFIED, "基本满意",
			Satisfaction.BASICALLY_SATISFIED, "不满意", Satisfaction.DISSATISFIED);

	private final Map<String, Category> categories = new HashMap<>();

	private final OffsetDateTime now;

	/**
	 * @param now records submitted after it (give or take clock skew) are refused
	 */
	public PetitionImportValidator(List<Category> categories, OffsetDateTime now) {
		categories.forEach(category -> {
			this.categories.put(category.code(), category);
			this.categories.putIfAbsent(category.name(), category);
		});
		this.now = now;
	}

	/**
	 * A record that passed: where it is still to be found from {@code point} (WGS84),
	 * else {@code areaCode}, else {@code placeText}.
	 *
	 * @param status as it is stored: SUBMITTED for every open case
	 * @param sourceStatus as the export had it
	 */
	public record ValidRecord(long line, String externalId, OffsetDateTime submittedAt, String title,
			String description, Category category, Channel channel, Urgency urgency, HandlingLevel level, Point point,
			String areaCode, String placeText, PetitionStatus status, PetitionStatus sourceStatus, OffsetDateTime dueAt,
			OffsetDateTime closedAt, Satisfaction satisfaction, String contactName, String contactPhone,
			String address) {
	}

	/** Exactly one of the two is set. */
	public record Checked(ValidRecord record, String reason) {
	}

	public Checked check(SourceRecord source) {
		if (source.malformed() != null) {
			return new Checked(null, source.malformed());
		}
		Problems problems = new Problems();
		String[] v = source.values();
		String externalId = text(v, EXTERNAL_ID, "external_id", MAX_EXTERNAL_ID, true, problems);
		OffsetDateTime submittedAt = time(v, SUBMITTED_AT, "submitted_at", true, problems);
		if (submittedAt != null && submittedAt.isAfter(this.now.plusMinutes(5))) {
			problems.add("submitted_at 在将来 (submitted_at is in the future): " + v[SUBMITTED_AT]);
		}
		String title = text(v, TITLE, "title", PetitionIntake.MAX_TITLE, true, problems);
		String description = text(v, DESCRIPTION, "description", PetitionIntake.MAX_DESCRIPTION, false, problems);
		Category category = null;
		String categoryText = text(v, CATEGORY_CODE, "category_code", 64, true, problems);
		if (categoryText != null) {
			category = this.categories.get(categoryText);
			if (category == null) {
				category = this.categories.get(categoryText.toUpperCase(Locale.ROOT));
			}
			if (category == null) {
				problems.add("未知的诉求类别 (unknown category_code): " + categoryText);
			}
		}
		Channel channel = choice(v, CHANNEL, "channel", Channel.class, Channel.HOTLINE_12345, problems);
		Urgency urgency = choice(v, URGENCY, "urgency", Urgency.class, Urgency.NORMAL, problems);
		HandlingLevel level = choice(v, LEVEL, "level", HandlingLevel.class,
				(category != null) ? category.defaultLevel() : HandlingLevel.VILLAGE, problems);
		Point point = point(v, problems);
		String areaCode = text(v, AREA_CODE, "area_code", 15, false, problems);
		String placeText = text(v, PLACE_TEXT, "place_text", PetitionIntake.MAX_PLACE_TEXT, false, problems);
		boolean lonLatGiven = blankToNull(v[LON]) != null || blankToNull(v[LAT]) != null;
		if (!lonLatGiven && areaCode == null && placeText == null) {
			problems.add("缺少位置:须有 lon/lat、area_code 或 place_text 之一 (no location: give lon/lat, area_code or "
					+ "place_text)");
		}
		PetitionStatus sourceStatus = choice(v, STATUS, "status", PetitionStatus.class, PetitionStatus.SUBMITTED,
				problems);
		OffsetDateTime dueAt = time(v, DUE_AT, "due_at", false, problems);
		OffsetDateTime closedAt = time(v, CLOSED_AT, "closed_at", false, problems);
		Satisfaction satisfaction = satisfaction(v, problems);
		String contactName = text(v, CONTACT_NAME, "contact_name", PetitionIntake.MAX_CONTACT_NAME, false, problems);
		String contactPhone = text(v, CONTACT_PHONE, "contact_phone", 20, false, problems);
		if (contactPhone != null && !PHONE.matcher(contactPhone).matches()) {
			problems.add("联系电话格式无效 (contact_phone is not a phone number): " + contactPhone);
		}
		String address = text(v, ADDRESS, "address", PetitionIntake.MAX_ADDRESS, false, problems);
		if (sourceStatus == PetitionStatus.CLOSED && closedAt == null && !problems.mentions("closed_at")) {
			problems.add("状态为 CLOSED 时须填 closed_at (a CLOSED case needs closed_at)");
		}
		if (sourceStatus != null && sourceStatus != PetitionStatus.CLOSED && closedAt != null) {
			problems
				.add("只有 CLOSED 的诉求可填 closed_at (closed_at is only for CLOSED cases; status is " + sourceStatus + ")");
		}
		if (satisfaction != null && sourceStatus != null && sourceStatus != PetitionStatus.CLOSED) {
			problems.add("只有 CLOSED 的诉求可有评价 (satisfaction is only for CLOSED cases; status is " + sourceStatus + ")");
		}
		if (submittedAt != null && closedAt != null && closedAt.isBefore(submittedAt)) {
			problems.add("closed_at 早于 submitted_at (closed_at is before submitted_at)");
		}
		if (submittedAt != null && dueAt != null && dueAt.isBefore(submittedAt)) {
			problems.add("due_at 早于 submitted_at (due_at is before submitted_at)");
		}
		if (!problems.isEmpty()) {
			return new Checked(null, problems.toString());
		}
		boolean open = sourceStatus.isOpen();
		return new Checked(new ValidRecord(source.line(), externalId, submittedAt, title, description, category,
				channel, urgency, level, point, areaCode, placeText, open ? PetitionStatus.SUBMITTED : sourceStatus,
				sourceStatus, open ? null : dueAt, closedAt, satisfaction, contactName, contactPhone, address), null);
	}

	private static Point point(String[] v, Problems problems) {
		String lonText = blankToNull(v[LON]);
		String latText = blankToNull(v[LAT]);
		if (lonText == null && latText == null) {
			return null;
		}
		if (lonText == null || latText == null) {
			problems.add("lon 与 lat 须同时填写 (give both lon and lat, or neither)");
			return null;
		}
		double lon;
		double lat;
		try {
			lon = Double.parseDouble(lonText);
			lat = Double.parseDouble(latText);
		}
		catch (NumberFormatException ex) {
			problems.add("lon/lat 须为数值 (lon and lat must be numbers): " + lonText + ", " + latText);
			return null;
		}
		Crs crs = choice(v, CRS, "crs", Crs.class, Crs.WGS84, problems);
		if (crs == null) {
			return null;
		}
		try {
			return CoordinateNormaliser.toWgs84(new PointInput(lon, lat, crs));
		}
		catch (TiexinException ex) {
			problems.add(ex.getMessage() + ": lon " + lonText + ", lat " + latText);
			return null;
		}
	}

	private static Satisfaction satisfaction(String[] v, Problems problems) {
		String text = blankToNull(v[SATISFACTION]);
		if (text != null && SATISFACTION_NAMES.containsKey(text)) {
			return SATISFACTION_NAMES.get(text);
		}
		return choice(v, SATISFACTION, "satisfaction", Satisfaction.class, null, problems);
	}

	private static String text(String[] v, int column, String name, int maxLength, boolean required,
			Problems problems) {
		String value = blankToNull(v[column]);
		if (value == null) {
			if (required) {
				problems.add(name + " 不能为空 (" + name + " is required)");
			}
			return null;
		}
		if (value.length() > maxLength) {
			problems.add(name + " 过长,最多 " + maxLength + " 个字符 (" + name + " is too long: " + value.length()
					+ " characters, at most " + maxLength + ")");
			return null;
		}
		return value;
	}

	private OffsetDateTime time(String[] v, int column, String name, boolean required, Problems problems) {
		String value = blankToNull(v[column]);
		if (value == null) {
			if (required) {
				problems.add(name + " 不能为空 (" + name + " is required)");
			}
			return null;
		}
		try {
			if (WITH_OFFSET.matcher(value).find()) {
				return OffsetDateTime.parse(value).atZoneSameInstant(ServiceTime.ZONE).toOffsetDateTime();
			}
			return LocalDateTime.parse(value, LOCAL_TIME).atZone(ServiceTime.ZONE).toOffsetDateTime();
		}
		catch (DateTimeParseException ex) {
			problems.add(name + " 不是有效时间,应如 2024-03-12 09:15:00 或 2024-03-12T09:15:00+08:00 (" + name
					+ " is not a valid time; write 2024-03-12 09:15:00, China time, or ISO 8601 with an offset): "
					+ value);
			return null;
		}
	}

	private static <E extends Enum<E>> E choice(String[] v, int column, String name, Class<E> type, E otherwise,
			Problems problems) {
		String value = blankToNull(v[column]);
		if (value == null) {
			return otherwise;
		}
		try {
			return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			List<String> allowed = new ArrayList<>();
			for (E constant : type.getEnumConstants()) {
				allowed.add(constant.name());
			}
			problems.add(name + " 取值无效 (" + name + " must be one of " + String.join(", ", allowed) + "): " + value);
			return null;
		}
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/** The problems of one record, in column order. */
	private static final class Problems {

		private final List<String> list = new ArrayList<>(2);

		void add(String problem) {
			this.list.add(problem);
		}

		boolean isEmpty() {
			return this.list.isEmpty();
		}

		boolean mentions(String name) {
			return this.list.stream().anyMatch(problem -> problem.contains(name));
		}

		@Override
		public String toString() {
			return String.join("; ", this.list);
		}

	}

}
