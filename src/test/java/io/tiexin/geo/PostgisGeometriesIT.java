package io.tiexin.geo;

import io.tiexin.TiexinIntegrationTest;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Geometry through PostGIS's JDBC extension against the real PostGIS: what is bound comes
 * back coordinate for coordinate, and PostGIS reads it as the same shape.
 */
@TiexinIntegrationTest
class PostgisGeometriesIT {

	// A cell-sized square near 泉塘村 with a pond cut out of it; digits beyond what any
	// decimal text form would keep by default.
	private static final String WITH_HOLE = """
			POLYGON ((113.83591123456789 27.86745612345678, 113.84091987654321 27.86745612345678,
			          113.84091987654321 27.87245098765432, 113.83591123456789 27.87245098765432,
			          113.83591123456789 27.86745612345678),
			         (113.83712345678901 27.86912345678901, 113.83812345678901 27.86912345678901,
			          113.83812345678901 27.87012345678901, 113.83712345678901 27.86912345678901))""";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void aPolygonWithAHoleRoundTripsThroughAGeometryColumnExactly() {
		Polygon bound = (Polygon) wkt(WITH_HOLE);

		Polygon read = new TransactionTemplate(this.transactionManager).execute(status -> {
			this.jdbc.sql("CREATE TEMP TABLE shape (g geometry(Polygon, 4326)) ON COMMIT DROP").update();
			this.jdbc.sql("INSERT INTO shape (g) VALUES (:g)").param("g", PostgisGeometries.parameter(bound)).update();
			// PostGIS itself sees the shape that was meant: one hole, SRID 4326, the same
			// shape as the WKT says (text here only as the independent reference).
			assertThat(this.jdbc.sql("""
					SELECT ST_NumInteriorRings(g) = 1 AND ST_SRID(g) = 4326 AND ST_IsValid(g)
					       AND ST_Equals(g, ST_GeomFromText(:wkt, 4326))
					FROM shape""").param("wkt", WITH_HOLE).query(Boolean.class).single()).isTrue();
			return this.jdbc.sql("SELECT g FROM shape")
				.query((rs, row) -> PostgisGeometries.read(rs, "g", Polygon.class))
				.single();
		});

		assertThat(read.equalsExact(bound)).as("%s equalsExact %s", read, bound).isTrue();
		assertThat(read.getNumInteriorRing()).isEqualTo(1);
		assertThat(read.getSRID()).isEqualTo(Geometries.WGS84_SRID);
		assertThat(read.getFactory()).isSameAs(Geometries.WGS84);
	}

	@Test
	void aMultiPolygonComesBackAsBoundOnTheServiceFactory() {
		MultiPolygon bound = Geometries.asMultiPolygon(wkt(WITH_HOLE));

		MultiPolygon read = this.jdbc.sql("SELECT CAST(:g AS geometry(MultiPolygon, 4326)) AS g")
			.param("g", PostgisGeometries.parameter(bound))
			.query((rs, row) -> PostgisGeometries.read(rs, "g", MultiPolygon.class))
			.single();

		assertThat(read.equalsExact(bound)).isTrue();
		assertThat(read.getGeometryN(0).getSRID()).isEqualTo(Geometries.WGS84_SRID);
	}

	@Test
	void aGeometryOutsideWgs84IsNotBound() {
		Geometry webMercator = new GeometryFactory(new PrecisionModel(), 3857)
			.createPoint(new Coordinate(12671000, 3230000));

		assertThatIllegalArgumentException().isThrownBy(() -> PostgisGeometries.parameter(webMercator))
			.withMessageContaining("3857");
	}

	private static Geometry wkt(String wkt) {
		try {
			return new WKTReader(Geometries.WGS84).read(wkt);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
