package io.tiexin.grid.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.tiexin.grid.Area;

/**
 * Finds areas by the names people say: "泉塘村", "泉塘", "上栗镇泉塘村六组", "泉塘村六组". Every name is
 * known in full and without its suffix (村, 社区, 镇, 乡, …); a place scores the characters
 * matched by its own name plus those matched by its ancestors' names, so "泉塘村六组" picks
 * the 六组 of 泉塘村 over every other 六组. Only the best-scoring places are returned.
 */
public final class Gazetteer {

	private static final List<String> SUFFIXES = List.of("社区", "街道", "村", "镇", "乡", "县");

	private static final int MAX_RESULTS = 20;

	private final Map<Area, List<String>> namesByArea = new LinkedHashMap<>();

	private final Function<Area, List<Area>> ancestors;

	Gazetteer(List<Area> areas, Function<Area, List<Area>> ancestors) {
		this.ancestors = ancestors;
		for (Area area : areas) {
			this.namesByArea.put(area, namesOf(area.name()));
		}
	}

	private static List<String> namesOf(String name) {
		List<String> names = new ArrayList<>(List.of(name));
		for (String suffix : SUFFIXES) {
			// A one-character stem ("新" of "新村") would match half the county.
			if (name.endsWith(suffix) && name.length() - suffix.length() >= 2) {
				names.add(name.substring(0, name.length() - suffix.length()));
				break;
			}
		}
		return names;
	}

	public List<Area> search(String text) {
		String query = text.replaceAll("[\\s\\p{Punct}，。、()（）]", "");
		if (query.isEmpty()) {
			return List.of();
		}
		Map<Area, Integer> ownMatch = new LinkedHashMap<>();
		this.namesByArea.forEach((area, names) -> {
			int matched = longestContained(query, names);
			if (matched > 0) {
				ownMatch.put(area, matched);
			}
		});
		if (ownMatch.isEmpty()) {
			return partialMatches(query);
		}
		Map<Area, Integer> score = new LinkedHashMap<>();
		ownMatch.forEach((area, matched) -> score.put(area,
				matched + this.ancestors.apply(area).stream().mapToInt(a -> ownMatch.getOrDefault(a, 0)).sum()));
		int best = score.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
		return score.entrySet()
			.stream()
			.filter(entry -> entry.getValue() == best)
			.map(Map.Entry::getKey)
			.sorted(Comparator.comparing(Area::level).thenComparing(Area::code))
			.limit(MAX_RESULTS)
			.toList();
	}

	private static int longestContained(String query, List<String> names) {
		int longest = 0;
		for (String name : names) {
			if (name.length() > longest && query.contains(name)) {
				longest = name.length();
			}
		}
		return longest;
	}

	/** For a fragment of a name ("塘村"): the places whose name contains it. */
	private List<Area> partialMatches(String query) {
		return this.namesByArea.keySet()
			.stream()
			.filter(area -> area.name().contains(query))
			.sorted(Comparator.comparing(Area::level).thenComparing(Area::code))
			.limit(MAX_RESULTS)
			.toList();
	}

}
