package io.tiexin.analytics;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.tiexin.GraphQlClient;
import io.tiexin.StatementCounter;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaFixtures;
import io.tiexin.grid.AreaFixtures.FreshCounty;
import io.tiexin.people.PeopleFixtures;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Complementary suppression across siblings (issue 14, fifth round), attacked over HTTP
 * as the callers who may try it:
 * <ul>
 * <li>a grid member, who sees their own cell exactly and everything else as everyone
 * does: the village's total minus the siblings shown minus their own cell;</li>
 * <li>a planner: a village's DISPUTE count minus its cells' DISPUTE counts shown, each
 * cell's DISPUTE having been protected only within the cell (against its total).</li>
 * </ul>
 */
@TiexinIntegrationTest
class SiblingSuppressionIT {

	static final String VILLAGE = AreaFixtures.claim(SiblingSuppressionIT.class, "360322201210");

	@Autowired
	AreaCatalog areas;

	@Autowired
	AreaFixtures fixtures;

	@Autowired
	PeopleFixtures people;

	@Autowired
	GraphQlClient client;

	/**
	 * A village of two cells, five cases in the grid member's and one in the other. The
	 * one is small, the five its only complement: the pair rule withheld both and showed
	 * the village's 6, and the grid member, who reads their own 5, had 6 - 5 = 1. On main
	 * this failed at "the village's total": 6, not suppressed. With two positive cells no
	 * three can be withheld, so the village is withheld (and the township and county
	 * above it, each with one child).
	 */
	@Test
	void aGridMemberCannotSubtractTheirOwnCellFromTheirVillage() {
		FreshCounty county = this.fixtures.freshCounty();
		Area own = this.areas.find(county.cell(0)).orElseThrow();
		Area sibling = this.areas.find(county.cell(1)).orElseThrow();
		String member = this.people.gridMember(own.code()).username();
		for (int i = 0; i < 5; i++) {
			this.client.submitIn("citizen", own, "STREET_LIGHT");
		}
		this.client.submitIn("citizen", sibling, "STREET_LIGHT");

		GraphQlTester.Response view = this.client.as(member)
			.documentName("analytics/insiderView")
			.variable("village", county.village())
			.variable("own", own.code())
			.execute();
		long ownTotal = view.path("own.stats.total").entity(Long.class).get();
		assertThat(ownTotal).as("their own cell, exact").isEqualTo(5);
		view.path("own.stats.suppressed").entity(Boolean.class).isEqualTo(false);
		long village = view.path("village.stats.total").entity(Long.class).get();

		List<Map<String, Object>> cells = gridLayer(member, county.village());
		assertThat(cells).filteredOn(cell -> own.code().equals(cell.get("code")))
			.singleElement()
			.satisfies(cell -> assertThat(cell.get("total")).as("their own cell on the map").isEqualTo(5));
		long siblingsShown = cells.stream()
			.filter(cell -> !own.code().equals(cell.get("code")))
			.map(cell -> (Number) cell.get("total"))
			.filter(Objects::nonNull)
			.mapToLong(Number::longValue)
			.sum();

		assertThat(village).as("the village's total").isZero();
		view.path("village.stats.suppressed").entity(Boolean.class).isEqualTo(true);
		assertThat(village - siblingsShown - ownTotal).as("the village minus the siblings shown minus their own cell")
			.isNotEqualTo(1);
	}

	/**
	 * Three cells of a village with DISPUTE 1, 5 and 5, and five street lights each. Each
	 * cell's DISPUTE was protected within the cell only: the 1 withheld with its five
	 * street lights as complement, the other cells shown whole, and the village's DISPUTE
	 * 11 minus 5 minus 5 gave the 1 back. On main this failed at "cells whose DISPUTE is
	 * withheld": 1 (and the subtraction gave 1). Now DISPUTE is a measure of the tree:
	 * among the cells at least three are withheld, each with a partner in its own cell's
	 * figures.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void aVillagesDisputesMinusItsCellsDisputesShownGiveNoWithheldOneBack() {
		List<Area> cells = this.areas.children(VILLAGE);
		assertThat(cells).as("cells of the claimed village").hasSizeGreaterThan(2);
		this.client.submitIn("citizen", cells.get(0), "DISPUTE");
		for (int i = 0; i < 5; i++) {
			for (int cell = 0; cell < 3; cell++) {
				this.client.submitIn("citizen", cells.get(cell), "STREET_LIGHT");
			}
			this.client.submitIn("citizen", cells.get(1), "DISPUTE");
			this.client.submitIn("citizen", cells.get(2), "DISPUTE");
		}

		GraphQlTester.Response answer = this.client.planner()
			.documentName("analytics/villageAndCellsByCategory")
			.variable("code", VILLAGE)
			.execute();
		Map<String, Object> villageDispute = dispute(answer.path("area.stats.byCategory").entityList(MAP).get());
		List<Map<String, Object>> cellStats = answer.path("area.children")
			.entityList(MAP)
			.get()
			.stream()
			.map(child -> (Map<String, Object>) child.get("stats"))
			.toList();
		List<Map<String, Object>> cellDisputes = cellStats.stream()
			.map(stats -> dispute((List<Map<String, Object>>) stats.get("byCategory")))
			.toList();
		long shown = cellDisputes.stream()
			.filter(dispute -> Boolean.FALSE.equals(dispute.get("suppressed")))
			.mapToLong(dispute -> ((Number) dispute.get("count")).longValue())
			.sum();
		long withheld = cellDisputes.stream().filter(dispute -> Boolean.TRUE.equals(dispute.get("suppressed"))).count();
		assertThat(withheld).as("cells whose DISPUTE is withheld").isGreaterThanOrEqualTo(3);
		// The village's DISPUTE is 11 and shown, unless complements of other tests'
		// villages in the township took it too (then there is nothing to subtract from).
		if (Boolean.FALSE.equals(villageDispute.get("suppressed"))) {
			long village = ((Number) villageDispute.get("count")).longValue();
			assertThat(village).isEqualTo(11);
			assertThat(village - shown).as("the village's DISPUTE minus its cells' DISPUTE shown")
				.isNotEqualTo(1)
				.isGreaterThanOrEqualTo(3);
		}

		// Each withheld DISPUTE has a partner in its own cell's figures: the cell's total
		// minus its other categories shown does not give it back either.
		for (Map<String, Object> stats : cellStats) {
			List<Map<String, Object>> byCategory = (List<Map<String, Object>>) stats.get("byCategory");
			if (Boolean.TRUE.equals(dispute(byCategory).get("suppressed"))
					&& ((Number) stats.get("total")).intValue() > 0) {
				assertThat(byCategory.stream().filter(count -> Boolean.TRUE.equals(count.get("suppressed"))).count())
					.as("categories withheld in a cell whose DISPUTE is, and whose total is shown")
					.isGreaterThanOrEqualTo(2);
			}
		}

		// The month's step of the village's trend, of every category and of DISPUTE only:
		// the same attack, step by step.
		for (String categoryCode : new String[] { null, "DISPUTE" }) {
			GraphQlTester.Response trends = this.client.planner()
				.documentName("analytics/villageAndCellsTrendByCategory")
				.variable("code", VILLAGE)
				.variable("categoryCode", categoryCode)
				.execute();
			List<Map<String, Object>> villageTrend = trends.path("area.trend").entityList(MAP).get();
			Map<String, Object> villageStep = dispute(
					(List<Map<String, Object>>) villageTrend.get(villageTrend.size() - 1).get("byCategory"));
			List<Map<String, Object>> cellSteps = trends.path("area.children")
				.entityList(MAP)
				.get()
				.stream()
				.map(child -> (List<Map<String, Object>>) child.get("trend"))
				.map(trend -> dispute((List<Map<String, Object>>) trend.get(trend.size() - 1).get("byCategory")))
				.toList();
			long stepShown = cellSteps.stream()
				.filter(step -> Boolean.FALSE.equals(step.get("suppressed")))
				.mapToLong(step -> ((Number) step.get("count")).longValue())
				.sum();
			assertThat(cellSteps.stream().filter(step -> Boolean.TRUE.equals(step.get("suppressed"))).count())
				.as("cells whose DISPUTE this month is withheld (trend of %s)", categoryCode)
				.isGreaterThanOrEqualTo(3);
			if (Boolean.FALSE.equals(villageStep.get("suppressed"))) {
				assertThat(((Number) villageStep.get("count")).longValue() - stepShown)
					.as("the village's DISPUTE this month minus its cells' shown (trend of %s)", categoryCode)
					.isNotEqualTo(1)
					.isGreaterThanOrEqualTo(3);
			}
		}

		// Nobody signed in gets no statistics at all: the attack has nothing to start
		// from.
		this.client.anonymous()
			.documentName("analytics/villageAndCellsByCategory")
			.variable("code", VILLAGE)
			.execute()
			.errors()
			.expect(error -> "UNAUTHENTICATED".equals(error.getExtensions().get("code")))
			.verify()
			.path("area.stats")
			.valueIsNull();
	}

	/**
	 * What the one choice costs a viewer who may not see the cases, in statements (their
	 * time at 1,000,000 petitions is in docs/security.md): a list of areas with their
	 * trends by month, the two of the published snapshot (every area's counts per month
	 * by status and category, and the overdue ones: the steps' counts and their choice
	 * are made of them), whatever the number of areas. It was four: the live steps, their
	 * steps by category, and the whole period's two.
	 */
	@Test
	void aPlannersTrendsOfEveryCellCostThreeStatements() {
		Map<String, Object> period = Map.of("from", "2023-01-01T00:00:00+08:00", "to", "2024-01-01T00:00:00+08:00");
		GraphQlTester planner = this.client.planner();
		planner.documentName("analytics/childAreaTrends")
			.variable("code", VILLAGE)
			.variable("period", period)
			.execute();

		long before = StatementCounter.count();
		planner.documentName("analytics/childAreas").variable("code", VILLAGE).execute();
		long plain = StatementCounter.count() - before;
		before = StatementCounter.count();
		planner.documentName("analytics/childAreaTrends")
			.variable("code", VILLAGE)
			.variable("period", period)
			.execute()
			.path("area.children[*].trend")
			.entityList(Object.class)
			.hasSizeGreaterThan(2);
		long withTrends = StatementCounter.count() - before;
		// the published snapshot's three (made for each request in the tests): its
		// transaction's work memory, the month counts and the overdue ones
		assertThat(withTrends - plain).isEqualTo(3);
	}

	private static Map<String, Object> dispute(List<Map<String, Object>> byCategory) {
		return byCategory.stream()
			.filter(count -> "DISPUTE".equals(((Map<?, ?>) count.get("category")).get("code")))
			.findFirst()
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> gridLayer(String username, String village) {
		Envelope box = this.areas.find(village).orElseThrow().boundary().getEnvelopeInternal();
		Map<String, Object> bbox = Map.of("west", box.getMinX(), "south", box.getMinY(), "east", box.getMaxX(), "north",
				box.getMaxY());
		return this.client.as(username)
			.documentName("map/mapLayerCounts")
			.variable("level", "GRID")
			.variable("bbox", bbox)
			.execute()
			.path("mapLayer.features[*].properties")
			.entityList(MAP)
			.get()
			.stream()
			.filter(properties -> ((String) properties.get("code")).startsWith(village))
			.toList();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
