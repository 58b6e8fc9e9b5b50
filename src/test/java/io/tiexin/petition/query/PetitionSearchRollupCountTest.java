package io.tiexin.petition.query;

import java.time.OffsetDateTime;
import java.util.List;

import io.tiexin.petition.PetitionFilter;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.petition.query.PetitionSearch.RollupCount;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which totals the daily rollup may count ({@link PetitionSearch#rollupCount()}): only an
 * area, statuses and categories, and nothing of the asker's scope beyond the area.
 */
class PetitionSearchRollupCountTest {

	private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-06T12:00:00Z");

	@Test
	void anAreaWithStatusesAndCategoriesIsCountedByTheRollup() {
		PetitionSearch search = PetitionSearch.filtered(new PetitionFilter("360322101", List.of(PetitionStatus.CLOSED),
				List.of("ROADS"), null, null, null, null, null), NOW);

		RollupCount count = search.rollupCount().orElseThrow();

		assertThat(count.areaCode()).isEqualTo("360322101");
		assertThat(count.statuses()).containsExactly("CLOSED");
		assertThat(count.categories()).containsExactly("ROADS");
		assertThat(PetitionSearch.filtered(null, NOW).rollupCount()).hasValueSatisfying(all -> {
			assertThat(all.areaCode()).isNull();
			assertThat(all.statuses()).isNull();
		});
	}

	@Test
	void aPeriodOverdueABoxOrAPersonIsCountedFromTheRows() {
		List<PetitionFilter> filters = List.of(
				new PetitionFilter("360322101", null, null, NOW.minusDays(1), null, null, null, null),
				new PetitionFilter("360322101", null, null, null, NOW, null, null, null),
				new PetitionFilter("360322101", null, null, null, null, true, null, null),
				new PetitionFilter("360322101", null, null, null, null, false, null, null),
				new PetitionFilter("360322101", null, null, null, null, null, null, "Person:7"));
		filters.forEach(
				filter -> assertThat(PetitionSearch.filtered(filter, NOW).rollupCount()).as("%s", filter).isEmpty());
		PetitionSearch area = PetitionSearch
			.filtered(new PetitionFilter("360322101", null, null, null, null, null, null, null), NOW);
		assertThat(area.copy().submittedBy(7).rollupCount()).isEmpty();
		assertThat(area.copy().involving(7).rollupCount()).isEmpty();
		assertThat(area.copy().excludingSensitiveCategories().rollupCount()).isEmpty();
		assertThat(area.copy().unassigned().rollupCount()).isEmpty();
		assertThat(area.copy().underSupervision(NOW).rollupCount()).isEmpty();
	}

	@Test
	void aScopeCountsByTheRollupOnlyForAnAreaWithinIt() {
		PetitionFilter village = new PetitionFilter("360322101201", null, null, null, null, null, null, null);
		PetitionFilter otherTownship = new PetitionFilter("360322102", null, null, null, null, null, null, null);

		assertThat(PetitionSearch.filtered(village, NOW).withinScope(List.of("360322101"), 7).rollupCount())
			.hasValueSatisfying(count -> assertThat(count.areaCode()).isEqualTo("360322101201"));
		assertThat(PetitionSearch.filtered(otherTownship, NOW).withinScope(List.of("360322101"), 7).rollupCount())
			.isEmpty();
		assertThat(PetitionSearch.filtered(null, NOW).withinScope(List.of("360322101"), 7).rollupCount()).isEmpty();
	}

}
