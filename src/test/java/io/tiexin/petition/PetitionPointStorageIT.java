package io.tiexin.petition;

import java.util.Map;

import io.tiexin.GraphQlClient;
import io.tiexin.GraphQlClient.Petition;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.geo.ChinaDatumShift;
import io.tiexin.geo.CoordinateNormaliser;
import io.tiexin.geo.Crs;
import io.tiexin.geo.PointInput;
import io.tiexin.geo.Spheroid;
import io.tiexin.grid.AreaCatalog;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The point intake stores, as PostGIS holds it: the normalised WGS84 point, carried to
 * the database as EWKB (no decimal text on the way).
 */
@TiexinIntegrationTest
class PetitionPointStorageIT {

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaCatalog areas;

	@Test
	void aGcj02PointIsStoredAsItsWgs84PointToTheMetre() {
		Point inside = this.areas.find("360322105200003").orElseThrow().boundary().getInteriorPoint();
		Coordinate gcj02 = ChinaDatumShift.wgs84ToGcj02(inside.getCoordinate());
		Point expected = CoordinateNormaliser.toWgs84(new PointInput(gcj02.x, gcj02.y, Crs.GCJ02));

		Petition petition = this.client.submit("citizen", Map.of("title", "垃圾未清运", "categoryCode", "ENVIRONMENT",
				"channel", "MINI_PROGRAM", "location", Map.of("lon", gcj02.x, "lat", gcj02.y, "crs", "GCJ02")));

		// Read back by PostGIS's own accessors, independent of the binary path under
		// test.
		Stored stored = this.jdbc
			.sql("SELECT ST_X(point) AS lon, ST_Y(point) AS lat, ST_SRID(point) AS srid FROM petition WHERE id = ?")
			.param(GraphQlClient.number(petition.id()))
			.query((rs, row) -> new Stored(new Coordinate(rs.getDouble("lon"), rs.getDouble("lat")), rs.getInt("srid")))
			.single();
		assertThat(stored.srid()).isEqualTo(4326);
		assertThat(Spheroid.distanceMeters(stored.point(), expected.getCoordinate())).isLessThan(1.0);
		// GCJ-02 is offset by hundreds of metres here: the stored point is not the raw
		// input.
		assertThat(Spheroid.distanceMeters(stored.point(), gcj02)).isGreaterThan(100.0);
	}

	private record Stored(Coordinate point, int srid) {
	}

}
