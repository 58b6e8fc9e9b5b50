package io.tiexin.analytics.internal;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tiexin.analytics.internal.AnalyticsRepository.BreakdownCount;
import io.tiexin.petition.Category;
import io.tiexin.petition.HandlingLevel;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.shared.SmallCountSuppression;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Categories as measures of the tree of areas, linked with each area's own table: a
 * village of three cells with DISPUTE 1, 5 and 5 and five street lights each.
 */
class AreaBreakdownsTest {

	private static final List<String> CODES = List.of("V", "V1", "V2", "V3");

	private static final int[] PARENTS = { -1, 0, 0, 0 };

	private static final List<Category> CATEGORIES = List.of(
			new Category("DISPUTE", "矛盾纠纷", HandlingLevel.VILLAGE, true),
			new Category("STREET_LIGHT", "路灯", HandlingLevel.VILLAGE, false));

	@Test
	void aCategoryWithheldAmongSiblingsHasAPartnerInItsOwnRow() throws Exception {
		List<BreakdownCount> rows = new ArrayList<>();
		long[] disputes = { 1, 5, 5 };
		for (int cell = 0; cell < 3; cell++) {
			String code = CODES.get(cell + 1);
			rows.add(new BreakdownCount(code, null, "DISPUTE", (int) disputes[cell]));
			rows.add(new BreakdownCount(code, null, "STREET_LIGHT", 5));
			rows.add(new BreakdownCount(code, PetitionStatus.SUBMITTED, null, (int) disputes[cell] + 5));
		}
		rows.add(new BreakdownCount("V", null, "DISPUTE", 11));
		rows.add(new BreakdownCount("V", null, "STREET_LIGHT", 15));
		rows.add(new BreakdownCount("V", PetitionStatus.SUBMITTED, null, 26));
		Map<String, Integer> indexOf = new LinkedHashMap<>();
		CODES.forEach(code -> indexOf.put(code, indexOf.size()));
		AreaBreakdowns breakdowns = AreaBreakdowns.of(rows, CODES, indexOf, CATEGORIES);
		long[] total = breakdowns.total();
		long[] open = breakdowns.open();
		assertThat(total).containsExactly(26, 6, 10, 10);
		assertThat(open).isEqualTo(total);

		SmallCountSuppression rule = minimumThree();
		boolean[] totalWithheld = new boolean[CODES.size()];
		boolean[] openWithheld = new boolean[CODES.size()];
		boolean changed = true;
		while (changed) {
			totalWithheld = rule.withheldInTree(total, PARENTS, totalWithheld);
			openWithheld = rule.withheldInTree(open, PARENTS, openWithheld);
			changed = breakdowns.choose(rule, PARENTS, total, totalWithheld, open, openWithheld);
		}

		// the small DISPUTE and two complements among the cells; in each cell's row the
		// street lights are its partner, so no total minus the other category gives it
		// back; the village and the cells' totals stay shown
		for (int cell = 1; cell <= 3; cell++) {
			assertThat(breakdowns.withheldOf(cell).categories()).as("cell %d", cell)
				.isEqualTo(Set.of("DISPUTE", "STREET_LIGHT"));
			assertThat(totalWithheld[cell]).as("cell %d's total", cell).isFalse();
		}
		assertThat(breakdowns.withheldOf(0).categories()).as("the village's categories").isEmpty();
		assertThat(totalWithheld[0]).isFalse();
	}

	private static SmallCountSuppression minimumThree() throws Exception {
		Constructor<SmallCountSuppression> constructor = SmallCountSuppression.class.getDeclaredConstructor(int.class);
		constructor.setAccessible(true);
		return constructor.newInstance(3);
	}

}
