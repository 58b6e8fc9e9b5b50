package io.tiexin.analytics.internal;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.AreaLevel;
import io.tiexin.petition.Category;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The areas and categories analytics arguments name, checked with a message a person can
 * act on.
 */
@Component
class AnalyticsAreas {

	private final AreaCatalog catalog;

	private final Supplier<Set<String>> categoryCodes;

	AnalyticsAreas(AreaCatalog catalog, CategoryCatalog categories) {
		this.catalog = catalog;
		this.categoryCodes = SingletonSupplier
			.of(() -> categories.all().stream().map(Category::code).collect(Collectors.toSet()));
	}

	/**
	 * @throws TiexinException {@code NOT_FOUND} for an unknown area code
	 */
	Area require(String areaCode) {
		return this.catalog.find(areaCode)
			.orElseThrow(() -> new TiexinException(ErrorCode.NOT_FOUND,
					"没有代码为 " + areaCode + " 的区域 (no area with code " + areaCode + ")"));
	}

	/**
	 * @throws TiexinException {@code VALIDATION} for a category code that is given and
	 * unknown
	 */
	void requireCategory(String categoryCode) {
		if (categoryCode != null && !this.categoryCodes.get().contains(categoryCode)) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"未知的诉求类别 " + categoryCode + " (unknown categoryCode " + categoryCode + ")");
		}
	}

	/**
	 * The grid cells in the area (the area itself when it is a cell), ordered by code.
	 */
	List<Area> cellsOf(Area area) {
		return this.catalog.list(AreaLevel.GRID, null, area.boundary().getEnvelopeInternal())
			.stream()
			.filter(cell -> cell.isWithin(area.code()))
			.toList();
	}

}
