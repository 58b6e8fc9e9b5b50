package io.tiexin.meeting.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.tiexin.geo.GeoJson;
import io.tiexin.meeting.MeetingItemStatus;

/**
 * The meetings as a GeoJSON FeatureCollection for the map: one Point feature per meeting
 * with what a marker and its popup show, and no names.
 */
final class MeetingLayer {

	/**
	 * A county's year is a few thousand meetings; the layer is capped well above that.
	 */
	static final int MAX_FEATURES = 5_000;

	private MeetingLayer() {
	}

	/**
	 * The features, each with its item counts by status (answered on the spot, filed and
	 * still open, closed) and the place's name, for the popup; no names of people.
	 */
	static Map<String, Object> featureCollection(List<Meeting> meetings, Map<Long, List<MeetingItem>> items,
			Function<String, String> areaName) {
		List<Map<String, Object>> features = new ArrayList<>(meetings.size());
		for (Meeting m : meetings) {
			List<MeetingItem> own = items.getOrDefault(m.getId(), List.of());
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("id", m.getId().toString());
			properties.put("title", m.getTitle());
			properties.put("status", m.getStatus().name());
			properties.put("areaCode", m.getAreaCode());
			properties.put("scheduledAt", m.getScheduledAt().toString());
			properties.put("heldAt", (m.getHeldAt() != null) ? m.getHeldAt().toString() : null);
			properties.put("attendance", m.getAttendance());
			properties.put("items", own.size());
			properties.put("openItems", count(own, MeetingItemStatus.FILED));
			properties.put("answered", count(own, MeetingItemStatus.ANSWERED_ON_SITE));
			properties.put("filed", count(own, MeetingItemStatus.FILED));
			properties.put("closed", count(own, MeetingItemStatus.CLOSED));
			properties.put("place", (m.getPlaceText() != null) ? m.getPlaceText() : areaName.apply(m.getAreaCode()));
			Map<String, Object> feature = new LinkedHashMap<>();
			feature.put("type", "Feature");
			feature.put("id", m.getId().toString());
			feature.put("geometry", GeoJson.toMap(m.getPoint()));
			feature.put("properties", properties);
			features.add(feature);
		}
		Map<String, Object> collection = new LinkedHashMap<>();
		collection.put("type", "FeatureCollection");
		collection.put("features", features);
		return collection;
	}

	private static long count(List<MeetingItem> items, MeetingItemStatus status) {
		return items.stream().filter(item -> item.getStatus() == status).count();
	}

}
