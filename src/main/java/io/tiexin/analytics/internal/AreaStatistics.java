package io.tiexin.analytics.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.analytics.internal.AnalyticsRepository.RollupRow;
import io.tiexin.analytics.internal.AreaStats.CategoryCount;
import io.tiexin.analytics.internal.AreaStats.StatusCount;
import io.tiexin.grid.AreaLevel;
import io.tiexin.map.AreaCaseCounts;
import io.tiexin.meeting.MeetingFigures;
import io.tiexin.meeting.MeetingStatistics;
import io.tiexin.petition.Category;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.petition.HandlingLevel;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.shared.CalendarPeriod;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.ServiceTime;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Statistics per area and period, for any number of areas in a fixed number of
 * statements: counts and rates from the daily rollup (meetings' from the meeting
 * module's), overdue petitions from the open ones, the median time to close from the
 * closed ones. Also the map's case counts.
 */
@Service
@Transactional(readOnly = true)
class AreaStatistics implements AreaCaseCounts {

	private final AnalyticsRepository repository;

	private final Clock clock;

	private final CategoryCatalog categories;

	private final MeetingStatistics meetings;

	private final ComplementChoice complements;

	AreaStatistics(AnalyticsRepository repository, CategoryCatalog categories, Clock clock, MeetingStatistics meetings,
			ComplementChoice complements) {
		this.repository = repository;
		this.complements = complements;
		this.meetings = meetings;
		this.categories = categories;
		this.clock = clock;
	}

	/**
	 * The statistics of each area over the period; two statements whatever the number of
	 * areas, a third for the median and one for the meetings' figures when they are asked
	 * for. The median is exact: its ranks come from a histogram of whole hours to close
	 * (V22_2), then only the closed petitions of the one or two hours holding them are
	 * read (it was a percentile over every closed petition: about 1.3 s for a county year
	 * of 1,000,000).
	 */
	Map<String, AreaStats> statsOf(Collection<String> areaCodes, PeriodInput period, boolean withMedian,
			boolean withMeetings) {
		RollupPeriod rollupPeriod = RollupPeriod.of(period);
		Map<String, List<RollupRow>> rowsByArea = new HashMap<>();
		this.repository.counts(areaCodes, rollupPeriod, null)
			.forEach(row -> rowsByArea.computeIfAbsent(row.areaCode(), code -> new ArrayList<>()).add(row));
		Map<String, Integer> overdue = this.repository.overdue(areaCodes, rollupPeriod, null,
				ServiceTime.now(this.clock));
		Map<String, Double> medians = withMedian ? this.repository.medianHoursToClose(areaCodes, rollupPeriod)
				: Map.of();
		// The meeting module's figures cost a statement of their own: only when asked
		// for.
		Map<String, MeetingFigures> meetingFigures = withMeetings ? this.meetings.figuresOf(areaCodes, period)
				: Map.of();
		Map<String, AreaStats> stats = new LinkedHashMap<>();
		for (String code : areaCodes) {
			stats.put(code, stats(rowsByArea.getOrDefault(code, List.of()), overdue.getOrDefault(code, 0),
					medians.get(code), meetingFigures.getOrDefault(code, MeetingFigures.NONE)));
		}
		return stats;
	}

	/**
	 * With the counts withheld from whoever may not see the cases chosen once for every
	 * area ({@link ComplementChoice}), as the other paths read them.
	 */
	@Override
	public Map<String, Counts> countByArea(AreaLevel level, PeriodInput period) {
		Map<String, Counts> result = new HashMap<>();
		this.complements.countsOf(period).forEach((code, counts) -> {
			if (code.length() == level.codeLength()) {
				result.put(code, counts);
			}
		});
		return result;
	}

	/**
	 * From the published snapshot ({@link ComplementChoice#published}): no statement
	 * while it is fresh.
	 */
	@Override
	public Map<String, Counts> publishedByArea(AreaLevel level, CalendarPeriod node) {
		Map<String, Counts> result = new HashMap<>();
		this.complements.published(node).counts().forEach((code, counts) -> {
			if (code.length() == level.codeLength()) {
				result.put(code, counts);
			}
		});
		return result;
	}

	private AreaStats stats(List<RollupRow> rows, int overdue, Double medianHoursToClose, MeetingFigures meetings) {
		Map<PetitionStatus, Integer> byStatus = new EnumMap<>(PetitionStatus.class);
		Map<String, Integer> byCategory = new HashMap<>();
		int total = 0;
		int closedWithDue = 0;
		int closedOnTime = 0;
		int rated = 0;
		int satisfied = 0;
		int closedInVillage = 0;
		for (RollupRow row : rows) {
			total += row.petitions();
			byStatus.merge(row.status(), row.petitions(), Integer::sum);
			byCategory.merge(row.categoryCode(), row.petitions(), Integer::sum);
			closedWithDue += row.closedWithDue();
			closedOnTime += row.closedOnTime();
			rated += row.rated();
			satisfied += row.satisfied();
			if (row.status() == PetitionStatus.CLOSED && row.level() == HandlingLevel.VILLAGE) {
				closedInVillage += row.petitions();
			}
		}
		int open = PetitionStatus.OPEN.stream().mapToInt(status -> byStatus.getOrDefault(status, 0)).sum();
		int closed = byStatus.getOrDefault(PetitionStatus.CLOSED, 0);
		int withdrawn = byStatus.getOrDefault(PetitionStatus.WITHDRAWN, 0);
		List<StatusCount> statusCounts = new ArrayList<>();
		for (PetitionStatus status : PetitionStatus.values()) {
			statusCounts.add(new StatusCount(status, byStatus.getOrDefault(status, 0)));
		}
		List<CategoryCount> categoryCounts = new ArrayList<>();
		for (Category category : this.categories.all()) {
			categoryCounts.add(new CategoryCount(category, byCategory.getOrDefault(category.code(), 0)));
		}
		return new AreaStats(total, open, closed, overdue, rate(closed, total - withdrawn),
				rate(closedOnTime, closedWithDue), medianHoursToClose, rate(satisfied, rated),
				rate(closedInVillage, closed), statusCounts, categoryCounts, meetings);
	}

	private static Double rate(int part, int whole) {
		return (whole > 0) ? (double) part / whole : null;
	}

}
