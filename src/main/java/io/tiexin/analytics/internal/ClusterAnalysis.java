package io.tiexin.analytics.internal;

import java.util.List;

import io.tiexin.grid.Area;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.PeriodInput;
import io.tiexin.shared.TiexinException;
import org.locationtech.jts.geom.Point;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * DBSCAN clusters of petition points. PostGIS's ST_ClusterDBSCAN works on planar geometry
 * only, so points go to the UTM zone of the area's centroid (WGS84 / UTM, EPSG 326xx
 * north, 327xx south): conformal, and within a zone its scale is off by at most 0.1 %, so
 * an eps of 150 m is 150 m to within 15 cm. The hull and centroid come back in WGS84.
 */
@Service
@Transactional(readOnly = true)
class ClusterAnalysis {

	static final double MAX_EPS_METERS = 5_000;

	static final int MAX_MIN_POINTS = 1_000;

	private final AnalyticsRepository repository;

	private final AnalyticsAreas areas;

	ClusterAnalysis(AnalyticsRepository repository, AnalyticsAreas areas) {
		this.repository = repository;
		this.areas = areas;
	}

	List<Cluster> clusters(String areaCode, PeriodInput period, String categoryCode, double epsMeters, int minPoints) {
		Area area = this.areas.require(areaCode);
		this.areas.requireCategory(categoryCode);
		if (!(epsMeters > 0 && epsMeters <= MAX_EPS_METERS)) {
			throw new TiexinException(ErrorCode.VALIDATION, "epsMeters 必须大于 0 且不超过 " + (int) MAX_EPS_METERS
					+ " (epsMeters must be above 0 and at most " + (int) MAX_EPS_METERS + ")");
		}
		if (minPoints < 1 || minPoints > MAX_MIN_POINTS) {
			throw new TiexinException(ErrorCode.VALIDATION, "minPoints 必须在 1 到 " + MAX_MIN_POINTS
					+ " 之间 (minPoints must be between 1 and " + MAX_MIN_POINTS + ")");
		}
		return this.repository.clusters(area.code(), RollupPeriod.of(period), categoryCode, epsMeters, minPoints,
				utmSrid(area.centroid()));
	}

	/** The EPSG code of the WGS84 / UTM zone holding the point. */
	static int utmSrid(Point lonLat) {
		int zone = Math.min(60, (int) Math.floor((lonLat.getX() + 180) / 6) + 1);
		return ((lonLat.getY() >= 0) ? 32600 : 32700) + zone;
	}

}
