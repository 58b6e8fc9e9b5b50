package io.tiexin.analytics.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingFieldSelectionSet;
import io.tiexin.analytics.internal.ComplementChoice.PeriodChoice;
import io.tiexin.grid.Area;
import io.tiexin.map.AreaCaseCounts.Counts;
import io.tiexin.people.Actor;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionQueries;
import io.tiexin.shared.CalendarPeriod;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.SmallCountSuppression;
import io.tiexin.shared.TiexinException;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * The analytics API: {@code Area.stats}, {@code hotspots}, {@code clusters}. Nested
 * fields load in batches keyed by their arguments too: a list of areas with their stats
 * costs two statements per distinct period (three with the median); whoever may not see
 * the cases gets the counts as published with the one choice of what is withheld
 * ({@link ComplementChoice#published}: no statement while its snapshot is fresh).
 */
@Controller
class AnalyticsController {

	static final int MAX_CLUSTER_PETITIONS = 100;

	private final AreaStatistics statistics;

	private final HotspotAnalysis hotspots;

	private final ClusterAnalysis clusters;

	private final PetitionQueries petitions;

	private final AnalyticsAccess access;

	private final SmallCountSuppression smallCounts;

	private final ComplementChoice complements;

	AnalyticsController(AreaStatistics statistics, HotspotAnalysis hotspots, ClusterAnalysis clusters,
			PetitionQueries petitions, AnalyticsAccess access, SmallCountSuppression smallCounts,
			ComplementChoice complements, BatchLoaderRegistry loaders) {
		this.statistics = statistics;
		this.complements = complements;
		this.hotspots = hotspots;
		this.clusters = clusters;
		this.petitions = petitions;
		this.access = access;
		this.smallCounts = smallCounts;
		loaders.forTypePair(StatsKey.class, AreaStats.class)
			.registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> loadStats(keys)));
		loaders.forTypePair(ChoiceKey.class, Choice.class)
			.registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> loadChoices(keys)));
		loaders.forTypePair(MembersKey.class, ClusterMembers.class)
			.registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> loadMembers(keys)));
	}

	@SchemaMapping(typeName = "Area")
	CompletableFuture<AreaStats> stats(Area area, @Argument PeriodInput period, DataFetchingFieldSelectionSet selection,
			DataLoader<StatsKey, AreaStats> loader, DataLoader<ChoiceKey, Choice> choices) {
		Actor actor = this.access.requireArea(area.code());
		boolean exact = AnalyticsAccess.maySeeCasesOf(actor, area.code());
		if (!exact) {
			// Counts of arbitrary periods could be subtracted from each other: nodes of
			// the
			// calendar tree only, refused before anything is read.
			CalendarPeriod.require(period);
		}
		CompletableFuture<AreaStats> stats = loader.load(new StatsKey(area.code(), period,
				selection.contains("medianHoursToClose"), selection.contains("meetings")
						|| selection.contains("meetingItems") || selection.contains("meetingItemsClosedRate")));
		if (exact) {
			return stats;
		}
		// The counts as published (the snapshot every such viewer reads, as of up to a
		// minute ago) with the one choice of what is withheld among the area's siblings
		// in this period, loaded once for every area of the request.
		return stats.thenCombine(choices.load(new ChoiceKey(period)), (areaStats, choice) -> {
			Counts counts = choice.choice().counts().getOrDefault(area.code(), Counts.NONE);
			return areaStats.asPublished(counts, choice.choice().partsOf(area.code()))
				.withSmallCountsHidden(this.smallCounts, counts.withheld(), choice.choice().breakdownOf(area.code()));
		});
	}

	@QueryMapping
	HotspotResult hotspots(@Argument String areaCode, @Argument PeriodInput period, @Argument String categoryCode,
			@Argument HotspotUnit unit, @Argument Double cellSizeMeters, @Argument Double distanceBandMeters,
			@Argument Integer resolution, @Argument Boolean fdr) {
		Actor actor = this.access.requireArea(areaCode);
		// A hexagon or H3 cell is in no one area: its cases are the viewer's when the
		// whole area
		// asked about is.
		boolean seesWholeArea = AnalyticsAccess.maySeeCasesOf(actor, areaCode);
		HotspotUnit hotspotUnit = Objects.requireNonNullElse(unit, HotspotUnit.GRID);
		if (seesWholeArea) {
			return this.hotspots.hotspots(areaCode, period, categoryCode, hotspotUnit, cellSizeMeters,
					distanceBandMeters, resolution, !Boolean.FALSE.equals(fdr));
		}
		// The cells' counts are published: nodes of the calendar tree only, counted as of
		// the published snapshot, so that the cells add up to what the area's stats show
		// (counted live, they differed from it by the last minute's petitions).
		CalendarPeriod node = CalendarPeriod.require(period);
		CalendarChoice.Snapshot snapshot = this.complements.publishedSnapshot();
		HotspotResult result = this.hotspots.hotspots(areaCode, asOf(period, snapshot), categoryCode, hotspotUnit,
				cellSizeMeters, distanceBandMeters, resolution, !Boolean.FALSE.equals(fdr));
		// Grid cells' counts of every category are their totals: the one choice for the
		// node withholds the same ones here as in their stats, the tiles and mapLayer. A
		// category's counts read that category's choice, as the cells' stats do.
		Set<String> amongSiblings = new HashSet<>();
		ComplementChoice.PeriodChoice published = snapshot.published(node);
		if (result.unit() == HotspotUnit.GRID && categoryCode == null) {
			published.counts().forEach((code, counts) -> {
				if (counts.withheld().total()) {
					amongSiblings.add(code);
				}
			});
		}
		else if (result.unit() == HotspotUnit.GRID) {
			published.breakdowns().forEach((code, breakdown) -> {
				if (breakdown.categories().contains(categoryCode)) {
					amongSiblings.add(code);
				}
			});
		}
		return result.withSmallCountsHidden(this.smallCounts,
				cell -> cell.area() != null && AnalyticsAccess.maySeeCasesOf(actor, cell.area().code()), amongSiblings);
	}

	@QueryMapping
	List<Cluster> clusters(@Argument String areaCode, @Argument PeriodInput period, @Argument String categoryCode,
			@Argument Double epsMeters, @Argument Integer minPoints) {
		Actor actor = this.access.requireArea(areaCode);
		boolean exact = AnalyticsAccess.maySeeCasesOf(actor, areaCode);
		PeriodInput counted = period;
		if (!exact) {
			// A cluster's size is a count: nodes of the calendar tree only, as of the
			// published snapshot (see hotspots).
			CalendarPeriod.require(period);
			counted = asOf(period, this.complements.publishedSnapshot());
		}
		List<Cluster> found = this.clusters.clusters(areaCode, counted, categoryCode,
				Objects.requireNonNullElse(epsMeters, 150.0), Objects.requireNonNullElse(minPoints, 5));
		if (exact) {
			return found;
		}
		// A cluster of one or two petitions is their location: such clusters are left
		// out.
		return found.stream().filter(cluster -> !this.smallCounts.hides(cluster.size())).toList();
	}

	/**
	 * The period cut at the moment the published snapshot's counts were read: the
	 * petitions submitted in it before then (up to the few milliseconds between a
	 * petition's submission time and its commit).
	 */
	private static PeriodInput asOf(PeriodInput period, CalendarChoice.Snapshot snapshot) {
		OffsetDateTime from = (period != null) ? period.from() : null;
		OffsetDateTime to = (period != null) ? period.to() : null;
		OffsetDateTime cut = snapshot.takenAt();
		if (from != null && cut.isBefore(from)) {
			// A node that has not begun yet: nothing in it.
			cut = from;
		}
		return new PeriodInput(from, (to == null || cut.isBefore(to)) ? cut : to);
	}

	/**
	 * Empty for planners: they see aggregates only (the cluster itself), never individual
	 * petitions.
	 */
	@SchemaMapping(typeName = "Cluster")
	CompletableFuture<List<Petition>> petitions(Cluster cluster, @Argument Integer first,
			DataLoader<MembersKey, ClusterMembers> loader) {
		int size = Objects.requireNonNullElse(first, 20);
		if (size < 0 || size > MAX_CLUSTER_PETITIONS) {
			throw new TiexinException(ErrorCode.VALIDATION, "first 必须在 0 到 " + MAX_CLUSTER_PETITIONS
					+ " 之间 (first must be between 0 and " + MAX_CLUSTER_PETITIONS + ")");
		}
		if (!this.access.maySeePetitions()) {
			return CompletableFuture.completedFuture(List.of());
		}
		Actor actor = this.access.requireStaff();
		return loader.load(new MembersKey(cluster.petitionIds().subList(0, Math.min(size, cluster.size())), actor))
			.thenApply(ClusterMembers::petitions);
	}

	private Map<StatsKey, AreaStats> loadStats(Set<StatsKey> keys) {
		Map<StatsKey, List<String>> codesByQuestion = new LinkedHashMap<>();
		keys.forEach(key -> codesByQuestion
			.computeIfAbsent(new StatsKey(null, key.period(), key.withMedian(), key.withMeetings()),
					question -> new ArrayList<>())
			.add(key.areaCode()));
		Map<StatsKey, AreaStats> stats = new HashMap<>();
		codesByQuestion
			.forEach((question, codes) -> this.statistics
				.statsOf(codes, question.period(), question.withMedian(), question.withMeetings())
				.forEach((code, areaStats) -> stats.put(
						new StatsKey(code, question.period(), question.withMedian(), question.withMeetings()),
						areaStats)));
		return stats;
	}

	private Map<ChoiceKey, Choice> loadChoices(Set<ChoiceKey> keys) {
		Map<ChoiceKey, Choice> choices = new HashMap<>();
		// Asked for by viewers who get counts withheld only, so always a node.
		keys.forEach(
				key -> choices.put(key, new Choice(this.complements.published(CalendarPeriod.require(key.period())))));
		return choices;
	}

	/**
	 * Every cluster's petitions through the petition module's own access rules, in one
	 * statement per person asking (in practice one).
	 */
	private Map<MembersKey, ClusterMembers> loadMembers(Set<MembersKey> keys) {
		Map<Long, Petition> byId = new HashMap<>();
		Map<Actor, Set<Long>> idsByActor = new HashMap<>();
		keys.forEach(
				key -> idsByActor.computeIfAbsent(key.actor(), actor -> new HashSet<>()).addAll(key.petitionIds()));
		idsByActor.forEach((actor, ids) -> byId.putAll(this.petitions.byIds(ids, actor)));
		Map<MembersKey, ClusterMembers> members = new HashMap<>();
		keys.forEach(key -> members.put(key,
				new ClusterMembers(key.petitionIds().stream().map(byId::get).filter(Objects::nonNull).toList())));
		return members;
	}

	/**
	 * The statistics of one area over one period; the median only when asked for, as it
	 * is the one figure the rollup cannot hold.
	 */
	record StatsKey(String areaCode, PeriodInput period, boolean withMedian, boolean withMeetings) {
	}

	/** The published counts and their choice over one node of the calendar. */
	record ChoiceKey(PeriodInput period) {
	}

	/**
	 * Every area's counts over a period, with which are withheld, and which of its
	 * statuses and categories.
	 */
	record Choice(PeriodChoice choice) {
	}

	/** The first members of one cluster, read for one person. */
	record MembersKey(List<Long> petitionIds, Actor actor) {
	}

	record ClusterMembers(List<Petition> petitions) {
	}

}
