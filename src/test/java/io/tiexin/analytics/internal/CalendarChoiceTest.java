package io.tiexin.analytics.internal;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.tiexin.analytics.internal.AnalyticsRepository.BreakdownCount;
import io.tiexin.analytics.internal.AnalyticsRepository.MonthBreakdown;
import io.tiexin.map.AreaCaseCounts.Counts;
import io.tiexin.petition.Category;
import io.tiexin.petition.PetitionStatus;
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

	private final CalendarLink link = new CalendarLink(this.rule);

	private final CalendarChoice choice = new CalendarChoice(null, null, this.rule, null, null, Duration.ZERO);

	@Test
	void theCalendarTreeHoldsTheNodesAboveEachMonthWithData() {
		CalendarTree calendar = CalendarTree
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
		boolean[][] withheld = this.link.linked(counts, CALENDAR, new int[] { -1 }, new boolean[6][1]);

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
		boolean[][] withheld = this.link.linked(counts, CALENDAR, areas, new boolean[6][4]);

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
		boolean[][][] withheld = this.link.withheld(List.of(open, overdue, total), CALENDAR, new int[] { -1 });
		assertThat(withheld[0][4][0]).as("February's open, 1").isTrue();
		assertThat(withheld[2][4][0]).as("February's total, equal to its open count").isTrue();
		assertThat(withheld[0][5][0]).as("March's open, equal to its total: withheld as open's complement").isTrue();
		assertThat(withheld[2][5][0]).as("March's total, equal to its open count").isTrue();
	}

	/**
	 * One area; January: category A 4 (its only category), February: A 1 and B 5, March:
	 * A 4 and B 5, every petition SUBMITTED. The link withholds A's February (1) and A's
	 * January as its complement among A's months; January's own table then withholds its
	 * total (A is its only positive part, so the total is A). Linked once only, the
	 * quarter (19) minus February (6) and March (9) shown gave January's withheld total
	 * back; fed back into the link, the total of another month is its complement.
	 */
	@Test
	void aTotalANodesOwnTableWithholdsIsLinkedOverTheCalendarToo() {
		ComplementChoice.Tree tree = new ComplementChoice.Tree(List.of("X"), Map.of("X", 0), new int[] { -1 });
		List<Category> categories = List.of(new Category("A", "A", null, false), new Category("B", "B", null, false));
		LocalDate january = LocalDate.of(2019, 1, 1);
		LocalDate february = LocalDate.of(2019, 2, 1);
		LocalDate march = LocalDate.of(2019, 3, 1);
		List<MonthBreakdown> rows = List.of(status(january, 4), category(january, "A", 4), status(february, 6),
				category(february, "A", 1), category(february, "B", 5), status(march, 9), category(march, "A", 4),
				category(march, "B", 5));

		CalendarChoice.Snapshot snapshot = this.choice.snapshotOf(OffsetDateTime.parse("2019-04-01T00:00:00+08:00"),
				tree, categories, rows, Map.of());

		assertThat(total(snapshot, month(january))).as("January's total, withheld by its own table")
			.isEqualTo(WITHHELD);
		assertThat(snapshot.withheld().get(month(january)).get("X").total())
			.as("January's total, withheld in the link too")
			.isTrue();
		// No node's total shown minus its children's shown gives one withheld back.
		CalendarTree calendar = CalendarTree.of(List.of(january, february, march));
		for (int node = 0; node < calendar.nodes().size(); node++) {
			long parent = total(snapshot, calendar.nodes().get(node));
			if (parent == WITHHELD) {
				continue;
			}
			int childrenWithheld = 0;
			long shown = 0;
			for (int child = 0; child < calendar.nodes().size(); child++) {
				if (calendar.parents()[child] == node) {
					long count = total(snapshot, calendar.nodes().get(child));
					childrenWithheld += (count == WITHHELD) ? 1 : 0;
					shown += (count == WITHHELD) ? 0 : count;
				}
			}
			if (childrenWithheld > 0) {
				assertThat(childrenWithheld).as("%s: its children's totals withheld", calendar.nodes().get(node))
					.isGreaterThanOrEqualTo(2);
				assertThat(parent - shown).as("%s: its total less its children's shown", calendar.nodes().get(node))
					.isGreaterThanOrEqualTo(3);
			}
		}
		// Each node's published choice is its own choice made from the final link: made
		// again from it, nothing changes.
		for (CalendarPeriod node : calendar.nodes()) {
			assertThat(snapshot.published(node)).as("%s", node)
				.isEqualTo(this.choice
					.snapshotOf(OffsetDateTime.parse("2019-04-01T00:00:00+08:00"), tree, categories, rows, Map.of())
					.published(node));
		}
	}

	private static final long WITHHELD = -1;

	/** A node's published total of area X, or {@link #WITHHELD}. */
	private static long total(CalendarChoice.Snapshot snapshot, CalendarPeriod node) {
		Counts counts = snapshot.published(node).counts().get("X");
		return counts.withheld().total() ? WITHHELD : counts.total();
	}

	private static CalendarPeriod month(LocalDate start) {
		return new CalendarPeriod(CalendarPeriod.Step.MONTH, start);
	}

	private static MonthBreakdown status(LocalDate month, int petitions) {
		return new MonthBreakdown(month, new BreakdownCount("X", PetitionStatus.SUBMITTED, null, petitions));
	}

	private static MonthBreakdown category(LocalDate month, String code, int petitions) {
		return new MonthBreakdown(month, new BreakdownCount("X", null, code, petitions));
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
