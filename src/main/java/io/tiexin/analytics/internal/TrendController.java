package io.tiexin.analytics.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import io.tiexin.analytics.internal.EmergingHotspotResult.Cell;
import io.tiexin.analytics.internal.AreaStats.CategoryCount;
import io.tiexin.analytics.internal.ComplementChoice.PeriodChoice;
import io.tiexin.grid.Area;
import io.tiexin.map.AreaCaseCounts.Counts;
import io.tiexin.people.Actor;
import io.tiexin.petition.Category;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.shared.CalendarPeriod;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.SmallCountSuppression;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * {@code Area.trend} and {@code emergingHotspots}. Trends of a list of areas load in one
 * statement per distinct (interval, period, category); whoever may not see the cases
 * gets, by whole months, the counts as published with the one choice of what is withheld,
 * from the published snapshot ({@link ComplementChoice#publishedSnapshot}: no statement
 * while it is fresh).
 */
@Controller
class TrendController {

	private final AreaTrends trends;

	private final EmergingHotspotAnalysis emerging;

	private final AnalyticsAccess access;

	private final AnalyticsAreas areas;

	private final Clock clock;

	private final SmallCountSuppression smallCounts;

	private final ComplementChoice complements;

	private final CategoryCatalog categories;

	TrendController(AreaTrends trends, EmergingHotspotAnalysis emerging, AnalyticsAccess access, AnalyticsAreas areas,
			Clock clock, SmallCountSuppression smallCounts, ComplementChoice complements, CategoryCatalog categories,
			BatchLoaderRegistry loaders) {
		this.trends = trends;
		this.categories = categories;
		this.complements = complements;
		this.emerging = emerging;
		this.access = access;
		this.areas = areas;
		this.clock = clock;
		this.smallCounts = smallCounts;
		loaders.forTypePair(TrendKey.class, TrendBuckets.class)
			.registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> loadTrends(keys)));
		loaders.forTypePair(TrendKey.class, PublishedSteps.class)
			.registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> loadPublished(keys)));
	}

	/**
	 * The steps are worked out here, so that a bad period is refused before anything is
	 * read.
	 */
	@SchemaMapping(typeName = "Area")
	CompletableFuture<List<TrendBucket>> trend(Area area, @Argument TrendInterval interval,
			@Argument PeriodInput period, @Argument String categoryCode, DataLoader<TrendKey, TrendBuckets> loader,
			DataLoader<TrendKey, PublishedSteps> published) {
		Actor actor = this.access.requireArea(area.code());
		this.areas.requireCategory(categoryCode);
		TimeBuckets steps = TimeBuckets.of(Objects.requireNonNullElse(interval, TrendInterval.MONTH), period,
				ServiceTime.now(this.clock));
		boolean exact = AnalyticsAccess.maySeeCasesOf(actor, area.code());
		if (!exact && (steps.interval() != TrendInterval.MONTH || !steps.wholeSteps())) {
			// Each step is a count published: whole calendar months only, the nodes the
			// choice of withheld counts is made on (days and weeks would be differences
			// of
			// them).
			throw CalendarPeriod.refusal("interval " + steps.interval() + ", period "
					+ ((period != null) ? "from " + period.from() + " to " + period.to() : "none"));
		}
		if (exact) {
			return loader.load(new TrendKey(area.code(), steps, categoryCode)).thenApply(TrendBuckets::buckets);
		}
		// The counts as published, each month's and the whole period's with their choice,
		// from the snapshot mapLayer and stats read too (a live month against the
		// snapshot's would give the petitions since), loaded once for every area of the
		// request.
		return published.load(new TrendKey(null, steps, categoryCode))
			.thenApply(steps1 -> steps1.trendOf(area.code(), categoryCode, this.categories.all(), this.smallCounts));
	}

	@QueryMapping
	EmergingHotspotResult emergingHotspots(@Argument String areaCode, @Argument TrendInterval interval,
			@Argument Integer periods, @Argument String categoryCode, @Argument OffsetDateTime endingAt,
			@Argument Integer neighbourhoodTimeSteps, @Argument Boolean fdr) {
		Actor actor = this.access.requireArea(areaCode);
		TrendInterval stepOf = Objects.requireNonNullElse(interval, TrendInterval.MONTH);
		boolean exact = AnalyticsAccess.maySeeCasesOf(actor, areaCode);
		if (stepOf != TrendInterval.MONTH && !exact) {
			// The cells' counts per step are published: whole calendar months only.
			throw CalendarPeriod.refusal("interval " + stepOf);
		}
		boolean falseDiscoveryRate = !Boolean.FALSE.equals(fdr);
		// For whoever gets counts withheld, the cells' counts are counted as of the
		// published snapshot's moment (its steps ending by it unless asked otherwise),
		// and
		// chosen from the snapshot's months, as their trends are: counted live, a cell's
		// month minus its published trend gave the petitions since.
		CalendarChoice.Snapshot snapshot = exact ? null : this.complements.publishedSnapshot();
		EmergingHotspotAnalysis.Cube cube = this.emerging.cube(areaCode, stepOf,
				Objects.requireNonNullElse(periods, 12), categoryCode,
				(endingAt != null || exact) ? endingAt : snapshot.takenAt(),
				Objects.requireNonNullElse(neighbourhoodTimeSteps, 0), exact ? null : snapshot.takenAt());
		EmergingHotspotResult result = this.emerging.analyse(cube, cube.counts(), falseDiscoveryRate);
		Predicate<Cell> seesCases = cell -> AnalyticsAccess.maySeeCasesOf(actor, cell.area().code());
		if (result.cells().stream().allMatch(seesCases)) {
			return result;
		}
		if (snapshot == null) {
			snapshot = this.complements.publishedSnapshot();
		}
		// Withheld here, once for the whole table: whether one cell's count is withheld
		// depends on its neighbours in its row and its village's column, and starts from
		// the snapshot's choice of each month and of the whole period, the one the cells'
		// trends over the same steps read.
		List<TimeBuckets.Bucket> buckets = cube.buckets().buckets();
		int lead = cube.lead();
		List<String> codes = result.cells().stream().map(cell -> cell.area().code()).toList();
		boolean[][] withheld = result.withheld(this.smallCounts, seesCases,
				publishedSteps(snapshot, buckets.subList(lead, buckets.size())).stepsWithheld(codes, categoryCode));
		// The z-scores, bins and patterns of cells the viewer may not see are computed
		// again from the counts as published: every withheld count (and in the earlier
		// steps read as neighbours only, every count their own trend withholds) stands in
		// as one fixed value, so none can be solved back from them.
		Map<String, boolean[]> leadWithheld = (lead > 0)
				? publishedSteps(snapshot, buckets.subList(0, lead)).stepsWithheld(codes, categoryCode) : Map.of();
		double[][] published = new double[cube.counts().length][];
		for (int i = 0; i < published.length; i++) {
			published[i] = cube.counts()[i].clone();
			if (withheld[i] == null) {
				continue;
			}
			boolean[] before = leadWithheld.get(result.cells().get(i).area().code());
			for (int step = 0; step < published[i].length; step++) {
				boolean hidden = (step < lead)
						? this.smallCounts.hides((long) published[i][step]) || (before != null && before[step])
						: withheld[i][step - lead];
				if (hidden) {
					published[i][step] = this.smallCounts.standIn();
				}
			}
		}
		return this.emerging.analyse(cube, published, falseDiscoveryRate).withCountsHidden(withheld);
	}

	@SchemaMapping(typeName = "EmergingHotspotResult")
	List<Cell> cells(EmergingHotspotResult result, @Argument List<EmergingPattern> patterns) {
		return (patterns == null) ? result.cells()
				: result.cells().stream().filter(cell -> patterns.contains(cell.pattern())).toList();
	}

	/**
	 * Per-step counts, withheld ones reading 0 for whoever may not see the cell's cases
	 * (k-anonymity with complementary suppression,
	 * {@link EmergingHotspotResult#withSmallCountsHidden}, applied in
	 * {@link #emergingHotspots}).
	 */
	@SchemaMapping(typeName = "EmergingHotspotCell")
	List<Integer> counts(Cell cell) {
		this.access.requireStaff();
		return cell.counts();
	}

	private Map<TrendKey, TrendBuckets> loadTrends(Set<TrendKey> keys) {
		Map<TrendKey, List<String>> codesByQuestion = new LinkedHashMap<>();
		keys.forEach(key -> codesByQuestion
			.computeIfAbsent(new TrendKey(null, key.steps(), key.categoryCode()), question -> new ArrayList<>())
			.add(key.areaCode()));
		Map<TrendKey, TrendBuckets> loaded = new HashMap<>();
		codesByQuestion
			.forEach((question, codes) -> this.trends.trendsOf(codes, question.steps(), question.categoryCode())
				.forEach((code, buckets) -> loaded.put(new TrendKey(code, question.steps(), question.categoryCode()),
						new TrendBuckets(buckets))));
		return loaded;
	}

	/** Whole months only (the trend refuses others to whoever gets counts withheld). */
	private Map<TrendKey, PublishedSteps> loadPublished(Set<TrendKey> keys) {
		CalendarChoice.Snapshot snapshot = this.complements.publishedSnapshot();
		Map<TrendKey, PublishedSteps> published = new HashMap<>();
		for (TrendKey key : keys) {
			published.put(key, publishedSteps(snapshot, key.steps().buckets()));
		}
		return published;
	}

	/** Whole months, each a node of the snapshot, and the whole period's choice. */
	private static PublishedSteps publishedSteps(CalendarChoice.Snapshot snapshot, List<TimeBuckets.Bucket> buckets) {
		List<PeriodChoice> months = buckets.stream()
			.map(bucket -> snapshot.published(new CalendarPeriod(CalendarPeriod.Step.MONTH, bucket.key())))
			.toList();
		// The whole period is a node's (a quarter, a year) when it is one: the choice its
		// stats read, started from the calendar link.
		CalendarPeriod node = buckets.isEmpty() ? null
				: CalendarPeriod.of(new PeriodInput(buckets.get(0).start(), buckets.get(buckets.size() - 1).end()));
		PeriodChoice whole = buckets.isEmpty() ? null : (node != null) ? snapshot.published(node)
				: snapshot.overMonths(buckets.get(0).key(), buckets.get(buckets.size() - 1).key().plusMonths(1));
		return new PublishedSteps(buckets, months, whole);
	}

	/** The trend of one area over given steps. */
	record TrendKey(String areaCode, TimeBuckets steps, String categoryCode) {
	}

	/**
	 * A trend's months as published: each month's counts with their choice (the month's
	 * node), and the whole period's ({@code null} without steps).
	 */
	record PublishedSteps(List<TimeBuckets.Bucket> buckets, List<PeriodChoice> months, PeriodChoice whole) {

		/**
		 * For each area, whether each step's count (of the category, when given) is
		 * withheld, as {@link #trendOf} withholds it.
		 */
		Map<String, boolean[]> stepsWithheld(Collection<String> codes, String categoryCode) {
			Map<String, boolean[]> steps = new HashMap<>();
			for (String code : codes) {
				boolean[] withheld = new boolean[this.buckets.size()];
				for (int i = 0; i < withheld.length; i++) {
					withheld[i] = withheld(code, categoryCode, this.months.get(i));
				}
				steps.put(code, withheld);
			}
			return steps;
		}

		private boolean withheld(String code, String categoryCode, PeriodChoice month) {
			if (categoryCode == null) {
				return month.counts().getOrDefault(code, Counts.NONE).withheld().total()
						|| this.whole.counts().getOrDefault(code, Counts.NONE).withheld().total();
			}
			return month.breakdownOf(code).categories().contains(categoryCode)
					|| this.whole.breakdownOf(code).categories().contains(categoryCode);
		}

		List<TrendBucket> trendOf(String code, String categoryCode, List<Category> all, SmallCountSuppression rule) {
			List<TrendBucket> trend = new ArrayList<>(this.buckets.size());
			for (int i = 0; i < this.buckets.size(); i++) {
				PeriodChoice month = this.months.get(i);
				Map<String, Integer> byCategory = month.partsOf(code).byCategory();
				List<CategoryCount> counts = new ArrayList<>();
				int total = 0;
				for (Category category : all) {
					if (categoryCode == null || category.code().equals(categoryCode)) {
						int count = byCategory.getOrDefault(category.code(), 0);
						counts.add(new CategoryCount(category, count));
						total += count;
					}
				}
				Set<String> categoriesWithheld = new HashSet<>(month.breakdownOf(code).categories());
				categoriesWithheld.addAll(this.whole.breakdownOf(code).categories());
				boolean withheld = withheld(code, categoryCode, month);
				TimeBuckets.Bucket bucket = this.buckets.get(i);
				trend.add(new TrendBucket(bucket.start(), bucket.end(), total, counts).withSmallCountsHidden(rule,
						withheld, categoriesWithheld));
			}
			return trend;
		}

	}

	/** A list wrapped, as a data loader's value type must be a class of its own. */
	record TrendBuckets(List<TrendBucket> buckets) {
	}

}
