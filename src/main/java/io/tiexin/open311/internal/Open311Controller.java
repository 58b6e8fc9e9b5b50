package io.tiexin.open311.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.open311.internal.ApiKeyAdministration.Partner;
import io.tiexin.open311.internal.Open311Services.Attribute;
import io.tiexin.open311.internal.Open311Services.Service;
import io.tiexin.petition.HandlingLevel;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionSubmissions;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.petition.PublicPetition;
import io.tiexin.petition.PublicPetitionQuery;
import io.tiexin.petition.PublicPetitions;
import io.tiexin.shared.web.RateLimiter;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * GeoReport v2 (wiki.open311.org/GeoReport_v2) over the petitions. Reads are public and
 * show what anyone may see ({@link PublicPetitions}); a POST needs an {@code api_key} and
 * submits as the partner that holds it, under that person's rate limits. The standard's
 * field names, status values ({@code open}/{@code closed}), error bodies and HTTP codes:
 * 400 for bad input, 403 for a missing or invalid api_key, 404 for what does not exist,
 * 429 when a rate limit is reached.
 */
@RestController
@RequestMapping("/open311/v2")
class Open311Controller {

	static final String JURISDICTION = "360322";

	static final String CHANGESET = "2026-12-06T00:00:00+08:00";

	static final int DEFAULT_PAGE_SIZE = 100;

	static final int MAX_PAGE_SIZE = 1000;

	static final int DEFAULT_SPAN_DAYS = 90;

	private final Open311Services services;

	private final PublicPetitions petitions;

	private final PetitionSubmissions intake;

	private final ApiKeyAdministration apiKeys;

	private final AreaCatalog areas;

	private final RateLimiter rateLimiter;

	private final Clock clock;

	Open311Controller(Open311Services services, PublicPetitions petitions, PetitionSubmissions intake,
			ApiKeyAdministration apiKeys, AreaCatalog areas, RateLimiter rateLimiter, Clock clock) {
		this.services = services;
		this.petitions = petitions;
		this.intake = intake;
		this.apiKeys = apiKeys;
		this.areas = areas;
		this.rateLimiter = rateLimiter;
		this.clock = clock;
	}

	@GetMapping("/discovery.{format}")
	ResponseEntity<String> discovery(@PathVariable String format) {
		Open311Format f = Open311Format.of(format);
		Map<String, Object> endpoint = new LinkedHashMap<>();
		endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
		endpoint.put("url", ServletUriComponentsBuilder.fromCurrentContextPath().path("/open311/v2").toUriString());
		endpoint.put("changeset", CHANGESET);
		endpoint.put("type", "production");
		endpoint.put("formats", f.nested("format", List.of("text/xml", "application/json")));
		Map<String, Object> discovery = new LinkedHashMap<>();
		discovery.put("changeset", CHANGESET);
		discovery.put("contact", "上栗县群众贴心人平台 (Shangli County Tiexin Grid), jurisdiction_id " + JURISDICTION);
		discovery.put("key_service", "api_key 由县级管理员签发 (issued by a county administrator: GraphQL createApiKey)");
		discovery.put("endpoints", f.nested("endpoint", List.of(endpoint)));
		return f.single("discovery", discovery);
	}

	@GetMapping("/services.{format}")
	ResponseEntity<String> services(@PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
		Open311Format f = Open311Format.of(format);
		requireJurisdiction(jurisdiction);
		List<Map<String, Object>> list = this.services.all().stream().map(Open311Controller::service).toList();
		return f.list(HttpStatus.OK, "services", "service", list);
	}

	@GetMapping("/services/{serviceCode}.{format}")
	ResponseEntity<String> serviceDefinition(@PathVariable String serviceCode, @PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
		Open311Format f = Open311Format.of(format);
		requireJurisdiction(jurisdiction);
		Service service = this.services.find(serviceCode)
			.orElseThrow(() -> Open311Error.notFound("未知的服务代码 (service_code not found): " + serviceCode));
		List<Map<String, Object>> attributes = new ArrayList<>();
		for (Attribute attribute : service.attributes()) {
			Map<String, Object> a = new LinkedHashMap<>();
			a.put("variable", true);
			a.put("code", attribute.code());
			a.put("datatype", attribute.datatype());
			a.put("required", attribute.required());
			a.put("datatype_description", attribute.datatypeDescription());
			a.put("order", attribute.order());
			a.put("description", attribute.description());
			if (attribute.isList()) {
				List<Map<String, Object>> values = attribute.values().stream().map(value -> {
					Map<String, Object> v = new LinkedHashMap<>();
					v.put("key", value.key());
					v.put("name", value.name());
					return v;
				}).toList();
				a.put("values", f.nested("value", values));
			}
			attributes.add(a);
		}
		Map<String, Object> definition = new LinkedHashMap<>();
		definition.put("service_code", service.code());
		definition.put("attributes", f.nested("attribute", attributes));
		return f.single("service_definition", definition);
	}

	@PostMapping("/requests.{format}")
	ResponseEntity<String> createRequest(@PathVariable String format,
			@RequestParam MultiValueMap<String, String> parameters, HttpServletRequest http) {
		Open311Format f = Open311Format.of(format);
		requireJurisdiction(parameters.getFirst("jurisdiction_id"));
		Partner partner = this.apiKeys.authenticate(parameters.getFirst("api_key"))
			.orElseThrow(() -> new Open311Error(HttpStatus.FORBIDDEN,
					"api_key 无效或缺失 (invalid or missing api_key received -- can't proceed with create_request)"));
		String serviceCode = parameters.getFirst("service_code");
		if (serviceCode == null || serviceCode.isBlank()) {
			throw Open311Error.badRequest("缺少 service_code (service_code is required)");
		}
		Service service = this.services.find(serviceCode.strip())
			.orElseThrow(() -> Open311Error.badRequest("未知的服务代码 (service_code not found): " + serviceCode));
		var input = Open311Submission.toInput(service, partner.channel(), parameters);
		this.rateLimiter.consume(RateLimiter.Action.SUBMIT_PER_PERSON, Long.toString(partner.actor().personId()));
		this.rateLimiter.consume(RateLimiter.Action.SUBMIT_PER_ADDRESS, http.getRemoteAddr());
		Petition petition = this.intake.submit(input, partner.actor());
		Map<String, Object> created = new LinkedHashMap<>();
		created.put("service_request_id", petition.trackingNumber());
		created.put("token", petition.trackingNumber());
		created.put("service_notice", notice(petition));
		created.put("account_id", null);
		return f.list(HttpStatus.OK, "service_requests", "request", List.of(created));
	}

	@GetMapping("/requests.{format}")
	ResponseEntity<String> requests(@PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction,
			@RequestParam(name = "service_request_id", required = false) String ids,
			@RequestParam(name = "service_code", required = false) String serviceCodes,
			@RequestParam(name = "start_date", required = false) String startDate,
			@RequestParam(name = "end_date", required = false) String endDate,
			@RequestParam(name = "status", required = false) String status,
			@RequestParam(name = "page", required = false) String page,
			@RequestParam(name = "page_size", required = false) String pageSize) {
		Open311Format f = Open311Format.of(format);
		requireJurisdiction(jurisdiction);
		List<String> trackingNumbers = commaList(ids);
		OffsetDateTime from = dateTime("start_date", startDate);
		OffsetDateTime to = dateTime("end_date", endDate);
		if (trackingNumbers.isEmpty() && from == null) {
			// The standard's default span: the 90 days before end_date (or now).
			from = ((to != null) ? to : ServiceTime.now(this.clock)).minusDays(DEFAULT_SPAN_DAYS);
		}
		int size = number("page_size", pageSize, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
		int pageNumber = number("page", page, 1, 1, 1_000_000);
		List<String> categories = commaList(serviceCodes);
		for (String code : categories) {
			if (this.services.find(code).isEmpty()) {
				throw Open311Error.badRequest("未知的服务代码 (service_code not found): " + code);
			}
		}
		List<PublicPetition> found = this.petitions.list(new PublicPetitionQuery(trackingNumbers, categories,
				statuses(status), from, to, (pageNumber - 1) * size, size));
		return f.list(HttpStatus.OK, "service_requests", "request", found.stream().map(this::request).toList());
	}

	@GetMapping("/requests/{serviceRequestId}.{format}")
	ResponseEntity<String> request(@PathVariable String serviceRequestId, @PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
		Open311Format f = Open311Format.of(format);
		requireJurisdiction(jurisdiction);
		PublicPetition petition = this.petitions.byTrackingNumber(serviceRequestId)
			.orElseThrow(() -> Open311Error.notFound("找不到该诉求 (service_request_id not found): " + serviceRequestId));
		return f.list(HttpStatus.OK, "service_requests", "request", List.of(request(petition)));
	}

	/**
	 * Requests are created at once, so a token is simply the tracking number it stands
	 * for.
	 */
	@GetMapping("/tokens/{token}.{format}")
	ResponseEntity<String> token(@PathVariable String token, @PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
		Open311Format f = Open311Format.of(format);
		requireJurisdiction(jurisdiction);
		PublicPetition petition = this.petitions.byTrackingNumber(token)
			.orElseThrow(() -> Open311Error.notFound("找不到该令牌 (token not found): " + token));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("service_request_id", petition.trackingNumber());
		answer.put("token", token.strip());
		return f.list(HttpStatus.OK, "service_requests", "request", List.of(answer));
	}

	@ExceptionHandler(Open311Error.class)
	ResponseEntity<String> refused(Open311Error error, HttpServletRequest http) {
		return errors(http, error.status(), error.getMessage(), null);
	}

	@ExceptionHandler(TiexinException.class)
	ResponseEntity<String> refused(TiexinException error, HttpServletRequest http) {
		HttpStatus status = switch (error.code()) {
			case UNAUTHENTICATED, FORBIDDEN -> HttpStatus.FORBIDDEN;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
			case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
			case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
			default -> HttpStatus.BAD_REQUEST;
		};
		Object retryAfter = error.details().get("retryAfterSeconds");
		return errors(http, status, error.getMessage(), (retryAfter != null) ? retryAfter.toString() : null);
	}

	private static ResponseEntity<String> errors(HttpServletRequest http, HttpStatus status, String description,
			String retryAfter) {
		Open311Format f = http.getRequestURI().endsWith(".xml") ? Open311Format.XML : Open311Format.JSON;
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", status.value());
		error.put("description", description);
		ResponseEntity<String> answer = f.list(status, "errors", "error", List.of(error));
		if (retryAfter == null) {
			return answer;
		}
		return ResponseEntity.status(status)
			.headers(answer.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, retryAfter)
			.body(answer.getBody());
	}

	private static Map<String, Object> service(Service service) {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("service_code", service.code());
		s.put("service_name", service.name());
		s.put("description", service.description());
		s.put("metadata", service.hasMetadata());
		s.put("type", "realtime");
		s.put("keywords", service.keywords());
		s.put("group", service.group());
		return s;
	}

	/**
	 * A request as anyone may see it. No personal field: address is the name of the area
	 * (not what the caller said), no media, no status notes (officers' notes may name
	 * people), no description in a sensitive category.
	 */
	private Map<String, Object> request(PublicPetition p) {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("service_request_id", p.trackingNumber());
		r.put("status", isClosed(p.status()) ? "closed" : "open");
		r.put("status_notes", null);
		r.put("service_name", this.services.find(p.categoryCode()).map(Service::name).orElse(p.categoryCode()));
		r.put("service_code", p.categoryCode());
		r.put("description", p.title());
		r.put("agency_responsible", agency(p));
		r.put("service_notice", null);
		r.put("requested_datetime", w3c(p.submittedAt()));
		r.put("updated_datetime", w3c(p.updatedAt()));
		r.put("expected_datetime", w3c(p.dueAt()));
		r.put("address", this.areas.find(p.areaCode()).map(Area::name).orElse(null));
		r.put("address_id", p.areaCode());
		r.put("zipcode", null);
		r.put("lat", p.point().getY());
		r.put("long", p.point().getX());
		r.put("media_url", null);
		return r;
	}

	/**
	 * The W3C profile of ISO 8601 the standard asks for, to the second, with the offset
	 * (+08:00).
	 */
	private static String w3c(OffsetDateTime time) {
		return (time != null) ? time.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
				: null;
	}

	/** Handled and waiting for the citizen's word counts as closed, as does withdrawn. */
	static boolean isClosed(PetitionStatus status) {
		return status == PetitionStatus.RESOLVED || status == PetitionStatus.CLOSED
				|| status == PetitionStatus.WITHDRAWN;
	}

	private static List<PetitionStatus> statuses(String status) {
		List<PetitionStatus> statuses = new ArrayList<>();
		for (String value : commaList(status)) {
			switch (value.toLowerCase(Locale.ROOT)) {
				case "open" -> Arrays.stream(PetitionStatus.values()).filter(s -> !isClosed(s)).forEach(statuses::add);
				case "closed" ->
					Arrays.stream(PetitionStatus.values()).filter(Open311Controller::isClosed).forEach(statuses::add);
				default ->
					throw Open311Error.badRequest("status 只能是 open 或 closed (status must be open or closed): " + value);
			}
		}
		return statuses;
	}

	/**
	 * The office in charge at the petition's handling level: its village, township or
	 * county.
	 */
	private String agency(PublicPetition p) {
		int length = switch (p.level()) {
			case VILLAGE -> 12;
			case TOWNSHIP -> 9;
			case COUNTY -> 6;
		};
		String code = (p.areaCode().length() >= length) ? p.areaCode().substring(0, length) : p.areaCode();
		String suffix = (p.level() == HandlingLevel.VILLAGE) ? "村(居)委会" : "人民政府";
		return this.areas.find(code).map(area -> area.name() + suffix).orElse(null);
	}

	private static String notice(Petition petition) {
		if (petition.assigneeId() != null && petition.dueAt() != null) {
			return "已派单,办理时限 " + petition.dueAt() + " (assigned; due " + petition.dueAt() + ")";
		}
		return "已受理,等待派单 (received; waiting to be assigned)";
	}

	private static void requireJurisdiction(String jurisdiction) {
		if (jurisdiction != null && !jurisdiction.isBlank() && !jurisdiction.strip().equals(JURISDICTION)) {
			throw Open311Error.notFound("未知的 jurisdiction_id (jurisdiction_id not found; this endpoint serves "
					+ JURISDICTION + "): " + jurisdiction);
		}
	}

	private static List<String> commaList(String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
	}

	private static OffsetDateTime dateTime(String name, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw Open311Error.badRequest(name + " 须为带时区的 ISO 8601 时间 (" + name
					+ " must be an ISO 8601 date-time with offset, e.g. 2026-12-01T08:00:00+08:00): " + value);
		}
	}

	private static int number(String name, String value, int fallback, int min, int max) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value.strip());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw Open311Error.badRequest(name + " 须为 " + min + " 到 " + max + " 的整数 (" + name
				+ " must be a whole number from " + min + " to " + max + "): " + value);
	}

}
