package io.tiexin.grid;

import io.tiexin.PostgisContainerConfiguration;
import io.tiexin.grid.AreaFixtures.FreshCounty;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The grid module with only what it builds on (geo, shared) over a PostGIS of its own: an
 * area file imported through its API is located at once, in memory, and the area fixtures
 * never hand out overlapping places.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = { "geo", "shared" })
// Spring Boot switches introspection off for the whole JVM (graphql-java's
// Introspection.enabledJvmWide) when a context disables it, and never back on: this
// context must not take it from the demo contexts that share the JVM (GraphiQL in
// MapPageIT).
@TestPropertySource(properties = "spring.graphql.schema.introspection.enabled=true")
@Import({ PostgisContainerConfiguration.class, AreaFixtures.class })
class GridModuleIT {

	@Autowired
	AreaFixtures areas;

	@Autowired
	AreaCatalog catalog;

	@Test
	void anImportedCountysCellsAreLocatedAtOnce() {
		FreshCounty county = this.areas.freshCounty();

		for (String cell : county.cells()) {
			Point inside = this.catalog.find(cell).orElseThrow().boundary().getInteriorPoint();
			Location location = this.catalog.locate(inside);
			assertThat(location.method()).isEqualTo(MatchMethod.CONTAINS);
			assertThat(location.grid().code()).isEqualTo(cell);
		}
		assertThat(this.catalog.ancestors(this.catalog.find(county.cell(0)).orElseThrow())).extracting(Area::code)
			.contains(county.village(), county.township(), county.code());
	}

	@Test
	void freshCountiesNeverOverlap() {
		FreshCounty first = this.areas.freshCounty();
		FreshCounty second = this.areas.freshCounty();

		assertThat(second.code()).isNotEqualTo(first.code());
		assertThat(this.catalog.find(first.code())
			.orElseThrow()
			.boundary()
			.intersects(this.catalog.find(second.code()).orElseThrow().boundary())).isFalse();
	}

	@Test
	void twoTestClassesCannotClaimOverlappingAreas() {
		AreaFixtures.claim(GridModuleIT.class, "360322999001");
		AreaFixtures.claim(GridModuleIT.class, "360322999001001");

		assertThatIllegalStateException().isThrownBy(() -> AreaFixtures.claim(AreaImportIT.class, "360322999"))
			.withMessageContaining("360322999001");
		assertThatIllegalStateException().isThrownBy(() -> AreaFixtures.claim(AreaImportIT.class, "360322999001002"));
	}

}
