package io.tiexin.petition.query;

import io.tiexin.petition.Category;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.petition.Petition;

import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.people.Actor;
import org.locationtech.jts.geom.Point;

import org.springframework.stereotype.Component;

/**
 * Where a petition is shown to a person. In a sensitive category (disputes, help for the
 * elderly) the exact point can lead someone to a vulnerable resident's door, so whoever
 * may not read the case's personal data sees a point inside its area (the grid cell)
 * instead — the same rule the petitions vector tiles apply.
 */
@Component
public class PetitionPoints {

	private final CategoryCatalog categories;

	private final AreaCatalog areas;

	PetitionPoints(CategoryCatalog categories, AreaCatalog areas) {
		this.categories = categories;
		this.areas = areas;
	}

	public Point shownTo(Petition petition, Actor actor) {
		return hidesExactPoint(petition, actor) ? areaPoint(petition) : petition.point();
	}

	/** Where anyone, signed in or not, sees the petition. */
	public Point shownToAnyone(Petition petition) {
		return isSensitive(petition) ? areaPoint(petition) : petition.point();
	}

	public boolean hidesExactPoint(Petition petition, Actor actor) {
		return isSensitive(petition) && !PetitionAccess.mayReadPersonalData(petition, actor);
	}

	public boolean isSensitive(Petition petition) {
		return this.categories.find(petition.categoryCode()).map(Category::sensitive).orElse(true);
	}

	private Point areaPoint(Petition petition) {
		return this.areas.find(petition.areaCode())
			.map(Area::boundary)
			.map(boundary -> boundary.getInteriorPoint())
			.orElse(petition.point());
	}

}
