package io.tiexin.open311.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tiexin.geo.Crs;
import io.tiexin.geo.PointInput;
import io.tiexin.open311.internal.Open311Services.Attribute;
import io.tiexin.open311.internal.Open311Services.Service;
import io.tiexin.petition.Channel;
import io.tiexin.petition.SubmitPetitionInput;
import io.tiexin.petition.Urgency;

import org.springframework.util.MultiValueMap;

/**
 * A GeoReport v2 POST as a petition: {@code lat}/{@code long} (WGS84) or
 * {@code address_string} (through the gazetteer) or {@code address_id} (an area code);
 * the title, which the standard lacks, from the description's first sentence; the service
 * definition's {@code attribute[CODE]} answers checked and appended to the description;
 * {@code first_name}/{@code last_name}/{@code phone} as the contact (family name first,
 * as Chinese names are written). {@code email}, {@code device_id} and {@code account_id}
 * have no place in a petition and are not kept. The petition module then validates
 * everything else (lengths, coordinates, extent, phone).
 */
final class Open311Submission {

	static final int TITLE_LENGTH = 30;

	private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\]]+)\\](\\[\\])?");

	private static final Pattern SENTENCE_END = Pattern.compile("[。!?!?;;\\n]");

	private Open311Submission() {
	}

	static SubmitPetitionInput toInput(Service service, Channel channel, MultiValueMap<String, String> parameters) {
		String description = text(parameters.getFirst("description"));
		String addressString = text(parameters.getFirst("address_string"));
		String addressId = text(parameters.getFirst("address_id"));
		PointInput location = location(parameters.getFirst("lat"), parameters.getFirst("long"));
		if (location == null && addressString == null && addressId == null) {
			throw Open311Error.badRequest("须提供 lat/long、address_string 或 address_id 之一 "
					+ "(a location is required: lat and long, address_string or address_id)");
		}
		String answers = attributes(service, parameters);
		String fullDescription = join(description, answers);
		String lastName = text(parameters.getFirst("last_name"));
		String firstName = text(parameters.getFirst("first_name"));
		String name = (lastName == null && firstName == null) ? null
				: ((lastName != null) ? lastName : "") + ((firstName != null) ? firstName : "");
		List<String> media = (parameters.get("media_url") != null)
				? parameters.get("media_url").stream().map(Open311Submission::text).filter(u -> u != null).toList()
				: List.of();
		return new SubmitPetitionInput(title(description, service), fullDescription, service.code(), channel,
				Urgency.NORMAL, location, (location == null) ? addressId : null,
				(location == null && addressId == null) ? addressString : null, addressString, name,
				text(parameters.getFirst("phone")), media, null);
	}

	/**
	 * The description's first sentence (at most 30 characters), else the service's name.
	 */
	static String title(String description, Service service) {
		if (description == null) {
			return service.name();
		}
		String first = description.strip();
		Matcher end = SENTENCE_END.matcher(first);
		if (end.find() && end.start() > 0) {
			first = first.substring(0, end.start()).strip();
		}
		if (first.codePointCount(0, first.length()) > TITLE_LENGTH) {
			first = first.substring(0, first.offsetByCodePoints(0, TITLE_LENGTH - 1)) + "…";
		}
		return first.isEmpty() ? service.name() : first;
	}

	private static PointInput location(String lat, String lon) {
		if (text(lat) == null && text(lon) == null) {
			return null;
		}
		if (text(lat) == null || text(lon) == null) {
			throw Open311Error.badRequest("lat 与 long 须同时提供 (lat and long go together)");
		}
		try {
			return new PointInput(Double.parseDouble(lon.strip()), Double.parseDouble(lat.strip()), Crs.WGS84);
		}
		catch (NumberFormatException ex) {
			throw Open311Error.badRequest("lat/long 须为数字 (lat and long must be numbers): " + lat + ", " + lon);
		}
	}

	/**
	 * The answers to the service definition's questions as lines
	 * {@code 描述 (CODE): value}; unknown codes, missing required answers and values not in
	 * a list are refused.
	 */
	private static String attributes(Service service, MultiValueMap<String, String> parameters) {
		Map<String, Attribute> byCode = service.attributes()
			.stream()
			.collect(Collectors.toMap(Attribute::code, a -> a));
		Map<String, List<String>> answers = new LinkedHashMap<>();
		parameters.forEach((name, values) -> {
			Matcher matcher = ATTRIBUTE.matcher(name);
			if (!matcher.matches()) {
				return;
			}
			String code = matcher.group(1);
			if (!byCode.containsKey(code)) {
				throw Open311Error.badRequest("该服务没有此属性 (no such attribute for " + service.code() + "): " + code);
			}
			values.stream()
				.map(Open311Submission::text)
				.filter(v -> v != null)
				.forEach(v -> answers.computeIfAbsent(code, k -> new ArrayList<>()).add(v));
		});
		List<String> lines = new ArrayList<>();
		for (Attribute attribute : service.attributes()) {
			List<String> given = answers.getOrDefault(attribute.code(), List.of());
			if (given.isEmpty()) {
				if (attribute.required()) {
					throw Open311Error.badRequest("缺少必填属性 (required attribute missing): attribute[" + attribute.code()
							+ "] — " + attribute.description());
				}
				continue;
			}
			check(attribute, given);
			lines.add(attribute.description() + " [" + attribute.code() + "]: " + String.join(", ", given));
		}
		return lines.isEmpty() ? null : String.join("\n", lines);
	}

	private static void check(Attribute attribute, List<String> given) {
		if (attribute.isList()) {
			Set<String> keys = attribute.values().stream().map(Open311Services.Value::key).collect(Collectors.toSet());
			for (String value : given) {
				if (!keys.contains(value)) {
					throw Open311Error.badRequest("属性 " + attribute.code() + " 的取值无效 (attribute " + attribute.code()
							+ " must be one of " + keys + "): " + value);
				}
			}
			if (attribute.datatype().equals("singlevaluelist") && given.size() > 1) {
				throw Open311Error.badRequest(
						"属性 " + attribute.code() + " 只能取一个值 (attribute " + attribute.code() + " takes one value)");
			}
		}
		else if (attribute.datatype().equals("number")) {
			for (String value : given) {
				try {
					Double.parseDouble(value);
				}
				catch (NumberFormatException ex) {
					throw Open311Error.badRequest("属性 " + attribute.code() + " 须为数字 (attribute " + attribute.code()
							+ " must be a number): " + value);
				}
			}
		}
	}

	private static String join(String first, String second) {
		if (first == null) {
			return second;
		}
		return (second == null) ? first : first + "\n\n" + second;
	}

	private static String text(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
