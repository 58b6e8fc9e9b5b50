package io.tiexin.analytics.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.tiexin.shared.CalendarPeriod;

/**
 * The calendar tree of the months that have data: all time first, then each year, quarter
 * and month that holds one of them, each with the index of its parent.
 */
record CalendarTree(List<CalendarPeriod> nodes, Map<CalendarPeriod, Integer> indexOf, int[] parents) {

	static CalendarTree of(Collection<LocalDate> months) {
		Map<CalendarPeriod, Integer> indexOf = new LinkedHashMap<>();
		List<CalendarPeriod> nodes = new ArrayList<>();
		List<Integer> parents = new ArrayList<>();
		add(CalendarPeriod.ALL_TIME, indexOf, nodes, parents);
		for (LocalDate month : new TreeSet<>(months)) {
			add(new CalendarPeriod(CalendarPeriod.Step.MONTH, month.withDayOfMonth(1)), indexOf, nodes, parents);
		}
		return new CalendarTree(List.copyOf(nodes), Map.copyOf(indexOf),
				parents.stream().mapToInt(Integer::intValue).toArray());
	}

	private static int add(CalendarPeriod node, Map<CalendarPeriod, Integer> indexOf, List<CalendarPeriod> nodes,
			List<Integer> parents) {
		Integer known = indexOf.get(node);
		if (known != null) {
			return known;
		}
		CalendarPeriod above = node.parent();
		int parent = (above != null) ? add(above, indexOf, nodes, parents) : -1;
		indexOf.put(node, nodes.size());
		nodes.add(node);
		parents.add(parent);
		return nodes.size() - 1;
	}

	/** Adds a month's count of an area to the month and every node above it. */
	void addUp(long[][] counts, LocalDate month, int area, long count) {
		for (CalendarPeriod node = new CalendarPeriod(CalendarPeriod.Step.MONTH,
				month.withDayOfMonth(1)); node != null; node = node.parent()) {
			Integer index = this.indexOf.get(node);
			if (index != null) {
				counts[index][area] += count;
			}
		}
	}

}
