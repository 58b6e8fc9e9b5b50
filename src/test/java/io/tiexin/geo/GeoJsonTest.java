package io.tiexin.geo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7946 output of {@link GeoJson}: ring orientation (§3.1.6) and 6 decimals. */
class GeoJsonTest {

	@Test
	void aClockwiseShellIsWrittenCounterClockwiseAndItsHoleClockwise() throws ParseException {
		Geometry clockwise = new WKTReader().read("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))");
		@SuppressWarnings("unchecked")
		List<List<List<Number>>> rings = (List<List<List<Number>>>) GeoJson.toMap(clockwise).get("coordinates");
		assertThat(signedArea(rings.get(0))).as("exterior ring").isPositive();
		assertThat(signedArea(rings.get(1))).as("hole").isNegative();
	}

	@Test
	void coordinatesCarrySixDecimals() throws ParseException {
		Map<String, Object> point = GeoJson.toMap(new WKTReader().read("POINT (113.87654321 27.12345678)"));
		assertThat(point.get("coordinates")).isEqualTo(List.of(113.876543, 27.123457));
	}

	private static double signedArea(List<List<Number>> ring) {
		double sum = 0;
		for (int i = 0; i < ring.size() - 1; i++) {
			sum += ring.get(i).get(0).doubleValue() * ring.get(i + 1).get(1).doubleValue()
					- ring.get(i + 1).get(0).doubleValue() * ring.get(i).get(1).doubleValue();
		}
		return sum;
	}

}
