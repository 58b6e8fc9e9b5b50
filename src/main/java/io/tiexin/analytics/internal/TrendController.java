package io.tiexin.analytics.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import io.tiexin.analytics.internal.EmergingHotspotResult.Cell;
import io.tiexin.analytics.internal.ComplementChoice.StepsChoice;
import io.tiexin.grid.Area;
import io.tiexin.people.Actor;
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
 * statement per distinct (interval, period, category), and three more for whoever may not
 * see the cases: the one choice of what is withheld
 * ({@link ComplementChoice#stepsChoice}).
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

	TrendController(AreaTrends trends, EmergingHotspotAnalysis emerging, AnalyticsAccess access, AnalyticsAreas areas,
			Clock clock, SmallCountSuppression smallCounts, ComplementChoice complements, BatchLoaderRegistry loaders) {
		this.trends = trends;
		this.complements = complements;
		this.emerging = emerging;
		this.access = access;
		this.areas = areas;
		this.clock = clock;
		this.smallCounts = smallCounts;
		loaders.forTypePair(TrendKey.class, TrendBuckets.class)
			.registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> loadTrends(keys)));
		loaders.forTypePair(TrendKey.class, TrendChoice.class)
			.registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> loadChoices(keys)));
	}

	/**
	 * The steps are worked out here, so that a bad period is refused before anything is
	 * read.
	 */
	@SchemaMapping(typeName = "Area")
	CompletableFuture<List<TrendBucket>> trend(Area area, @Argument TrendInterval interval,
			@Argument PeriodInput period, @Argument String categoryCode, DataLoader<TrendKey, TrendBuckets> loader,
			DataLoader<TrendKey, TrendChoice> choices) {
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
		CompletableFuture<List<TrendBucket>> buckets = loader.load(new TrendKey(area.code(), steps, categoryCode))
			.thenApply(TrendBuckets::buckets);
		if (exact) {
			return buckets;
		}
		// The one choice of the steps withheld among the area's siblings, loaded once for
		// every area of the request.
		return buckets.thenCombine(choices.load(new TrendKey(null, steps, categoryCode)), (shown, choice) -> {
			boolean[] withheld = choice.choice().steps().getOrDefault(area.code(), new boolean[shown.size()]);
			List<Set<String>> categories = choice.choice().categoriesOf(area.code(), shown.size());
			List<TrendBucket> hidden = new ArrayList<>(shown.size());
			for (int i = 0; i < shown.size(); i++) {
				hidden.add(shown.get(i).withSmallCountsHidden(this.smallCounts, withheld[i], categories.get(i)));
			}
			return hidden;
		});
	}

	@QueryMapping
	EmergingHotspotResult emergingHotspots(@Argument String areaCode, @Argument TrendInterval interval,
			@Argument Integer periods, @Argument String categoryCode, @Argument OffsetDateTime endingAt,
			@Argument Integer neighbourhoodTimeSteps, @Argument Boolean fdr) {
		Actor actor = this.access.requireArea(areaCode);
		TrendInterval stepOf = Objects.requireNonNullElse(interval, TrendInterval.MONTH);
		if (stepOf != TrendInterval.MONTH && !AnalyticsAccess.maySeeCasesOf(actor, areaCode)) {
			// The cells' counts per step are published: whole calendar months only.
			throw CalendarPeriod.refusal("interval " + stepOf);
		}
		boolean falseDiscoveryRate = !Boolean.FALSE.equals(fdr);
		EmergingHotspotAnalysis.Cube cube = this.emerging.cube(areaCode, stepOf,
				Objects.requireNonNullElse(periods, 12), categoryCode, endingAt,
				Objects.requireNonNullElse(neighbourhoodTimeSteps, 0));
		EmergingHotspotResult result = this.emerging.analyse(cube, cube.counts(), falseDiscoveryRate);
		Predicate<Cell> seesCases = cell -> AnalyticsAccess.maySeeCasesOf(actor, cell.area().code());
		if (result.cells().stream().allMatch(seesCases)) {
			return result;
		}
		// Withheld here, once for the whole table: whether one cell's count is withheld
		// depends on its neighbours in its row and its village's column, and starts from
		// the one choice that the cells' trends over the same steps read.
		List<TimeBuckets.Bucket> buckets = cube.buckets().buckets();
		int lead = cube.lead();
		boolean[][] withheld = result.withheld(this.smallCounts, seesCases, this.complements.stepsWithheld(
				new TimeBuckets(cube.buckets().interval(), buckets.subList(lead, buckets.size())), categoryCode));
		// The z-scores, bins and patterns of cells the viewer may not see are computed
		// again from the counts as published: every withheld count (and in the earlier
		// steps read as neighbours only, every count their own trend withholds) stands in
		// as one fixed value, so none can be solved back from them.
		Map<String, boolean[]> leadWithheld = (lead > 0) ? this.complements.stepsWithheld(
				new TimeBuckets(cube.buckets().interval(), buckets.subList(0, lead)), categoryCode) : Map.of();
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

	private Map<TrendKey, TrendChoice> loadChoices(Set<TrendKey> keys) {
		Map<TrendKey, TrendChoice> choices = new HashMap<>();
		keys.forEach(key -> choices.put(key,
				new TrendChoice(this.complements.stepsChoice(key.steps(), key.categoryCode()))));
		return choices;
	}

	/** The trend of one area over given steps. */
	record TrendKey(String areaCode, TimeBuckets steps, String categoryCode) {
	}

	/**
	 * For every area, which of the steps are withheld among its siblings, and which
	 * categories of each step.
	 */
	record TrendChoice(StepsChoice choice) {
	}

	/** A list wrapped, as a data loader's value type must be a class of its own. */
	record TrendBuckets(List<TrendBucket> buckets) {
	}

}
