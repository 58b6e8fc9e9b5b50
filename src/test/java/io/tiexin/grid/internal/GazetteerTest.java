package io.tiexin.grid.internal;

import java.util.List;

import io.tiexin.geo.Geometries;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaLevel;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import static org.assertj.core.api.Assertions.assertThat;

class GazetteerTest {

	private final AreaSnapshot snapshot = new AreaSnapshot(1,
			List.of(area("360322", "上栗县", AreaLevel.COUNTY, null),
					area("360322101", "上栗镇", AreaLevel.TOWNSHIP, "360322"),
					area("360322101200", "泉塘村", AreaLevel.VILLAGE, "360322101"),
					area("360322101200006", "六组", AreaLevel.GRID, "360322101200"),
					area("360322101201", "水源村", AreaLevel.VILLAGE, "360322101"),
					area("360322101201006", "六组", AreaLevel.GRID, "360322101201"),
					area("360322101001", "平安社区", AreaLevel.VILLAGE, "360322101")),
			200);

	@Test
	void findsAVillageByItsFullOrShortName() {
		assertThat(codes("泉塘村")).containsExactly("360322101200");
		assertThat(codes("泉塘")).containsExactly("360322101200");
		assertThat(codes("平安")).containsExactly("360322101001");
	}

	@Test
	void aGroupNameQualifiedByItsVillagePicksThatVillagesGroup() {
		assertThat(codes("泉塘村六组")).containsExactly("360322101200006");
		assertThat(codes("上栗镇 水源村 六组")).containsExactly("360322101201006");
	}

	@Test
	void anUnqualifiedGroupNameReturnsEveryGroupOfThatName() {
		assertThat(codes("六组")).containsExactly("360322101200006", "360322101201006");
	}

	@Test
	void aFragmentFindsNamesContainingIt() {
		assertThat(codes("塘")).containsExactly("360322101200");
		assertThat(codes("无此地")).isEmpty();
		assertThat(codes("  ")).isEmpty();
	}

	private List<String> codes(String text) {
		return this.snapshot.gazetteer().search(text).stream().map(Area::code).toList();
	}

	private static Area area(String code, String name, AreaLevel level, String parentCode) {
		try {
			MultiPolygon square = (MultiPolygon) new WKTReader(Geometries.WGS84)
				.read("MULTIPOLYGON (((113.8 27.8, 113.9 27.8, 113.9 27.9, 113.8 27.9, 113.8 27.8)))");
			return new Area(code, name, level, parentCode, square, 1.0);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
