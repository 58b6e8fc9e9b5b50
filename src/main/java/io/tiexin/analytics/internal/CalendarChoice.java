package io.tiexin.analytics.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.tiexin.analytics.internal.AnalyticsRepository.BreakdownCount;
import io.tiexin.analytics.internal.AnalyticsRepository.MonthBreakdown;
import io.tiexin.analytics.internal.AreaBreakdowns.BreakdownWithheld;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.map.AreaCaseCounts.Counts;
import io.tiexin.map.AreaCaseCounts.Withheld;
import io.tiexin.petition.Category;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.shared.CalendarPeriod;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.SmallCountSuppression;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The choice of withheld counts linked over the area tree and the calendar tree (all
 * time, calendar years, quarters, months; China Standard Time), so that no published
 * count of one node can be subtracted from another's: a cell's January withheld (1) needs
 * a complement among the cell's months of the first quarter (or the quarter withheld), as
 * it needs one among its sibling cells in January, whichever request is made. Counts
 * withheld from someone are published on those nodes only ({@link CalendarPeriod}).
 * <p>
 * For every measure (open, overdue, total, each status, each category), the counts of
 * every area in every node that has data, then until nothing changes: for each node,
 * {@link SmallCountSuppression#withheldInTree} over the areas (with what is withheld
 * already); for each area, the same over the nodes; and, as {@link ComplementChoice} does
 * within a period, an area's equal measures (open equal to total, overdue to open)
 * withheld together. A node's choice starts from its slice; what it withholds beyond it
 * (its areas' own tables: a total withheld as a category's partner) goes back into the
 * link, until no node's choice adds anything, so the link holds every published choice.
 * <p>
 * It is also the published snapshot: whoever gets counts withheld reads a node's counts
 * and their choice ({@link #published}) from the same month counts the link was made of,
 * all of one moment, so no published count is newer than another (a live month against a
 * lagging quarter gave the month's new petition). The month counts of every area by
 * status and by category are one statement on the daily rollup (1.7 to 4.4 s at 1,000,000
 * petitions, docs/security.md) and the overdue ones one on the open petitions: too heavy
 * for each request, so the snapshot is kept {@code tiexin.privacy.published-max-age} (one
 * minute unless configured; zero makes it for each request, as the tests do) and made
 * again in the background.
 */
@Component
class CalendarChoice {

	private static final String SNAPSHOT = "snapshot";

	private final AnalyticsRepository repository;

	private final AreaCatalog catalog;

	private final SmallCountSuppression rule;

	private final CalendarLink link;

	private final Clock clock;

	private final CategoryCatalog categories;

	private final LoadingCache<String, Snapshot> snapshots;

	private final boolean cached;

	/** The last snapshot made, and what of. */
	private volatile Made last;

	CalendarChoice(AnalyticsRepository repository, AreaCatalog catalog, SmallCountSuppression rule, Clock clock,
			CategoryCatalog categories, @Value("${tiexin.privacy.published-max-age:PT1M}") Duration maxAge) {
		this.repository = repository;
		this.catalog = catalog;
		this.rule = rule;
		this.link = new CalendarLink(rule);
		this.clock = clock;
		this.categories = categories;
		this.cached = !maxAge.isZero() && !maxAge.isNegative();
		// Refreshed in the background: the first request after maxAge is answered from
		// the snapshot it finds while the next one is made, so no request waits but the
		// very first (or the first after five idle periods, when it has expired).
		this.snapshots = Caffeine.newBuilder()
			// the service's clock, which tests move
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.maximumSize(1)
			.refreshAfterWrite(this.cached ? maxAge : Duration.ofDays(1))
			.expireAfterWrite(this.cached ? maxAge.multipliedBy(5) : Duration.ofDays(5))
			.build(new CacheLoader<>() {
				@Override
				public Snapshot load(String key) {
					return snapshot();
				}

				@Override
				public Snapshot reload(String key, Snapshot old) {
					// The nodes asked for under the old snapshot are made again with it,
					// so their next request does not wait either.
					Snapshot fresh = snapshot();
					old.published().keySet().forEach(fresh::published);
					return fresh;
				}
			});
	}

	/**
	 * Makes the first snapshot in the background once the service is up, so that the
	 * first public map after a start does not wait for it (1.7 s of PostgreSQL and some
	 * seconds of Java at 1,000,000 petitions). Nothing when no snapshot is kept.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void makeTheFirstSnapshot() {
		if (this.cached) {
			this.snapshots.refresh(SNAPSHOT);
		}
	}

	/**
	 * Which counts of each area are withheld in the node, by area code; areas with
	 * nothing withheld are absent.
	 */
	Map<String, Withheld> withheldIn(CalendarPeriod node) {
		return current().withheld().getOrDefault(node, Map.of());
	}

	/**
	 * Which statuses and categories of each area the link withholds in the node, by area
	 * code; areas with none absent.
	 */
	Map<String, BreakdownWithheld> partsWithheldIn(CalendarPeriod node) {
		return current().partsWithheld().getOrDefault(node, Map.of());
	}

	/**
	 * Every area's counts of the node and their choice ({@link ComplementChoice#choose},
	 * started from the node's slice), both from the snapshot's counts: what is published
	 * to whoever may not see them exact. Made with the snapshot for every node that has
	 * data (from the final link), once when first asked for any other.
	 */
	ComplementChoice.PeriodChoice published(CalendarPeriod node) {
		return current().published(node);
	}

	/**
	 * The published snapshot now: read everything a request publishes from one (with
	 * {@code PT0S} each call makes a new one).
	 */
	Snapshot current() {
		return this.cached ? this.snapshots.get(SNAPSHOT) : snapshot();
	}

	/**
	 * Two statements in one transaction (three with its work memory), then the linked
	 * choice of every measure and every node's own choice, until neither adds anything.
	 */
	private Snapshot snapshot() {
		ComplementChoice.Tree tree = ComplementChoice.Tree.of(this.catalog);
		OffsetDateTime takenAt = ServiceTime.now(this.clock);
		AnalyticsRepository.MonthCounts counts = this.repository.monthCounts(takenAt);
		List<Category> categoryList = this.categories.all();
		// The choice depends on the counts alone: where none changed since the last
		// snapshot, its choice is taken as it is (every node's choice is seconds at
		// 1,000,000 petitions; with PT0S, each request's).
		Made previous = this.last;
		if (previous != null && previous.madeOf(tree, categoryList, counts)) {
			return previous.snapshot().at(takenAt);
		}
		Snapshot fresh = snapshotOf(takenAt, tree, categoryList, counts.breakdowns(), counts.overdueByPetitionArea());
		this.last = new Made(tree.codes(), tree.parents(), categoryList, counts, fresh);
		return fresh;
	}

	/** A snapshot and the counts, areas and categories it was made of. */
	private record Made(List<String> codes, int[] parents, List<Category> categories,
			AnalyticsRepository.MonthCounts counts, Snapshot snapshot) {

		boolean madeOf(ComplementChoice.Tree tree, List<Category> categoryList, AnalyticsRepository.MonthCounts read) {
			return this.codes.equals(tree.codes()) && Arrays.equals(this.parents, tree.parents())
					&& this.categories.equals(categoryList) && this.counts.equals(read);
		}

	}

	/**
	 * The snapshot of these month counts: the calendar link, then every node's own choice
	 * ({@link ComplementChoice#choose}, its areas' own tables included) started from the
	 * node's slice; what a node's choice withholds beyond its slice (a total withheld as
	 * a category's partner in its area's own table) is withheld already for the link,
	 * which runs again, and so on until no node's choice adds anything. Linked once only,
	 * a quarter minus its months shown gave back a month's total that only the month's
	 * own choice withheld. Every node's choice is then the one published.
	 * @param overdueByPetitionArea per the area each lies in, by month of submission
	 */
	Snapshot snapshotOf(OffsetDateTime takenAt, ComplementChoice.Tree tree, List<Category> categoryList,
			List<MonthBreakdown> rows, Map<String, Map<LocalDate, Integer>> overdueByPetitionArea) {
		TreeSet<LocalDate> months = new TreeSet<>();
		rows.forEach(row -> months.add(row.month()));
		overdueByPetitionArea.values().forEach(byMonth -> months.addAll(byMonth.keySet()));
		CalendarTree calendar = CalendarTree.of(months);
		int n = calendar.nodes().size();
		long[][] open = new long[n][tree.size()];
		long[][] overdue = new long[n][tree.size()];
		long[][] total = new long[n][tree.size()];
		// Open and total from the statuses (total = the statuses = the categories), as
		// a node's own choice reads them; each status and each category a measure too,
		// so that a category's quarter minus its months shown gives none back.
		PetitionStatus[] statuses = PetitionStatus.values();
		Map<String, Integer> categoryIndex = new HashMap<>();
		categoryList.forEach(category -> categoryIndex.put(category.code(), categoryIndex.size()));
		long[][][] byStatus = new long[statuses.length][n][tree.size()];
		long[][][] byCategory = new long[categoryList.size()][n][tree.size()];
		for (MonthBreakdown row : rows) {
			Integer area = tree.indexOf().get(row.count().areaCode());
			PetitionStatus status = row.count().status();
			if (area == null) {
				continue;
			}
			if (status != null) {
				if (PetitionStatus.OPEN.contains(status)) {
					calendar.addUp(open, row.month(), area, row.count().petitions());
				}
				calendar.addUp(total, row.month(), area, row.count().petitions());
				calendar.addUp(byStatus[status.ordinal()], row.month(), area, row.count().petitions());
			}
			else {
				Integer category = categoryIndex.get(row.count().categoryCode());
				if (category != null) {
					calendar.addUp(byCategory[category], row.month(), area, row.count().petitions());
				}
			}
		}
		// Overdue comes per the area a petition lies in, added up to every area above it.
		overdueByPetitionArea.forEach((code, byMonth) -> {
			for (AreaLevel level : AreaLevel.values()) {
				Integer area = (code.length() >= level.codeLength())
						? tree.indexOf().get(code.substring(0, level.codeLength())) : null;
				if (area != null) {
					byMonth.forEach((month, count) -> calendar.addUp(overdue, month, area, count));
				}
			}
		});
		List<long[][]> measures = new ArrayList<>(List.of(open, overdue, total));
		measures.addAll(List.of(byStatus));
		measures.addAll(List.of(byCategory));
		Snapshot snapshot = new Snapshot(takenAt, new HashMap<>(), new HashMap<>(), tree, categoryList, rows,
				overdueByPetitionArea, new ConcurrentHashMap<>());
		boolean[][][] withheld = new boolean[measures.size()][n][tree.size()];
		// The flags each node's choice was last made from: a node is chosen again only
		// when its slice changed since.
		boolean[][][] chosenFrom = new boolean[n][][];
		boolean added = true;
		while (added) {
			withheld = this.link.withheld(measures, calendar.parents(), tree.parents(), withheld);
			added = false;
			snapshot.rounds++;
			for (int node = 0; node < n; node++) {
				boolean[][] slice = new boolean[measures.size()][];
				for (int m = 0; m < measures.size(); m++) {
					slice[m] = withheld[m][node];
				}
				if (chosenFrom[node] != null && Arrays.deepEquals(chosenFrom[node], slice)) {
					continue;
				}
				CalendarPeriod period = calendar.nodes().get(node);
				chosenFrom[node] = new boolean[measures.size()][];
				for (int m = 0; m < measures.size(); m++) {
					chosenFrom[node][m] = slice[m].clone();
				}
				sliceOf(slice, tree, categoryList, snapshot, period);
				ComplementChoice.PeriodChoice choice = snapshot.choose(period);
				snapshot.published.put(period, choice);
				snapshot.choices++;
				// A node whose choice adds anything is chosen again from the link made
				// with it, so that every published choice is made from the final link.
				added |= feedBack(choice, tree, categoryIndex, withheld, node);
			}
		}
		return snapshot;
	}

	/**
	 * Puts the link's flags of one node (per measure, by area) into the snapshot's maps
	 * of withheld counts and parts.
	 */
	private static void sliceOf(boolean[][] flags, ComplementChoice.Tree tree, List<Category> categoryList,
			Snapshot snapshot, CalendarPeriod node) {
		PetitionStatus[] statuses = PetitionStatus.values();
		Map<String, Withheld> slice = new HashMap<>();
		Map<String, BreakdownWithheld> parts = new HashMap<>();
		for (int area = 0; area < tree.size(); area++) {
			Withheld counts = new Withheld(flags[0][area], flags[1][area], flags[2][area]);
			if (counts.any()) {
				slice.put(tree.codes().get(area), counts);
			}
			Set<PetitionStatus> statusesWithheld = new HashSet<>();
			for (int s = 0; s < statuses.length; s++) {
				if (flags[3 + s][area]) {
					statusesWithheld.add(statuses[s]);
				}
			}
			Set<String> categoriesWithheld = new HashSet<>();
			for (int c = 0; c < categoryList.size(); c++) {
				if (flags[3 + statuses.length + c][area]) {
					categoriesWithheld.add(categoryList.get(c).code());
				}
			}
			if (!statusesWithheld.isEmpty() || !categoriesWithheld.isEmpty()) {
				parts.put(tree.codes().get(area), new BreakdownWithheld(statusesWithheld, categoriesWithheld));
			}
		}
		snapshot.withheld.put(node, slice);
		snapshot.partsWithheld.put(node, parts);
	}

	/**
	 * Sets in the link's flags of the node whatever the node's own choice withholds
	 * beyond them.
	 * @return whether it withholds anything the link does not
	 */
	private static boolean feedBack(ComplementChoice.PeriodChoice choice, ComplementChoice.Tree tree,
			Map<String, Integer> categoryIndex, boolean[][][] withheld, int node) {
		int statuses = PetitionStatus.values().length;
		boolean added = false;
		for (int area = 0; area < tree.size(); area++) {
			String code = tree.codes().get(area);
			Withheld counts = choice.counts().getOrDefault(code, Counts.NONE).withheld();
			added |= set(withheld[0][node], area, counts.open());
			added |= set(withheld[1][node], area, counts.overdue());
			added |= set(withheld[2][node], area, counts.total());
			BreakdownWithheld parts = choice.breakdownOf(code);
			for (PetitionStatus status : parts.statuses()) {
				added |= set(withheld[3 + status.ordinal()][node], area, true);
			}
			for (String category : parts.categories()) {
				Integer c = categoryIndex.get(category);
				if (c != null) {
					added |= set(withheld[3 + statuses + c][node], area, true);
				}
			}
		}
		return added;
	}

	private static boolean set(boolean[] flags, int i, boolean withheld) {
		if (withheld && !flags[i]) {
			flags[i] = true;
			return true;
		}
		return false;
	}

	/**
	 * Every area's counts at one moment, and what is withheld of them: per node, the
	 * withheld counts of the areas that have any (the calendar link), the month rows and
	 * overdue counts they were made of, and each node's published choice, made with the
	 * link for every node that has data, when first asked for for any other.
	 */
	final class Snapshot {

		private final OffsetDateTime takenAt;

		private final Map<CalendarPeriod, Map<String, Withheld>> withheld;

		private final Map<CalendarPeriod, Map<String, BreakdownWithheld>> partsWithheld;

		private final ComplementChoice.Tree tree;

		private final List<Category> categoryList;

		/** The month rows by month. */
		private final Map<LocalDate, List<BreakdownCount>> rows;

		/** Overdue petitions by month, then per the area each lies in. */
		private final Map<LocalDate, Map<String, Integer>> overdue;

		private final Map<CalendarPeriod, ComplementChoice.PeriodChoice> published;

		/** Rounds of the link and the nodes' choices until none added anything. */
		private int rounds;

		/** Nodes' choices made in them. */
		private int choices;

		Snapshot(OffsetDateTime takenAt, Map<CalendarPeriod, Map<String, Withheld>> withheld,
				Map<CalendarPeriod, Map<String, BreakdownWithheld>> partsWithheld, ComplementChoice.Tree tree,
				List<Category> categoryList, List<MonthBreakdown> rows,
				Map<String, Map<LocalDate, Integer>> overdueByPetitionArea,
				Map<CalendarPeriod, ComplementChoice.PeriodChoice> published) {
			this.takenAt = takenAt;
			this.withheld = withheld;
			this.partsWithheld = partsWithheld;
			this.tree = tree;
			this.categoryList = categoryList;
			this.rows = new HashMap<>();
			rows.forEach(row -> this.rows.computeIfAbsent(row.month(), month -> new ArrayList<>()).add(row.count()));
			this.overdue = new HashMap<>();
			overdueByPetitionArea.forEach((code, byMonth) -> byMonth.forEach(
					(month, count) -> this.overdue.computeIfAbsent(month, key -> new HashMap<>()).put(code, count)));
			this.published = published;
		}

		/** The same counts and choice, read again at another moment. */
		private Snapshot(Snapshot of, OffsetDateTime takenAt) {
			this.takenAt = takenAt;
			this.withheld = of.withheld;
			this.partsWithheld = of.partsWithheld;
			this.tree = of.tree;
			this.categoryList = of.categoryList;
			this.rows = of.rows;
			this.overdue = of.overdue;
			this.published = of.published;
			this.rounds = of.rounds;
			this.choices = of.choices;
		}

		/** This snapshot as of another moment at which the counts were the same. */
		Snapshot at(OffsetDateTime moment) {
			return new Snapshot(this, moment);
		}

		/**
		 * When its counts were read: what else is published from live data (hot spots,
		 * clusters, emerging hot spots) counts the petitions submitted before it, so that
		 * nothing published differs from the snapshot by the petitions since.
		 */
		OffsetDateTime takenAt() {
			return this.takenAt;
		}

		Map<CalendarPeriod, Map<String, Withheld>> withheld() {
			return this.withheld;
		}

		/** How it was made: rounds of the link and nodes' choices made in them. */
		int[] roundsAndChoices() {
			return new int[] { this.rounds, this.choices };
		}

		Map<CalendarPeriod, Map<String, BreakdownWithheld>> partsWithheld() {
			return this.partsWithheld;
		}

		Map<CalendarPeriod, ComplementChoice.PeriodChoice> published() {
			return this.published;
		}

		/** The node's counts added up from the same month rows as the link. */
		ComplementChoice.PeriodChoice published(CalendarPeriod node) {
			return this.published.computeIfAbsent(node, this::choose);
		}

		/**
		 * The counts of whole months (a trend's steps together) added up from the same
		 * month rows, with their choice (no calendar slice: no node); made for each call.
		 * @param to the first month after them
		 */
		ComplementChoice.PeriodChoice overMonths(LocalDate from, LocalDate to) {
			return choose(month -> !month.isBefore(from) && month.isBefore(to), Map.of(), Map.of());
		}

		private ComplementChoice.PeriodChoice choose(CalendarPeriod node) {
			return choose(month -> contains(node, month), this.withheld.getOrDefault(node, Map.of()),
					this.partsWithheld.getOrDefault(node, Map.of()));
		}

		private ComplementChoice.PeriodChoice choose(Predicate<LocalDate> inPeriod, Map<String, Withheld> linked,
				Map<String, BreakdownWithheld> linkedParts) {
			List<BreakdownCount> counts = new ArrayList<>();
			this.rows.forEach((month, monthRows) -> {
				if (inPeriod.test(month)) {
					counts.addAll(monthRows);
				}
			});
			Map<String, Integer> overdue = new HashMap<>();
			this.overdue.forEach((month, byArea) -> {
				if (inPeriod.test(month)) {
					byArea.forEach((code, count) -> overdue.merge(code, count, Integer::sum));
				}
			});
			return ComplementChoice.choose(CalendarChoice.this.rule, this.tree, this.categoryList, counts, overdue,
					linked, linkedParts);
		}

		private static boolean contains(CalendarPeriod node, LocalDate month) {
			return node.step() == null
					|| (!month.isBefore(node.start()) && month.isBefore(node.start().plusMonths(node.step().months())));
		}

	}

}
