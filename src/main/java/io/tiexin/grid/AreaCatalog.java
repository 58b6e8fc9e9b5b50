package io.tiexin.grid;

import java.util.List;
import java.util.Optional;

import io.tiexin.grid.internal.AreaRepository;
import io.tiexin.grid.internal.AreaSnapshot;
import io.tiexin.grid.internal.GridProperties;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Service;

/**
 * The grid module's entry point: every area of the hierarchy, read from memory, and
 * {@link #locate(Point) locate}, which never costs a database round trip.
 * <p>
 * The catalog is loaded from PostGIS at start-up and replaced as a whole after each
 * import (here at once, on other replicas when PostgreSQL notifies them on
 * {@value #CHANNEL}), so a request always reads one consistent snapshot.
 */
@Service
@DependsOnDatabaseInitialization
public class AreaCatalog {

	/** The PostgreSQL NOTIFY channel on which an import announces its id. */
	public static final String CHANNEL = "tiexin_areas_changed";

	/** Beyond a few kilometres a simplified village is a triangle: useless on any map. */
	public static final double MAX_SIMPLIFY_TOLERANCE_METERS = 5_000;

	private static final Logger log = LoggerFactory.getLogger(AreaCatalog.class);

	private final AreaRepository repository;

	private final GridProperties properties;

	private volatile AreaSnapshot snapshot;

	AreaCatalog(AreaRepository repository, GridProperties properties) {
		this.repository = repository;
		this.properties = properties;
		this.snapshot = AreaSnapshot.empty(properties.nearestToleranceMeters());
		reload();
	}

	/** Reloads every area from PostGIS and swaps the new snapshot in. */
	public synchronized void reload() {
		long started = System.nanoTime();
		long importId = this.repository.latestImportId();
		List<Area> areas = this.repository.findAll();
		this.snapshot = new AreaSnapshot(importId, areas, this.properties.nearestToleranceMeters());
		log.info("Loaded {} areas ({} grid cells) from PostGIS in {} ms", areas.size(),
				this.snapshot.gridIndex().size(), (System.nanoTime() - started) / 1_000_000);
	}

	/** Reloads unless the catalog already reflects the given import. */
	public synchronized void reloadIfOlderThan(long importId) {
		if (this.snapshot.importId() < importId) {
			reload();
		}
	}

	public Optional<Area> find(String code) {
		return Optional.ofNullable(this.snapshot.find(code));
	}

	public List<Area> children(String code) {
		return this.snapshot.children(code);
	}

	/** The area's ancestors, county first, parent last. */
	public List<Area> ancestors(Area area) {
		return this.snapshot.ancestors(area);
	}

	/**
	 * Areas filtered by level, parent and a box they intersect (each filter optional),
	 * ordered by code.
	 */
	public List<Area> list(AreaLevel level, String parentCode, Envelope bbox) {
		return this.snapshot.list(level, parentCode, bbox);
	}

	/** Which grid cell a WGS84 point falls in. */
	public Location locate(Point point) {
		return this.snapshot.gridIndex().locate(point);
	}

	/** The index {@link #locate(Point)} uses now. */
	public GridIndex gridIndex() {
		return this.snapshot.gridIndex();
	}

	/** Places matching a name as people say it ("泉塘村六组"), best matches only. */
	public List<Area> searchPlaces(String text) {
		return this.snapshot.gazetteer().search(text);
	}

	/**
	 * The boundary, simplified when a positive tolerance in metres is given; the area's
	 * whole level is simplified together, so neighbouring areas stay edge-matched.
	 */
	public Geometry boundary(Area area, Double toleranceMeters) {
		if (toleranceMeters != null && !(toleranceMeters >= 0 && toleranceMeters <= MAX_SIMPLIFY_TOLERANCE_METERS)) {
			throw new TiexinException(ErrorCode.VALIDATION, "简化容差必须在 0 到 " + (int) MAX_SIMPLIFY_TOLERANCE_METERS
					+ " 米之间 (toleranceMeters must be between 0 and " + (int) MAX_SIMPLIFY_TOLERANCE_METERS + ")");
		}
		if (toleranceMeters == null || toleranceMeters == 0) {
			return area.boundary();
		}
		AreaSnapshot current = this.snapshot;
		Geometry simplified = current.find(area.code()) == area ? current.simplifiedBoundary(area, toleranceMeters)
				: null;
		return (simplified != null) ? simplified : area.boundary();
	}

}
