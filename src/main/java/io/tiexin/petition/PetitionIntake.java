package io.tiexin.petition;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.tiexin.geo.CoordinateNormaliser;
import io.tiexin.geo.Geometries;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.grid.Location;
import io.tiexin.grid.MatchMethod;
import io.tiexin.people.Actor;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;
import org.locationtech.jts.geom.Point;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes a petition in: validates everything before writing anything, locates it in the grid,
 * writes the petition and its first timeline event in one transaction, and announces
 * {@link PetitionSubmitted} so dispatch can assign it in the same transaction.
 */
@Service
class PetitionIntake {

	static final int MAX_TITLE = 100;

	static final int MAX_DESCRIPTION = 2000;

	static final int MAX_ADDRESS = 200;

	static final int MAX_CONTACT_NAME = 50;

	static final int MAX_MEDIA = 9;

	static final int MAX_MEDIA_URL = 500;

	static final int MAX_IDEMPOTENCY_KEY = 100;

	static final int MAX_PLACE_TEXT = 100;

	private final PetitionRepository repository;

	private final CategoryCatalog categories;

	private final AreaCatalog areas;

	private final PetitionProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PetitionIntake(PetitionRepository repository, CategoryCatalog categories, AreaCatalog areas,
			PetitionProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.repository = repository;
		this.categories = categories;
		this.areas = areas;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/** Submits a petition; with an idempotency key used before by the same person, returns that petition. */
	@Transactional
	public Petition submit(SubmitPetitionInput input, Actor submitter) {
		validate(input);
		Category category = this.categories.find(input.categoryCode())
			.orElseThrow(() -> invalid("未知的诉求类别 (unknown category): " + input.categoryCode()));
		if (input.idempotencyKey() != null) {
			Optional<Long> earlier = this.repository.findIdByIdempotencyKey(submitter.personId(), input.idempotencyKey());
			if (earlier.isPresent()) {
				return this.repository.findById(earlier.get()).orElseThrow();
			}
		}
		Placement placement = place(input);
		OffsetDateTime now = ServiceTime.now(this.clock);
		NewPetition petition = new NewPetition(
				TrackingNumbers.of(now, this.repository.nextTrackingSequence()), input.title().strip(),
				blankToNull(input.description()), category.code(), input.channel(), input.urgency(),
				category.defaultLevel(), placement.point(), placement.gridCode(), placement.areaCode(),
				placement.method(), placement.distanceMeters(), blankToNull(input.address()),
				blankToNull(input.contactName()), blankToNull(input.contactPhone()), input.mediaUrls(),
				submitter.personId(), input.idempotencyKey(), now);
		Optional<Long> id = this.repository.insert(petition);
		if (id.isEmpty()) {
			// A concurrent retry with the same key committed first: answer with its petition.
			long earlier = this.repository.findIdByIdempotencyKey(submitter.personId(), input.idempotencyKey())
				.orElseThrow();
			return this.repository.findById(earlier).orElseThrow();
		}
		this.repository.insertEvent(id.get(), now, "SUBMITTED", null, PetitionStatus.SUBMITTED, submitter.personId(),
				placement.note());
		this.events.publishEvent(new PetitionSubmitted(id.get(), placement.areaCode(), placement.gridCode(),
				category.code(), category.defaultLevel()));
		return this.repository.findById(id.get()).orElseThrow();
	}

	/** Where the petition is, from its point, else its area code, else its place name. */
	private Placement place(SubmitPetitionInput input) {
		if (input.location() != null) {
			return placePoint(CoordinateNormaliser.toWgs84(input.location()));
		}
		if (input.areaCode() != null) {
			Area area = this.areas.find(input.areaCode())
				.orElseThrow(() -> invalid("未知的区域编码 (unknown area code): " + input.areaCode()));
			return placeInArea(area, "located by area code " + area.code());
		}
		List<Area> places = this.areas.searchPlaces(input.placeText());
		if (places.isEmpty()) {
			throw invalid("找不到地名“" + input.placeText() + "”,请填写村名和组名,例如“泉塘村六组” (no place named '"
					+ input.placeText() + "'; give the village and group, e.g. 泉塘村六组)");
		}
		if (places.size() > 1) {
			String candidates = places.stream().limit(5).map(this::fullName).collect(Collectors.joining("、"));
			throw invalid("地名“" + input.placeText() + "”不唯一,可能是:" + candidates + " (place name is ambiguous; "
					+ "be more specific)", Map.of("candidates", places.stream().limit(5).map(Area::code).toList()));
		}
		return placeInArea(places.get(0), "located by place name '" + input.placeText().strip() + "'");
	}

	private Placement placePoint(Point point) {
		Location location = this.areas.locate(point);
		if (location.method() != MatchMethod.UNMATCHED) {
			return new Placement(point, location.grid().code(), location.grid().code(), location.method(),
					location.distanceMeters(), "located " + location.method() + " in grid cell " + location.grid().code());
		}
		if (location.distanceMeters() > this.properties.maxMetersOutsideGrid()) {
			throw outOfExtent(point, location.distanceMeters());
		}
		String county = nearestCounty(point);
		return new Placement(point, null, county, MatchMethod.UNMATCHED, location.distanceMeters(),
				String.format(Locale.ROOT, "outside every grid cell (%.0f m away): county dispatch queue",
						location.distanceMeters()));
	}

	private Placement placeInArea(Area area, String note) {
		Point inside = Geometries.point(area.boundary().getInteriorPoint().getX(),
				area.boundary().getInteriorPoint().getY());
		boolean isCell = area.level() == AreaLevel.GRID;
		return new Placement(inside, isCell ? area.code() : null, area.code(),
				isCell ? MatchMethod.CONTAINS : MatchMethod.UNMATCHED, 0, note);
	}

	private String nearestCounty(Point point) {
		return this.areas.list(AreaLevel.COUNTY, null, null)
			.stream()
			.min((a, b) -> Double.compare(a.boundary().distance(point), b.boundary().distance(point)))
			.map(Area::code)
			.orElseThrow(() -> outOfExtent(point, Double.POSITIVE_INFINITY));
	}

	private TiexinException outOfExtent(Point point, double meters) {
		String hint = "";
		Location swapped = this.areas.locate(Geometries.point(point.getY(), point.getX()));
		if (Math.abs(point.getY()) <= 180 && Math.abs(point.getX()) <= 90 && swapped.method() != MatchMethod.UNMATCHED) {
			hint = "经纬度似乎填反了:经度在前、纬度在后 (longitude and latitude look swapped: lon first, lat second). ";
		}
		return new TiexinException(ErrorCode.OUT_OF_EXTENT, hint + String.format(Locale.ROOT,
				"位置在服务范围之外(距最近网格约 %.1f 公里),请检查坐标,或确认经纬度是否填反 (the point is %.1f km outside the "
						+ "service area; check the coordinates and whether latitude and longitude are swapped)",
				meters / 1000, meters / 1000),
				Map.of("lon", point.getX(), "lat", point.getY()));
	}

	private String fullName(Area area) {
		return this.areas.ancestors(area).stream().skip(1).map(Area::name).collect(Collectors.joining())
				+ area.name();
	}

	private static void validate(SubmitPetitionInput input) {
		requireText("标题 (title)", input.title(), MAX_TITLE, true);
		requireText("描述 (description)", input.description(), MAX_DESCRIPTION, false);
		requireText("地址 (address)", input.address(), MAX_ADDRESS, false);
		requireText("联系人 (contactName)", input.contactName(), MAX_CONTACT_NAME, false);
		requireText("幂等键 (idempotencyKey)", input.idempotencyKey(), MAX_IDEMPOTENCY_KEY, false);
		requireText("地名 (placeText)", input.placeText(), MAX_PLACE_TEXT, false);
		if (input.contactPhone() != null && !input.contactPhone().matches("\\+?[0-9][0-9 -]{4,18}")) {
			throw invalid("联系电话格式无效 (contactPhone must be a phone number)");
		}
		if (input.location() == null && input.areaCode() == null && (input.placeText() == null || input.placeText().isBlank())) {
			throw invalid("请提供位置:坐标、区域编码或地名之一 (give a location, an area code or a place name)");
		}
		if (input.mediaUrls().size() > MAX_MEDIA) {
			throw invalid("最多 " + MAX_MEDIA + " 个附件 (at most " + MAX_MEDIA + " media URLs)");
		}
		input.mediaUrls().forEach(PetitionIntake::requireWebUrl);
	}

	private static void requireText(String field, String value, int maxLength, boolean required) {
		if (value == null) {
			if (required) {
				throw invalid(field + "不能为空 (" + field + " is required)");
			}
			return;
		}
		if (required && value.isBlank()) {
			throw invalid(field + "不能为空 (" + field + " is required)");
		}
		if (value.length() > maxLength) {
			throw invalid(field + "过长,最多 " + maxLength + " 个字符 (" + field + " is too long: at most " + maxLength
					+ " characters)");
		}
	}

	private static void requireWebUrl(String url) {
		try {
			URI uri = new URI(url);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (url.length() > MAX_MEDIA_URL || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
				throw invalid("附件地址必须是 http(s) 链接 (media URLs must be http or https links): " + url);
			}
		}
		catch (URISyntaxException ex) {
			throw invalid("附件地址无效 (invalid media URL): " + url);
		}
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	private static TiexinException invalid(String message) {
		return new TiexinException(ErrorCode.VALIDATION, message);
	}

	private static TiexinException invalid(String message, Map<String, Object> details) {
		return new TiexinException(ErrorCode.VALIDATION, message, details);
	}

	private record Placement(Point point, String gridCode, String areaCode, MatchMethod method, double distanceMeters,
			String note) {
	}
}
