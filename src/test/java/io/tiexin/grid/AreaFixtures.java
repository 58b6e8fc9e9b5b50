package io.tiexin.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.tiexin.grid.internal.AreaImporter;

import org.springframework.boot.test.context.TestComponent;

/**
 * Areas for tests. Two ways to get a place where nothing else a test does can disturb the
 * counts and dispatch a test checks:
 * <ul>
 * <li>{@link #freshCounty()} imports a new county of one township, one village and two
 * cells through the grid's import API. Counties are handed out in order, 980001, 980002,
 * …, each on its own patch of ground at 101°E 31°N (far from the demo county at 113.8°E
 * 27.8°N and from the 99xxxx counties of AreaImportIT), so no two ever overlap.</li>
 * <li>{@link #claim} records that a test class works on a part of the demo county (where
 * its people are) and fails at once when another class has claimed the same part, one
 * inside it or one around it: what used to be a comment ("a village no other test uses")
 * is checked.</li>
 * </ul>
 */
@TestComponent
public class AreaFixtures {

	private static final AtomicInteger COUNTIES = new AtomicInteger();

	private static final Map<String, String> CLAIMS = new ConcurrentHashMap<>();

	/** Side of a fresh county's square, in degrees (about 2 km). */
	private static final double SIDE = 0.02;

	private final AreaImporter importer;

	AreaFixtures(AreaImporter importer) {
		this.importer = importer;
	}

	/**
	 * Imports a county no test has seen: one township, one village, two cells (west and
	 * east half of the village).
	 */
	public FreshCounty freshCounty() {
		int n = COUNTIES.incrementAndGet();
		String county = String.format("98%04d", n);
		String township = county + "101";
		String village = township + "200";
		double west = 101.0 + (n % 100) * 0.05;
		double south = 31.0 + (n / 100) * 0.05;
		double east = west + SIDE;
		double north = south + SIDE;
		double middle = west + SIDE / 2;
		byte[] file = AreaFileFixture.areas()
			.area(county, "测试县" + n, "COUNTY", null, AreaFileFixture.box(west, south, east, north))
			.area(township, "测试镇", "TOWNSHIP", county, AreaFileFixture.box(west, south, east, north))
			.area(village, "测试村", "VILLAGE", township, AreaFileFixture.box(west, south, east, north))
			.area(village + "001", "一组", "GRID", village, AreaFileFixture.box(west, south, middle, north))
			.area(village + "002", "二组", "GRID", village, AreaFileFixture.box(middle, south, east, north))
			.toBytes();
		this.importer.importAreas("fixture county " + county, file);
		return new FreshCounty(county, township, village, List.of(village + "001", village + "002"));
	}

	/**
	 * {@link #freshCounty()} with {@code cells} grid cells (at least 2): side by side
	 * from west to east, each a strip of the village (emerging hot spots want three).
	 */
	public FreshCounty freshCounty(int cells) {
		int n = COUNTIES.incrementAndGet();
		String county = String.format("98%04d", n);
		String township = county + "101";
		String village = township + "200";
		double west = 101.0 + (n % 100) * 0.05;
		double south = 31.0 + (n / 100) * 0.05;
		double east = west + SIDE;
		double north = south + SIDE;
		AreaFileFixture file = AreaFileFixture.areas()
			.area(county, "测试县" + n, "COUNTY", null, AreaFileFixture.box(west, south, east, north))
			.area(township, "测试镇", "TOWNSHIP", county, AreaFileFixture.box(west, south, east, north))
			.area(village, "测试村", "VILLAGE", township, AreaFileFixture.box(west, south, east, north));
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < cells; i++) {
			String code = village + String.format("%03d", i + 1);
			file.area(code, (i + 1) + "组", "GRID", village,
					AreaFileFixture.box(west + SIDE * i / cells, south, west + SIDE * (i + 1) / cells, north));
			codes.add(code);
		}
		this.importer.importAreas("fixture county " + county, file.toBytes());
		return new FreshCounty(county, township, village, List.copyOf(codes));
	}

	/**
	 * Claims a part of the demo county (an area code: township, village or cell) for a
	 * test class; returns the code.
	 * @throws IllegalStateException when another class claimed this area, one inside it
	 * or one around it
	 */
	public static String claim(Class<?> owner, String areaCode) {
		synchronized (CLAIMS) {
			CLAIMS.forEach((claimed, by) -> {
				boolean overlaps = claimed.startsWith(areaCode) || areaCode.startsWith(claimed);
				if (overlaps && !by.equals(owner.getName())) {
					throw new IllegalStateException(owner.getSimpleName() + " claims area " + areaCode + ", which " + by
							+ " works on already (" + claimed + "): pick another part of the county");
				}
			});
			CLAIMS.put(areaCode, owner.getName());
		}
		return areaCode;
	}

	/**
	 * A county imported by {@link #freshCounty()}.
	 *
	 * @param cells the two grid cells, west first
	 */
	public record FreshCounty(String code, String township, String village, List<String> cells) {

		public String cell(int index) {
			return this.cells.get(index);
		}

	}

}
