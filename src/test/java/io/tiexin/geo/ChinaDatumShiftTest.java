package io.tiexin.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.sf.geographiclib.Geodesic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;

class ChinaDatumShiftTest {

	/**
	 * Published values carry at least 7 decimals, so 1e-6 degrees (about 10 cm) catches
	 * any formula difference.
	 */
	private static final double PUBLISHED_TOLERANCE_DEGREES = 1e-6;

	private static final double INVERSE_CONTRACT_METRES = 0.5;

	/** Shangli County, Jiangxi: the service area. */
	private static final double SHANGLI_MIN_LON = 113.60;

	private static final double SHANGLI_MAX_LON = 114.00;

	private static final double SHANGLI_MIN_LAT = 27.65;

	private static final double SHANGLI_MAX_LAT = 28.10;

	private static final int LATTICE_SIZE = 100;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					# place            | WGS84 lon   | WGS84 lat  | GCJ-02 lon         | GCJ-02 lat
					# googollee/eviltransform go/transform_test.go, published as (wgsLat, wgsLng, gcjLat, gcjLng); swapped to lon, lat here
					Shanghai           | 121.5272106 | 31.1774276 | 121.531541859215   | 31.17530398364597
					Shenzhen           | 113.912316  | 22.543847  | 113.9171764808363  | 22.540796131694766
					Beijing            | 116.377817  | 39.911954  | 116.38404722455657 | 39.91334545536069
					# wandergis/coordtransform README.md, wgs84togcj02(116.404, 39.915), published as [lng, lat]
					Tiananmen          | 116.404     | 39.915     | 116.41024449916938 | 39.91640428150164
					# hujiulong/gcoord test/unit/crs/WGS84.spec.ts, 'WGS84 to GCJ02' of [123, 45], published as [lng, lat]
					Liaoning-Jilin     | 123         | 45         | 123.00607541       | 45.00197815
					""")
	void wgs84ToGcj02MatchesPublishedPairs(String place, double wgsLon, double wgsLat, double gcjLon, double gcjLat) {
		Coordinate gcj = ChinaDatumShift.wgs84ToGcj02(new Coordinate(wgsLon, wgsLat));

		assertThat(gcj.x).isCloseTo(gcjLon, within(PUBLISHED_TOLERANCE_DEGREES));
		assertThat(gcj.y).isCloseTo(gcjLat, within(PUBLISHED_TOLERANCE_DEGREES));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					# place            | WGS84 lon    | WGS84 lat   | GCJ-02 lon         | GCJ-02 lat
					# googollee/eviltransform go/transform_test.go (TestGtoWExact asks for < 0.5 m too); swapped to lon, lat here
					Shanghai           | 121.5272106  | 31.1774276  | 121.531541859215   | 31.17530398364597
					Shenzhen           | 113.912316   | 22.543847   | 113.9171764808363  | 22.540796131694766
					Beijing            | 116.377817   | 39.911954   | 116.38404722455657 | 39.91334545536069
					# hujiulong/gcoord test/unit/crs/GCJ02.spec.ts, 'GCJ02 to WGS84' of [123, 45], published as [lng, lat]
					Liaoning-Jilin     | 122.99395597 | 44.99804071 | 123                | 45
					""")
	void gcj02ToWgs84RecoversPublishedPairs(String place, double wgsLon, double wgsLat, double gcjLon, double gcjLat) {
		Coordinate wgs = ChinaDatumShift.gcj02ToWgs84(new Coordinate(gcjLon, gcjLat));

		assertThat(metresBetween(wgs, new Coordinate(wgsLon, wgsLat))).isLessThan(INVERSE_CONTRACT_METRES);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# place            | GCJ-02 lon         | GCJ-02 lat        | BD-09 lon          | BD-09 lat
			# wandergis/coordtransform README.md, gcj02tobd09(116.404, 39.915), published as [lng, lat]
			Tiananmen          | 116.404            | 39.915            | 116.41036949371029 | 39.92133699351021
			# hujiulong/gcoord test/unit/crs/GCJ02.spec.ts, 'GCJ02 to BD09' of [123, 45], published as [lng, lat]
			Liaoning-Jilin     | 123                | 45                | 123.00636499       | 45.00636899
			""")
	void gcj02ToBd09MatchesPublishedPairs(String place, double gcjLon, double gcjLat, double bdLon, double bdLat) {
		Coordinate bd = ChinaDatumShift.gcj02ToBd09(new Coordinate(gcjLon, gcjLat));

		assertThat(bd.x).isCloseTo(bdLon, within(PUBLISHED_TOLERANCE_DEGREES));
		assertThat(bd.y).isCloseTo(bdLat, within(PUBLISHED_TOLERANCE_DEGREES));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# place            | BD-09 lon          | BD-09 lat         | GCJ-02 lon         | GCJ-02 lat
			# wandergis/coordtransform README.md, bd09togcj02(116.404, 39.915), published as [lng, lat]
			Tiananmen          | 116.404            | 39.915            | 116.39762729119315 | 39.90865673957631
			# hujiulong/gcoord test/unit/crs/BD09.spec.ts, 'BD09 to GCJ02' of [123, 45], published as [lng, lat]
			Liaoning-Jilin     | 123                | 45                | 122.99363304       | 44.99365430
			""")
	void bd09ToGcj02MatchesPublishedPairs(String place, double bdLon, double bdLat, double gcjLon, double gcjLat) {
		Coordinate gcj = ChinaDatumShift.bd09ToGcj02(new Coordinate(bdLon, bdLat));

		assertThat(gcj.x).isCloseTo(gcjLon, within(PUBLISHED_TOLERANCE_DEGREES));
		assertThat(gcj.y).isCloseTo(gcjLat, within(PUBLISHED_TOLERANCE_DEGREES));
	}

	@Test
	void wgs84ToBd09MatchesPublishedPair() {
		// hujiulong/gcoord test/unit/crs/WGS84.spec.ts, 'WGS84 to BD09' of [123, 45] ->
		// [123.0124491, 45.0083293]
		Coordinate bd = ChinaDatumShift.wgs84ToBd09(new Coordinate(123, 45));

		assertThat(bd.x).isCloseTo(123.0124491, within(PUBLISHED_TOLERANCE_DEGREES));
		assertThat(bd.y).isCloseTo(45.0083293, within(PUBLISHED_TOLERANCE_DEGREES));
	}

	@Test
	void gcj02RoundTripStaysWithinHalfAMetreAcrossShangli() {
		double maxError = 0;
		for (Coordinate wgs : shangliLattice()) {
			Coordinate back = ChinaDatumShift.gcj02ToWgs84(ChinaDatumShift.wgs84ToGcj02(wgs));
			maxError = Math.max(maxError, metresBetween(wgs, back));
		}
		assertThat(maxError).isLessThan(INVERSE_CONTRACT_METRES);
	}

	@Test
	void bd09RoundTripStaysWithinHalfAMetreAcrossShangli() {
		double maxError = 0;
		for (Coordinate wgs : shangliLattice()) {
			Coordinate back = ChinaDatumShift.bd09ToWgs84(ChinaDatumShift.wgs84ToBd09(wgs));
			maxError = Math.max(maxError, metresBetween(wgs, back));
		}
		assertThat(maxError).isLessThan(INVERSE_CONTRACT_METRES);
	}

	@Test
	void gcj02OffsetInShangliIsSeveralHundredMetres() {
		for (Coordinate wgs : shangliLattice()) {
			double offset = metresBetween(wgs, ChinaDatumShift.wgs84ToGcj02(wgs));
			assertThat(offset).as("GCJ-02 offset at %s", wgs).isBetween(300.0, 700.0);
		}
	}

	@ParameterizedTest(name = "({0}, {1})")
	@CsvSource({ "2.3522, 48.8566", "-0.1276, 51.5072", "139.6917, 35.6895", "151.2093, -33.8688", "72.0, 30.0" })
	void gcj02LeavesPointsOutsideChinaUnchanged(double lon, double lat) {
		Coordinate point = new Coordinate(lon, lat);

		assertThat(ChinaDatumShift.wgs84ToGcj02(point)).isEqualTo(point);
		assertThat(ChinaDatumShift.gcj02ToWgs84(point)).isEqualTo(point);
	}

	@Test
	void toWgs84DispatchesOnCrs() {
		Coordinate point = new Coordinate(113.85, 27.88, 120);

		assertThat(ChinaDatumShift.toWgs84(point, Crs.WGS84)).isEqualTo(point).isNotSameAs(point);
		assertThat(ChinaDatumShift.toWgs84(point, Crs.CGCS2000)).isEqualTo(point);
		assertThat(ChinaDatumShift.toWgs84(point, Crs.GCJ02)).isEqualTo(ChinaDatumShift.gcj02ToWgs84(point));
		assertThat(ChinaDatumShift.toWgs84(point, Crs.BD09)).isEqualTo(ChinaDatumShift.bd09ToWgs84(point));
		assertThat(ChinaDatumShift.toWgs84(point, Crs.GCJ02).getZ()).isEqualTo(120);
	}

	private static Coordinate[] shangliLattice() {
		Coordinate[] lattice = new Coordinate[LATTICE_SIZE * LATTICE_SIZE];
		for (int i = 0; i < LATTICE_SIZE; i++) {
			for (int j = 0; j < LATTICE_SIZE; j++) {
				double lon = SHANGLI_MIN_LON + (SHANGLI_MAX_LON - SHANGLI_MIN_LON) * i / (LATTICE_SIZE - 1);
				double lat = SHANGLI_MIN_LAT + (SHANGLI_MAX_LAT - SHANGLI_MIN_LAT) * j / (LATTICE_SIZE - 1);
				lattice[i * LATTICE_SIZE + j] = new Coordinate(lon, lat);
			}
		}
		return lattice;
	}

	private static double metresBetween(Coordinate a, Coordinate b) {
		return Geodesic.WGS84.Inverse(a.y, a.x, b.y, b.x).s12;
	}

}
