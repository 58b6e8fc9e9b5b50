package io.tiexin.people.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tiexin.geo.CoordinateNormaliser;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.grid.Location;
import io.tiexin.grid.MatchMethod;
import io.tiexin.people.Actor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;
import org.locationtech.jts.geom.Point;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A resident's first sign-in becomes a person: a CITIZEN with a name, a phone, a home
 * grid cell, the household-representative flag and the time of consent. The personal
 * information law (个人信息保护法) asks for consent before processing and for no more data than
 * needed, so consent must be given, the name and phone are checked for form, and nothing
 * else is asked.
 * <p>
 * Idempotent: the row is keyed by the token's subject, so a retried or concurrent
 * registration gives the same person back and changes nothing.
 */
@Service
class Registration {

	private static final int MAX_NAME = 50;

	private static final int MAX_PLACE_TEXT = 100;

	/**
	 * Letters of any script (Chinese names, minority names in Latin letters), with · . -
	 * and spaces.
	 */
	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M}·・.\\- ]*");

	/** A mainland mobile number, with or without +86. */
	private static final Pattern MOBILE = Pattern.compile("(?:\\+?86)?(1[3-9][0-9]{9})");

	/**
	 * A landline with its area code: 0799-6234567. Area codes have three digits for
	 * Beijing (010) and the 02x cities, four elsewhere, so the number reads the same with
	 * or without the dash.
	 */
	private static final Pattern LANDLINE = Pattern.compile("(010|02[0-9]|0[3-9][0-9]{2})-?([2-9][0-9]{6,7})");

	private final JdbcClient jdbc;

	private final PersonDirectory directory;

	private final AreaCatalog areas;

	private final Clock clock;

	Registration(JdbcClient jdbc, PersonDirectory directory, AreaCatalog areas, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.areas = areas;
		this.clock = clock;
	}

	/**
	 * Registers the subject, or gives back the person it registered before, unchanged
	 * (the input is not even read: registering twice changes nothing).
	 * @param known the signed-in person, when the subject is one already
	 * @throws TiexinException {@code FORBIDDEN} for a person known otherwise (imported
	 * from a people file)
	 */
	@Transactional
	Person register(String username, Optional<Actor> known, RegisterInput input) {
		if (known.isPresent()) {
			Person person = this.directory.findById(known.get().personId()).orElseThrow();
			if (registeredBefore(person.id())) {
				return person;
			}
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"您已是平台登记人员,无需注册 (you are a known person already; register is for a first sign-in only)");
		}
		Valid valid = validate(input);
		OffsetDateTime now = ServiceTime.now(this.clock);
		this.jdbc.sql("""
				INSERT INTO person (username, name, roles, phone, home_area_code, household_representative,
				                    consent_at, registered_at)
				VALUES (:username, :name, ARRAY['CITIZEN'], :phone, :home, :representative, :now, :now)
				ON CONFLICT (username) DO NOTHING""")
			.param("username", username)
			.param("name", valid.name())
			.param("phone", valid.phone())
			.param("home", valid.homeCell().code())
			.param("representative", valid.householdRepresentative())
			.param("now", now)
			.update();
		return this.directory.findByUsername(username).orElseThrow();
	}

	private boolean registeredBefore(long personId) {
		return this.jdbc.sql("SELECT registered_at IS NOT NULL FROM person WHERE id = ?")
			.param(personId)
			.query(Boolean.class)
			.single();
	}

	private Valid validate(RegisterInput input) {
		if (!Boolean.TRUE.equals(input.consent())) {
			throw invalid("须同意个人信息处理规则后才能注册 (consent to the processing of your personal information is "
					+ "required: consent: true)");
		}
		return new Valid(name(input.name()), phone(input.phone()), homeCell(input),
				Boolean.TRUE.equals(input.householdRepresentative()));
	}

	static String name(String raw) {
		String name = (raw != null) ? raw.strip().replaceAll("\\s+", " ") : "";
		if (name.isEmpty() || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
			throw invalid("姓名须为 1–" + MAX_NAME + " 个字,只含文字、空格和 · . - (name must be 1-" + MAX_NAME
					+ " letters, spaces or · . -): " + raw);
		}
		return name;
	}

	static String phone(String raw) {
		String compact = (raw != null) ? raw.replaceAll("[\\s()]", "") : "";
		Matcher mobile = MOBILE.matcher(compact);
		if (mobile.matches()) {
			return mobile.group(1);
		}
		Matcher landline = LANDLINE.matcher(compact);
		if (landline.matches()) {
			return landline.group(1) + "-" + landline.group(2);
		}
		throw invalid("电话号码无效:请填 11 位手机号或带区号的固定电话 (invalid phone number: an 11-digit mobile number "
				+ "or a landline with its area code, e.g. 0799-6234567): " + raw);
	}

	private Area homeCell(RegisterInput input) {
		if (input.homeLocation() != null) {
			Point point = CoordinateNormaliser.toWgs84(input.homeLocation());
			Location location = this.areas.locate(point);
			if (location.method() == MatchMethod.UNMATCHED) {
				throw new TiexinException(ErrorCode.OUT_OF_EXTENT,
						String.format(Locale.ROOT,
								"住址不在服务范围内(距最近网格约 %.1f 公里) (the home is %.1f km outside the "
										+ "service area; check the point, and its crs)",
								location.distanceMeters() / 1000, location.distanceMeters() / 1000));
			}
			return location.grid();
		}
		String text = (input.homePlaceText() != null) ? input.homePlaceText().strip() : "";
		if (text.isEmpty()) {
			throw invalid("请给出住址:位置 homeLocation 或地名 homePlaceText,例如“泉塘村六组” (give the home as homeLocation "
					+ "or homePlaceText, e.g. 泉塘村六组)");
		}
		if (text.length() > MAX_PLACE_TEXT) {
			throw invalid("地名过长 (homePlaceText too long): 最多 " + MAX_PLACE_TEXT + " 个字符 (at most " + MAX_PLACE_TEXT
					+ " characters)");
		}
		List<Area> places = this.areas.searchPlaces(text);
		List<Area> cells = places.stream().filter(area -> area.level() == AreaLevel.GRID).toList();
		if (cells.size() == 1) {
			return cells.get(0);
		}
		if (cells.size() > 1) {
			throw invalid("地名“" + text + "”不唯一,可能是:" + cells.stream()
				.limit(5)
				.map(cell -> this.areas.ancestors(cell).stream().skip(1).map(Area::name).collect(Collectors.joining())
						+ cell.name())
				.collect(Collectors.joining("、")) + " (the place name is ambiguous; be more specific)");
		}
		throw invalid("找不到村民小组“" + text + "”,请填写村名和组名,例如“泉塘村六组” (no village group named '" + text
				+ "'; give the village and the group, e.g. 泉塘村六组)");
	}

	private static TiexinException invalid(String message) {
		return new TiexinException(ErrorCode.VALIDATION, message);
	}

	private record Valid(String name, String phone, Area homeCell, boolean householdRepresentative) {
	}

}
