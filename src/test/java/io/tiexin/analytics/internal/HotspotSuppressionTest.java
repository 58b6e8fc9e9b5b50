package io.tiexin.analytics.internal;

import java.lang.reflect.Constructor;
import java.util.List;

import io.tiexin.shared.SmallCountSuppression;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hot spot cells withhold small counts with their complement: the area's total (shown in
 * {@code stats}) minus the cells shown must not give a withheld cell back.
 */
class HotspotSuppressionTest {

	private static final GeometryFactory GEOMETRY = new GeometryFactory();

	@Test
	void aWithheldCellCannotBeRecoveredFromTheTotalMinusTheCellsShown() throws Exception {
		List<Integer> counts = List.of(1, 5, 10, 0);
		List<HotspotResult.Cell> cells = counts.stream()
			.map(count -> new HotspotResult.Cell(null, GEOMETRY.createPoint(new Coordinate(0, 0)), count, 0, 1, 0))
			.toList();
		HotspotResult shown = HotspotResult.of(HotspotUnit.HEXAGON, cells, 500.0, 1000.0)
			.withSmallCountsHidden(minimumThree(), cell -> false);

		List<HotspotResult.Cell> after = shown.cells();
		int total = counts.stream().mapToInt(Integer::intValue).sum();
		int sumShown = after.stream().filter(cell -> !cell.suppressed()).mapToInt(HotspotResult.Cell::count).sum();
		assertThat(after).extracting(HotspotResult.Cell::suppressed).containsExactly(true, true, false, false);
		assertThat(total - sumShown).as("the total minus the cells shown").isEqualTo(6);
	}

	/**
	 * The rule as the service configures it by default (k = 3); its constructor is the
	 * Spring context's.
	 */
	private static SmallCountSuppression minimumThree() throws Exception {
		Constructor<SmallCountSuppression> constructor = SmallCountSuppression.class.getDeclaredConstructor(int.class);
		constructor.setAccessible(true);
		return constructor.newInstance(3);
	}

}
