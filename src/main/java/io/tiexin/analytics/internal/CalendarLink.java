package io.tiexin.analytics.internal;

import java.util.List;

import io.tiexin.shared.SmallCountSuppression;

/**
 * The choice of withheld counts linked over the area tree and the calendar tree
 * ({@link CalendarChoice} makes its snapshot with it): each measure's counts by node and
 * area go through the rule over the areas in every node and over the nodes of every area,
 * and an area's equal measures are withheld together, until nothing changes.
 */
class CalendarLink {

	private final SmallCountSuppression rule;

	CalendarLink(SmallCountSuppression rule) {
		this.rule = rule;
	}

	/** {@link #withheld(List, int[], int[], boolean[][][])} from nothing withheld. */
	boolean[][][] withheld(List<long[][]> measures, int[] nodeParents, int[] areaParents) {
		return withheld(measures, nodeParents, areaParents,
				new boolean[measures.size()][nodeParents.length][areaParents.length]);
	}

	/**
	 * The linked choice of open, overdue and total (in that order): each measure over
	 * both trees, and an area's equal measures in a node withheld together, until nothing
	 * changes.
	 * @param measures per measure, counts by node and area
	 * @param already per measure, by node and area, withheld already (kept)
	 * @return per measure, by node and area, whether the count is withheld
	 */
	boolean[][][] withheld(List<long[][]> measures, int[] nodeParents, int[] areaParents, boolean[][][] already) {
		int nodes = nodeParents.length;
		int areas = areaParents.length;
		boolean[][][] withheld = new boolean[measures.size()][nodes][];
		for (int m = 0; m < measures.size(); m++) {
			for (int node = 0; node < nodes; node++) {
				withheld[m][node] = already[m][node].clone();
			}
		}
		boolean changed = true;
		while (changed) {
			for (int m = 0; m < measures.size(); m++) {
				withheld[m] = linked(measures.get(m), nodeParents, areaParents, withheld[m]);
			}
			changed = false;
			// open, overdue and total first; statuses and categories after them
			if (measures.size() >= 3) {
				long[][] open = measures.get(0);
				long[][] overdue = measures.get(1);
				long[][] total = measures.get(2);
				for (int node = 0; node < nodes; node++) {
					for (int area = 0; area < areas; area++) {
						changed |= ComplementChoice.equalPair(open[node][area], total[node][area], withheld[0][node],
								withheld[2][node], area);
						changed |= ComplementChoice.equalPair(overdue[node][area], open[node][area], withheld[1][node],
								withheld[0][node], area);
					}
				}
			}
		}
		return withheld;
	}

	/**
	 * One measure's choice over both trees: for each node of the calendar,
	 * {@link SmallCountSuppression#withheldInTree} over the areas; for each area, the
	 * same over the calendar; until neither withholds anything more.
	 * @param counts by node and area
	 * @param already by node and area, withheld already (kept)
	 */
	boolean[][] linked(long[][] counts, int[] nodeParents, int[] areaParents, boolean[][] already) {
		int nodes = nodeParents.length;
		int areas = areaParents.length;
		boolean[][] withheld = new boolean[nodes][];
		for (int node = 0; node < nodes; node++) {
			withheld[node] = already[node].clone();
		}
		long[] column = new long[nodes];
		boolean[] columnWithheld = new boolean[nodes];
		boolean changed = true;
		while (changed) {
			changed = false;
			for (int node = 0; node < nodes; node++) {
				boolean[] now = this.rule.withheldInTree(counts[node], areaParents, withheld[node]);
				for (int area = 0; area < areas; area++) {
					changed |= now[area] && !withheld[node][area];
				}
				withheld[node] = now;
			}
			for (int area = 0; area < areas; area++) {
				boolean any = false;
				for (int node = 0; node < nodes; node++) {
					column[node] = counts[node][area];
					columnWithheld[node] = withheld[node][area];
					any |= column[node] != 0;
				}
				if (!any) {
					continue;
				}
				// Two withheld among a node's children suffice here, not the three of the
				// areas' rule: whoever may see one month of an area sees all of its
				// months.
				boolean[] now = this.rule.withheldInBreakdown(column, nodeParents, columnWithheld);
				for (int node = 0; node < nodes; node++) {
					if (now[node] && !withheld[node][area]) {
						withheld[node][area] = true;
						changed = true;
					}
				}
			}
		}
		return withheld;
	}

}
