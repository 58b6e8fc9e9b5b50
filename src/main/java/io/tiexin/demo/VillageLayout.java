package io.tiexin.demo;

import static io.tiexin.demo.DemoCountyGenerator.largestRemainder;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

import io.tiexin.demo.DemoCountyNames.Township;
import io.tiexin.demo.GridCells.CellGraph;
import org.locationtech.jts.geom.Coordinate;

/**
 * The villages of one township as clusters of its cells: communities first (small, around
 * the seat), then village committees. Each cluster aims at a number of groups — 4 to 8
 * for a community, the township's mean ±45 % for a village. Centres come from k-means
 * over the cell sites (so more villages where groups are dense); then all clusters grow
 * at once from their centre cell over shared edges, nearest cells first, each until it
 * has its groups — so every village is one connected piece from the start.
 */
final class VillageLayout {

	private static final int K_MEANS_ROUNDS = 40;

	final int[] cells;

	final int communityCount;

	final int clusterCount;

	final int[] clusterOfCell;

	private VillageLayout(int[] cells, int communityCount, int clusterCount, int[] clusterOfCell) {
		this.cells = cells;
		this.communityCount = communityCount;
		this.clusterCount = clusterCount;
		this.clusterOfCell = clusterOfCell;
	}

	static VillageLayout cluster(CellGraph graph, int[] cells, Coordinate seat, Township township,
			SplittableRandom random) {
		int communities = township.communities().size();
		int clusters = communities + township.villageCount();
		int[] target = targetGroupCounts(random, cells.length, communities, township.villageCount());
		Coordinate[] centre = new Coordinate[clusters];
		placeCommunityCentresAroundTheSeat(seat, communities, centre);
		placeVillageCentresFarthestFirst(graph, cells, seat, communities, centre);
		moveVillageCentresByKMeans(graph, cells, communities, centre);
		int[] centreCell = nearestDistinctCells(graph, cells, centre);
		int[] clusterOfCell = growFromCentres(graph, cells, centre, centreCell, target);

		boolean[] pinned = new boolean[graph.size()];
		for (int c : centreCell) {
			pinned[c] = true;
		}
		Regions regions = new Regions(graph, cells, clusterOfCell, pinned);
		regions.makeSimple();
		regions.balanceTowards(target);
		for (int k = 0; k < clusters; k++) {
			if (regions.count(k) == 0) {
				throw new IllegalStateException(township.name() + " lost village " + k);
			}
		}
		return new VillageLayout(cells, communities, clusters, clusterOfCell);
	}

	private static int[] targetGroupCounts(SplittableRandom random, int cellCount, int communities, int villages) {
		int[] target = new int[communities + villages];
		int left = cellCount;
		for (int k = 0; k < communities; k++) {
			target[k] = 4 + random.nextInt(5);
			left -= target[k];
		}
		double[] share = new double[villages];
		for (int v = 0; v < villages; v++) {
			share[v] = 0.55 + 0.9 * random.nextDouble();
		}
		int[] counts = largestRemainder(share, left);
		System.arraycopy(counts, 0, target, communities, villages);
		return target;
	}

	/** The first community sits on the seat, the others on a ring 700 m around it. */
	private static void placeCommunityCentresAroundTheSeat(Coordinate seat, int communities, Coordinate[] centre) {
		for (int k = 0; k < communities; k++) {
			double angle = 2 * StrictMath.PI * k / StrictMath.max(1, communities - 1);
			double radius = k == 0 ? 0 : 700;
			centre[k] = new Coordinate(seat.x + radius * StrictMath.cos(angle),
					seat.y + radius * StrictMath.sin(angle));
		}
	}

	/**
	 * Village centres start spread out: each on the cell farthest from the seat and all
	 * centres so far.
	 */
	private static void placeVillageCentresFarthestFirst(CellGraph graph, int[] cells, Coordinate seat, int communities,
			Coordinate[] centre) {
		double[] distance = Arrays.stream(cells).mapToDouble(c -> graph.sites[c].distance(seat)).toArray();
		for (int k = 0; k < centre.length; k++) {
			if (k >= communities) {
				int farthest = 0;
				for (int i = 1; i < cells.length; i++) {
					if (distance[i] > distance[farthest]) {
						farthest = i;
					}
				}
				centre[k] = graph.sites[cells[farthest]].copy();
			}
			for (int i = 0; i < cells.length; i++) {
				distance[i] = Math.min(distance[i], graph.sites[cells[i]].distance(centre[k]));
			}
		}
	}

	/** Lloyd's k-means steps for village committees; communities stay by the seat. */
	private static void moveVillageCentresByKMeans(CellGraph graph, int[] cells, int communities, Coordinate[] centre) {
		for (int round = 0; round < K_MEANS_ROUNDS; round++) {
			double[][] sum = new double[centre.length][3];
			for (int c : cells) {
				double[] s = sum[nearest(centre, graph.sites[c])];
				s[0] += graph.sites[c].x;
				s[1] += graph.sites[c].y;
				s[2]++;
			}
			for (int k = communities; k < centre.length; k++) {
				if (sum[k][2] > 0) {
					centre[k] = new Coordinate(sum[k][0] / sum[k][2], sum[k][1] / sum[k][2]);
				}
			}
		}
	}

	private static int nearest(Coordinate[] centres, Coordinate point) {
		int best = 0;
		for (int k = 1; k < centres.length; k++) {
			if (centres[k].distance(point) < centres[best].distance(point)) {
				best = k;
			}
		}
		return best;
	}

	private static int[] nearestDistinctCells(CellGraph graph, int[] cells, Coordinate[] centre) {
		Set<Integer> taken = new HashSet<>();
		int[] centreCell = new int[centre.length];
		for (int k = 0; k < centre.length; k++) {
			int best = -1;
			for (int c : cells) {
				if (!taken.contains(c)
						&& (best < 0 || graph.sites[c].distance(centre[k]) < graph.sites[best].distance(centre[k]))) {
					best = c;
				}
			}
			taken.add(best);
			centreCell[k] = best;
		}
		return centreCell;
	}

	/**
	 * A cluster's bid for a cell: distance to its centre, scaled by the cluster's
	 * expected radius.
	 */
	private record Claim(double reach, int cluster, int cell) {
	}

	private static int[] growFromCentres(CellGraph graph, int[] cells, Coordinate[] centre, int[] centreCell,
			int[] target) {
		int[] clusterOfCell = new int[graph.size()];
		Arrays.fill(clusterOfCell, -1);
		boolean[] inDomain = new boolean[graph.size()];
		for (int c : cells) {
			inDomain[c] = true;
		}
		int[] count = new int[centre.length];
		PriorityQueue<Claim> claims = new PriorityQueue<>(Comparator.comparingDouble(Claim::reach)
			.thenComparingInt(Claim::cluster)
			.thenComparingInt(Claim::cell));
		for (int k = 0; k < centre.length; k++) {
			claims.add(new Claim(0, k, centreCell[k]));
		}
		while (!claims.isEmpty()) {
			Claim claim = claims.poll();
			int k = claim.cluster();
			if (clusterOfCell[claim.cell()] >= 0 || count[k] >= target[k]) {
				continue;
			}
			clusterOfCell[claim.cell()] = k;
			count[k]++;
			for (int n : graph.neighbours[claim.cell()]) {
				if (inDomain[n] && clusterOfCell[n] < 0) {
					claims.add(new Claim(graph.sites[n].distance(centre[k]) / StrictMath.sqrt(target[k]), k, n));
				}
			}
		}
		giveLeftoverCellsToTheLeastFilledNeighbour(graph, cells, clusterOfCell, count, target);
		return clusterOfCell;
	}

	/**
	 * Cells that every full cluster closed in on go to the neighbouring cluster furthest
	 * below its target.
	 */
	private static void giveLeftoverCellsToTheLeastFilledNeighbour(CellGraph graph, int[] cells, int[] clusterOfCell,
			int[] count, int[] target) {
		boolean leftover = true;
		while (leftover) {
			leftover = false;
			boolean progress = false;
			for (int c : cells) {
				if (clusterOfCell[c] >= 0) {
					continue;
				}
				int best = -1;
				for (int n : graph.neighbours[c]) {
					int k = clusterOfCell[n];
					if (k >= 0 && Arrays.binarySearch(cells, n) >= 0
							&& (best < 0 || (double) count[k] / target[k] < (double) count[best] / target[best])) {
						best = k;
					}
				}
				if (best < 0) {
					leftover = true;
				}
				else {
					clusterOfCell[c] = best;
					count[best]++;
					progress = true;
				}
			}
			if (leftover && !progress) {
				throw new IllegalStateException("cells unreachable from any village centre");
			}
		}
	}

}
