package io.tiexin.petition.intake;

import io.tiexin.petition.internal.PetitionProperties;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.tiexin.geo.Geometries;
import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.grid.Location;
import io.tiexin.grid.MatchMethod;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;
import org.locationtech.jts.geom.Point;

import org.springframework.stereotype.Component;

/**
 * Where a petition is: from a WGS84 point through the in-memory grid index, else from an
 * area code, else from a place name through the gazetteer. One set of rules for
 * everything that takes petitions in ({@link PetitionIntake} one at a time,
 * {@link PetitionImport} by the million); a location that cannot be placed is refused
 * with a {@link ErrorCode#VALIDATION} or {@link ErrorCode#OUT_OF_EXTENT} error saying
 * why.
 */
@Component
public class PetitionPlacer {

	private final AreaCatalog areas;

	private final PetitionProperties properties;

	PetitionPlacer(AreaCatalog areas, PetitionProperties properties) {
		this.areas = areas;
		this.properties = properties;
	}

	/**
	 * @param gridCode {@code null} when no grid cell is known
	 * @param areaCode the finest area known
	 * @param note for the timeline: how the petition was located
	 */
	public record Placement(Point point, String gridCode, String areaCode, MatchMethod method, double distanceMeters,
			String note) {
	}

	public Placement atPoint(Point point) {
		Location location = this.areas.locate(point);
		if (location.method() != MatchMethod.UNMATCHED) {
			return new Placement(point, location.grid().code(), location.grid().code(), location.method(),
					location.distanceMeters(),
					"located " + location.method() + " in grid cell " + location.grid().code());
		}
		if (location.distanceMeters() > this.properties.maxMetersOutsideGrid()) {
			throw outOfExtent(point, location.distanceMeters());
		}
		String county = nearestCounty(point);
		return new Placement(point, null, county, MatchMethod.UNMATCHED, location.distanceMeters(),
				String.format(Locale.ROOT, "outside every grid cell (%.0f m away): county dispatch queue",
						location.distanceMeters()));
	}

	public Placement inArea(String areaCode) {
		Area area = this.areas.find(areaCode).orElseThrow(() -> invalid("未知的区域编码 (unknown area code): " + areaCode));
		return inArea(area, "located by area code " + area.code());
	}

	public Placement atPlaceName(String placeText) {
		List<Area> places = this.areas.searchPlaces(placeText);
		if (places.isEmpty()) {
			throw invalid("找不到地名“" + placeText + "”,请填写村名和组名,例如“泉塘村六组” (no place named '" + placeText
					+ "'; give the village and group, e.g. 泉塘村六组)");
		}
		if (places.size() > 1) {
			String candidates = places.stream().limit(5).map(this::fullName).collect(Collectors.joining("、"));
			throw new TiexinException(ErrorCode.VALIDATION,
					"地名“" + placeText + "”不唯一,可能是:" + candidates + " (place name is ambiguous; be more specific)",
					Map.of("candidates", places.stream().limit(5).map(Area::code).toList()));
		}
		return inArea(places.get(0), "located by place name '" + placeText.strip() + "'");
	}

	private Placement inArea(Area area, String note) {
		Point inside = Geometries.point(area.boundary().getInteriorPoint().getX(),
				area.boundary().getInteriorPoint().getY());
		boolean isCell = area.level() == AreaLevel.GRID;
		return new Placement(inside, isCell ? area.code() : null, area.code(),
				isCell ? MatchMethod.CONTAINS : MatchMethod.UNMATCHED, 0, note);
	}

	private String nearestCounty(Point point) {
		return this.areas.list(AreaLevel.COUNTY, null, null)
			.stream()
			.min((a, b) -> Double.compare(a.boundary().distance(point), b.boundary().distance(point)))
			.map(Area::code)
			.orElseThrow(() -> outOfExtent(point, Double.POSITIVE_INFINITY));
	}

	private TiexinException outOfExtent(Point point, double meters) {
		String hint = "";
		Location swapped = this.areas.locate(Geometries.point(point.getY(), point.getX()));
		if (Math.abs(point.getY()) <= 180 && Math.abs(point.getX()) <= 90
				&& swapped.method() != MatchMethod.UNMATCHED) {
			hint = "经纬度似乎填反了:经度在前、纬度在后 (longitude and latitude look swapped: lon first, lat second). ";
		}
		return new TiexinException(ErrorCode.OUT_OF_EXTENT,
				hint + String.format(Locale.ROOT,
						"位置在服务范围之外(距最近网格约 %.1f 公里),请检查坐标,或确认经纬度是否填反 (the point is %.1f km outside the "
								+ "service area; check the coordinates and whether latitude and longitude are swapped)",
						meters / 1000, meters / 1000),
				Map.of("lon", point.getX(), "lat", point.getY()));
	}

	private String fullName(Area area) {
		return this.areas.ancestors(area).stream().skip(1).map(Area::name).collect(Collectors.joining()) + area.name();
	}

	private static TiexinException invalid(String message) {
		return new TiexinException(ErrorCode.VALIDATION, message);
	}

}
