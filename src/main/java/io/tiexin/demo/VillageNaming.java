package io.tiexin.demo;

import static io.tiexin.demo.DemoCountyGenerator.KM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.tiexin.demo.CountyTerrain.Landscape;
import io.tiexin.demo.CountyTerrain.LocalPlane;
import io.tiexin.demo.DemoCountyNames.Township;
import io.tiexin.demo.GridCells.CellGraph;
import org.locationtech.jts.geom.Coordinate;

/**
 * Gives each cluster of a township its name and code. Communities get the community
 * names; in 上栗镇 the three clusters meeting nearest to 泉之源 become 水源村, 达塘村 and 泉塘村, and
 * the highest-lying cluster with at least twelve groups becomes 高山村; the other names go
 * to the remaining clusters from the seat outwards.
 */
final class VillageNaming {

	private final CellGraph graph;

	private final Landscape landscape;

	private final LocalPlane plane;

	private final Township township;

	private final Coordinate seat;

	private final VillageLayout layout;

	private final List<String> villageNames;

	private final String[] nameOfCluster;

	private Coordinate quanzhiyuan;

	VillageNaming(CellGraph graph, Landscape landscape, LocalPlane plane, Township township, Coordinate seat,
			VillageLayout layout, List<String> syntheticNames) {
		this.graph = graph;
		this.landscape = landscape;
		this.plane = plane;
		this.township = township;
		this.seat = seat;
		this.layout = layout;
		this.villageNames = new ArrayList<>(township.villages());
		this.villageNames.addAll(syntheticNames);
		this.nameOfCluster = new String[layout.clusterCount];
		for (int k = 0; k < layout.communityCount; k++) {
			nameOfCluster[k] = township.communities().get(k);
		}
		if (villageNames.containsAll(DemoCountyNames.QUANZHIYUAN_VILLAGES)) {
			nameTheClustersMeetingAtQuanzhiyuan();
		}
		if (villageNames.contains(DemoCountyNames.GAOSHAN_VILLAGE)) {
			nameTheHighestLargeClusterGaoshan();
		}
		nameTheRestFromTheSeatOutwards();
	}

	Coordinate quanzhiyuan() {
		return quanzhiyuan;
	}

	List<Village> villages() {
		List<Village> villages = new ArrayList<>();
		for (int k = 0; k < layout.clusterCount; k++) {
			String name = nameOfCluster[k];
			int number = k < layout.communityCount ? k + 1 : 200 + villageNames.indexOf(name);
			villages.add(new Village(township.code() + String.format("%03d", number), name, cellsInGroupOrder(k)));
		}
		return villages;
	}

	/** Groups are numbered from north to south, by the point each cell grew from. */
	private int[] cellsInGroupOrder(int cluster) {
		return Arrays.stream(layout.cells)
			.filter(c -> layout.clusterOfCell[c] == cluster)
			.boxed()
			.sorted(Comparator.comparingDouble((Integer c) -> -graph.sites[c].y)
				.thenComparingDouble(c -> graph.sites[c].x))
			.mapToInt(Integer::intValue)
			.toArray();
	}

	/**
	 * A vertex where exactly three cells meet, each of a different village committee of
	 * this township.
	 */
	private void nameTheClustersMeetingAtQuanzhiyuan() {
		Map<Coordinate, List<Integer>> cellsAtVertex = new HashMap<>();
		for (int c = 0; c < graph.size(); c++) {
			for (Coordinate v : graph.cells[c].getExteriorRing().getCoordinates()) {
				List<Integer> atV = cellsAtVertex.computeIfAbsent(v, key -> new ArrayList<>());
				if (!atV.contains(c)) {
					atV.add(c);
				}
			}
		}
		Coordinate wanted = new Coordinate(seat.x + DemoCountyNames.QUANZHIYUAN_EAST_KM * KM,
				seat.y + DemoCountyNames.QUANZHIYUAN_NORTH_KM * KM);
		Coordinate best = null;
		List<Integer> bestCells = null;
		for (int c : layout.cells) {
			for (Coordinate v : graph.cells[c].getExteriorRing().getCoordinates()) {
				List<Integer> atV = cellsAtVertex.get(v);
				if (isTripleVillagePoint(atV)
						&& (best == null || plane.toPlane(v).distance(wanted) < plane.toPlane(best).distance(wanted))) {
					best = v;
					bestCells = atV;
				}
			}
		}
		if (best == null) {
			throw new IllegalStateException("no three villages of " + township.name() + " meet at a point");
		}
		Coordinate point = plane.toPlane(best);
		List<Integer> counterClockwise = new ArrayList<>(bestCells);
		counterClockwise.sort(Comparator
			.comparingDouble(c -> StrictMath.atan2(graph.sites[c].y - point.y, graph.sites[c].x - point.x)));
		for (int i = 0; i < 3; i++) {
			nameOfCluster[layout.clusterOfCell[counterClockwise.get(i)]] = DemoCountyNames.QUANZHIYUAN_VILLAGES.get(i);
		}
		quanzhiyuan = best.copy();
	}

	private boolean isTripleVillagePoint(List<Integer> cellsAtVertex) {
		if (cellsAtVertex.size() != 3) {
			return false;
		}
		Set<Integer> clusters = new HashSet<>();
		for (int c : cellsAtVertex) {
			if (layout.clusterOfCell[c] < layout.communityCount) {
				return false;
			}
			clusters.add(layout.clusterOfCell[c]);
		}
		return clusters.size() == 3;
	}

	private void nameTheHighestLargeClusterGaoshan() {
		int best = -1;
		double bestHeight = -1;
		for (int k = layout.communityCount; k < layout.clusterCount; k++) {
			int[] cells = cellsInGroupOrder(k);
			double height = Arrays.stream(cells)
				.mapToDouble(c -> landscape.height(graph.sites[c].x, graph.sites[c].y))
				.average()
				.orElse(0);
			if (nameOfCluster[k] == null && cells.length >= DemoCountyNames.GAOSHAN_MIN_GROUPS && height > bestHeight) {
				best = k;
				bestHeight = height;
			}
		}
		if (best < 0) {
			throw new IllegalStateException("no village of " + township.name() + " is large enough for 高山村");
		}
		nameOfCluster[best] = DemoCountyNames.GAOSHAN_VILLAGE;
	}

	private void nameTheRestFromTheSeatOutwards() {
		Set<String> used = new HashSet<>(Arrays.asList(nameOfCluster));
		Iterator<String> names = villageNames.stream().filter(name -> !used.contains(name)).iterator();
		IntStream.range(layout.communityCount, layout.clusterCount)
			.filter(k -> nameOfCluster[k] == null)
			.boxed()
			.sorted(Comparator.comparingDouble((Integer k) -> centroidOf(k).distance(seat)).thenComparing(k -> k))
			.forEach(k -> nameOfCluster[k] = names.next());
	}

	private Coordinate centroidOf(int cluster) {
		int[] cells = cellsInGroupOrder(cluster);
		return new Coordinate(Arrays.stream(cells).mapToDouble(c -> graph.sites[c].x).average().orElseThrow(),
				Arrays.stream(cells).mapToDouble(c -> graph.sites[c].y).average().orElseThrow());
	}

	/**
	 * A village or community: its 12-digit code, name and cells (grid cells in group
	 * order).
	 */
	record Village(String code, String name, int[] cells) {
	}

	/**
	 * Hands out synthetic village names in list order, skipping any that repeats a real
	 * name.
	 */
	static final class SyntheticNames {

		private final Iterator<String> names;

		SyntheticNames(List<Township> townships) {
			Set<String> real = new HashSet<>();
			for (Township t : townships) {
				real.addAll(t.villages());
				real.add(t.name().substring(0, t.name().length() - 1) + "村");
			}
			Set<String> seen = new HashSet<>();
			List<String> usable = new ArrayList<>();
			for (String stem : DemoCountyNames.SYNTHETIC_VILLAGE_NAMES) {
				String name = stem + "村";
				if (stem.length() != 2 || !seen.add(name)) {
					throw new IllegalStateException("synthetic village name " + stem + " is not two new characters");
				}
				if (!real.contains(name)) {
					usable.add(name);
				}
			}
			this.names = usable.iterator();
		}

		List<String> take(int count) {
			List<String> taken = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				if (!names.hasNext()) {
					throw new IllegalStateException("not enough synthetic village names");
				}
				taken.add(names.next());
			}
			return taken;
		}

	}

}
