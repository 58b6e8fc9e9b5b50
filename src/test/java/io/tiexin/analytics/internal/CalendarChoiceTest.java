package io.tiexin.analytics.internal;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import io.tiexin.shared.CalendarPeriod;
import io.tiexin.shared.SmallCountSuppression;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The choice linked over the area tree and the calendar tree ({@link CalendarChoice}),
 * with k = 3. Calendar of the tests: all time, 2019, its first quarter, January, February
 * and March (indexes 0 to 5).
 */
class CalendarChoiceTest {

	private static final int[] CALENDAR = { -1, 0, 1, 2, 2, 2 };

	private final SmallCountSuppression rule = minimumThree();

	private final CalendarChoice choice = new CalendarChoice(null, null, this.rule, null, null, Duration.ZERO);

	@Test
	void theCalendarTreeHoldsTheNodesAboveEachMonthWithData() {
		CalendarChoice.Calendar calendar = CalendarChoice.Calendar
			.of(List.of(LocalDate.of(2019, 3, 1), LocalDate.of(2019, 1, 1), LocalDate.of(2019, 2, 1)));
		assertThat(calendar.nodes()).containsExactly(CalendarPeriod.ALL_TIME,
				new CalendarPeriod(CalendarPeriod.Step.YEAR, LocalDate.of(2019, 1, 1)),
				new CalendarPeriod(CalendarPeriod.Step.QUARTER, LocalDate.of(2019, 1, 1)),
				new CalendarPeriod(CalendarPeriod.Step.MONTH, LocalDate.of(2019, 1, 1)),
				new CalendarPeriod(CalendarPeriod.Step.MONTH, LocalDate.of(2019, 2, 1)),
				new CalendarPeriod(CalendarPeriod.Step.MONTH, LocalDate.of(2019, 3, 1)));
		assertThat(calendar.parents()).containsExactly(CALENDAR);
		long[][] counts = new long[6][1];
		calendar.addUp(counts, LocalDate.of(2019, 2, 1), 0, 4);
		assertThat(counts).isDeepEqualTo(new long[][] { { 4 }, { 4 }, { 4 }, { 0 }, { 4 }, { 0 } });
	}

	/**
	 * The attack of the issue in one cell: its quarter (9, shown) minus February (4) and
	 * March (4) gave January (1). A complement month is withheld in the quarter.
	 */
	@Test
	void aMonthWithheldInAQuarterGetsAComplementMonth() {
		long[][] counts = { { 9 }, { 9 }, { 9 }, { 1 }, { 4 }, { 4 } };
		boolean[][] withheld = this.choice.linked(counts, CALENDAR, new int[] { -1 }, new boolean[6][1]);

		assertThat(withheld[3][0]).as("January, 1").isTrue();
		assertThat(withheld[4][0]).as("February, the complement (the smallest, the first of a tie)").isTrue();
		assertThat(withheld[5][0]).as("March").isFalse();
		assertThat(withheld[2][0]).as("the quarter").isFalse();
		assertThat(counts[2][0] - counts[5][0]).as("the quarter minus the months shown").isGreaterThanOrEqualTo(3);
	}

	/**
	 * Three cells of a village. Cell A: January 1, February 4, March 4; cell B: 5 each
	 * month; cell C: 6 each month. A's January is withheld, B's and C's Januaries as its
	 * complements among the cells (three, against an insider); their Januaries then need
	 * complements among their months, and those months among the cells: every request (a
	 * month, the quarter, the year) reads one choice that holds in both trees at once.
	 */
	@Test
	void aCellsComplementStaysConsistentAcrossMonthsQuarterAndYear() {
		int[] areas = { -1, 0, 0, 0 };
		long[] a = { 9, 9, 9, 1, 4, 4 };
		long[] b = { 15, 15, 15, 5, 5, 5 };
		long[] c = { 18, 18, 18, 6, 6, 6 };
		long[][] counts = new long[6][4];
		for (int node = 0; node < 6; node++) {
			counts[node] = new long[] { a[node] + b[node] + c[node], a[node], b[node], c[node] };
		}
		boolean[][] withheld = this.choice.linked(counts, CALENDAR, areas, new boolean[6][4]);

		assertThat(withheld[3]).as("January: the village shown, the three cells withheld")
			.containsExactly(false, true, true, true);
		assertThat(withheld[4][2] || withheld[5][2]).as("a complement of B's January among B's months").isTrue();
		assertThat(withheld[4][3] || withheld[5][3]).as("a complement of C's January among C's months").isTrue();
		// The fixpoint: neither tree withholds anything more, in any node or any area.
		for (int node = 0; node < 6; node++) {
			assertThat(this.rule.withheldInTree(counts[node], areas, withheld[node])).as("node %d", node)
				.containsExactly(withheld[node]);
		}
		for (int area = 0; area < 4; area++) {
			long[] column = new long[6];
			boolean[] columnWithheld = new boolean[6];
			for (int node = 0; node < 6; node++) {
				column[node] = counts[node][area];
				columnWithheld[node] = withheld[node][area];
			}
			assertThat(this.rule.withheldInBreakdown(column, CALENDAR, columnWithheld)).as("area %d", area)
				.containsExactly(columnWithheld);
		}
		// No published count minus published counts under it gives A's January.
		long shownInQuarter = 0;
		for (int month = 3; month < 6; month++) {
			shownInQuarter += withheld[month][1] ? 0 : counts[month][1];
		}
		assertThat(withheld[2][1] || counts[2][1] - shownInQuarter >= 3).as("A's quarter minus its months shown")
			.isTrue();
	}

	/** Where an area's open count equals its total, one withheld withholds the other. */
	@Test
	void equalMeasuresAreWithheldTogether() {
		long[][] open = { { 5 }, { 5 }, { 5 }, { 0 }, { 1 }, { 4 } };
		long[][] overdue = new long[6][1];
		long[][] total = { { 8 }, { 8 }, { 8 }, { 3 }, { 1 }, { 4 } };
		boolean[][][] withheld = this.choice.withheld(List.of(open, overdue, total), CALENDAR, new int[] { -1 });
		assertThat(withheld[0][4][0]).as("February's open, 1").isTrue();
		assertThat(withheld[2][4][0]).as("February's total, equal to its open count").isTrue();
		assertThat(withheld[0][5][0]).as("March's open, equal to its total: withheld as open's complement").isTrue();
		assertThat(withheld[2][5][0]).as("March's total, equal to its open count").isTrue();
	}

	private static SmallCountSuppression minimumThree() {
		try {
			Constructor<SmallCountSuppression> constructor = SmallCountSuppression.class
				.getDeclaredConstructor(int.class);
			constructor.setAccessible(true);
			return constructor.newInstance(3);
		}
		catch (ReflectiveOperationException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

}
