package io.tiexin.analytics.internal;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.tiexin.analytics.internal.AnalyticsRepository.BreakdownCount;
import io.tiexin.analytics.internal.AnalyticsRepository.MonthBreakdown;
import io.tiexin.petition.Category;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.shared.SmallCountSuppression;

/**
 * Not a test: the Java time of the published snapshot's choice (the calendar link, every
 * node's own choice, until neither adds anything: {@link CalendarChoice#snapshotOf}) on
 * synthetic month counts shaped like the bench county at 1,000,000 petitions (2,523
 * areas: 15 townships, 168 villages, 2,339 cells of uneven sizes; 13 months; 7 statuses,
 * 10 categories; some 340,000 month rows), with k = 3. Prints the nodes, rounds and
 * choices made, and the median of five after two warm-up runs. Run it on the test
 * classpath: {@code java -cp target/test-classes:target/classes:<dependencies>
 * io.tiexin.analytics.internal.SnapshotChoiceMeasurement}.
 */
final class SnapshotChoiceMeasurement {

	private SnapshotChoiceMeasurement() {
	}

	public static void main(String[] args) throws ReflectiveOperationException {
		Random random = new Random(360322);
		List<String> codes = new ArrayList<>();
		List<String> parentCodes = new ArrayList<>();
		List<String> cells = new ArrayList<>();
		codes.add("360322");
		parentCodes.add(null);
		int villageCount = 0;
		for (int t = 0; t < 15; t++) {
			String township = "360322" + String.format("%03d", 100 + t);
			codes.add(township);
			parentCodes.add("360322");
			int villages = (t < 3) ? 12 : 11;
			for (int v = 0; v < villages; v++) {
				String village = township + String.format("%03d", 200 + v);
				codes.add(village);
				parentCodes.add(township);
				// 2,339 cells: 14 in each of the first 155 villages, 13 in the others
				int villageCells = (villageCount++ < 155) ? 14 : 13;
				for (int c = 0; c < villageCells; c++) {
					String cell = village + String.format("%03d", c + 1);
					codes.add(cell);
					parentCodes.add(village);
					cells.add(cell);
				}
			}
		}
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < codes.size(); i++) {
			order.add(i);
		}
		order.sort((a, b) -> codes.get(a).compareTo(codes.get(b)));
		List<String> sorted = order.stream().map(codes::get).toList();
		Map<String, Integer> indexOf = new LinkedHashMap<>();
		sorted.forEach(code -> indexOf.put(code, indexOf.size()));
		int[] parents = new int[sorted.size()];
		for (int i = 0; i < parents.length; i++) {
			String parent = parentCodes.get(order.get(i));
			parents[i] = (parent != null) ? indexOf.get(parent) : -1;
		}
		ComplementChoice.Tree tree = new ComplementChoice.Tree(sorted, indexOf, parents);

		List<Category> categories = new ArrayList<>();
		for (int c = 0; c < 10; c++) {
			categories.add(new Category("C" + c, "C" + c, null, false));
		}
		// Uneven cells: a lognormal weight each, so that some have a handful a month.
		double[] weight = new double[cells.size()];
		double sum = 0;
		for (int i = 0; i < weight.length; i++) {
			weight[i] = Math.exp(random.nextGaussian() * 1.2);
			sum += weight[i];
		}
		PetitionStatus[] statuses = PetitionStatus.values();
		double[] statusShare = { 0.05, 0.05, 0.05, 0.1, 0.2, 0.5, 0.05 };
		double[] categoryShare = { 0.3, 0.2, 0.12, 0.1, 0.08, 0.06, 0.05, 0.04, 0.03, 0.02 };
		LocalDate first = LocalDate.of(2025, 1, 1);
		int months = 13;
		long[][][] byStatus = new long[months][tree.size()][statuses.length];
		long[][][] byCategory = new long[months][tree.size()][categories.size()];
		Map<String, Map<LocalDate, Integer>> overdue = new HashMap<>();
		for (int i = 0; i < cells.size(); i++) {
			String cell = cells.get(i);
			for (int month = 0; month < months; month++) {
				double mean = 1_000_000.0 / months * weight[i] / sum;
				long n = Math.max(0, Math.round(mean + random.nextGaussian() * Math.sqrt(mean)));
				for (long p = 0; p < n; p++) {
					int s = draw(random, statusShare);
					int c = draw(random, categoryShare);
					for (String code = cell; code != null; code = parentCodes.get(order.get(indexOf.get(code)))) {
						int area = indexOf.get(code);
						byStatus[month][area][s]++;
						byCategory[month][area][c]++;
					}
					if (PetitionStatus.OPEN.contains(statuses[s]) && random.nextInt(10) == 0) {
						overdue.computeIfAbsent(cell, key -> new HashMap<>())
							.merge(first.plusMonths(month), 1, Integer::sum);
					}
				}
			}
		}
		List<MonthBreakdown> rows = new ArrayList<>();
		for (int month = 0; month < months; month++) {
			for (int area = 0; area < tree.size(); area++) {
				for (int s = 0; s < statuses.length; s++) {
					if (byStatus[month][area][s] > 0) {
						rows.add(new MonthBreakdown(first.plusMonths(month), new BreakdownCount(sorted.get(area),
								statuses[s], null, (int) byStatus[month][area][s])));
					}
				}
				for (int c = 0; c < categories.size(); c++) {
					if (byCategory[month][area][c] > 0) {
						rows.add(new MonthBreakdown(first.plusMonths(month), new BreakdownCount(sorted.get(area), null,
								categories.get(c).code(), (int) byCategory[month][area][c])));
					}
				}
			}
		}
		Constructor<SmallCountSuppression> constructor = SmallCountSuppression.class.getDeclaredConstructor(int.class);
		constructor.setAccessible(true);
		CalendarChoice choice = new CalendarChoice(null, null, constructor.newInstance(3), null, null, Duration.ZERO);
		OffsetDateTime takenAt = OffsetDateTime.parse("2026-02-01T00:00:00+08:00");
		long[] millis = new long[7];
		CalendarChoice.Snapshot snapshot = null;
		for (int run = 0; run < millis.length; run++) {
			long start = System.nanoTime();
			snapshot = choice.snapshotOf(takenAt, tree, categories, rows, overdue);
			millis[run] = (System.nanoTime() - start) / 1_000_000;
		}
		long[] measured = Arrays.copyOfRange(millis, 2, millis.length);
		Arrays.sort(measured);
		int[] made = snapshot.roundsAndChoices();
		long[] year = new long[5];
		for (int run = 0; run < year.length; run++) {
			long start = System.nanoTime();
			snapshot.overMonths(first, first.plusMonths(12));
			year[run] = (System.nanoTime() - start) / 1_000_000;
		}
		Arrays.sort(year);
		long[] month = new long[5];
		for (int run = 0; run < month.length; run++) {
			long start = System.nanoTime();
			snapshot.overMonths(first, first.plusMonths(1));
			month[run] = (System.nanoTime() - start) / 1_000_000;
		}
		Arrays.sort(month);
		System.out.printf(
				"SNAPSHOT areas=%d rows=%d nodes=%d rounds=%d choices=%d snapshotOf median=%d ms (runs %s); "
						+ "one choice: year %d ms, month %d ms (median of five)%n",
				tree.size(), rows.size(), snapshot.withheld().size(), made[0], made[1], measured[measured.length / 2],
				Arrays.toString(millis), year[2], month[2]);
	}

	private static int draw(Random random, double[] shares) {
		double u = random.nextDouble();
		for (int i = 0; i < shares.length; i++) {
			u -= shares[i];
			if (u < 0) {
				return i;
			}
		}
		return shares.length - 1;
	}

}
