package io.tiexin.petition.web;

import java.util.List;

import io.tiexin.geo.PointInput;
import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.petition.Category;
import io.tiexin.petition.CategoryCatalog;
import io.tiexin.petition.NearbyPetition;
import io.tiexin.petition.Petition;
import io.tiexin.petition.PetitionConnection;
import io.tiexin.petition.Paging;
import io.tiexin.petition.PetitionFilter;
import io.tiexin.petition.PetitionOrder;
import io.tiexin.petition.PetitionQueries;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.shared.Ids;

import graphql.schema.DataFetchingFieldSelectionSet;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The petition queries: one petition, lists, nearby cases and one's own cases, each as
 * the person asking may see them ({@link PetitionQueries}).
 */
@Controller
class PetitionQueryController {

	private final PetitionQueries queries;

	private final CategoryCatalog categories;

	private final CurrentActor currentActor;

	PetitionQueryController(PetitionQueries queries, CategoryCatalog categories, CurrentActor currentActor) {
		this.queries = queries;
		this.categories = categories;
		this.currentActor = currentActor;
	}

	@QueryMapping
	List<Category> categories() {
		return this.categories.all();
	}

	@QueryMapping
	Petition petition(@Argument String id) {
		Actor actor = this.currentActor.require();
		Long parsed = Ids.orNull(id, "Petition");
		return (parsed != null) ? this.queries.byId(parsed, actor).orElse(null) : null;
	}

	@QueryMapping
	Petition petitionByTrackingNumber(@Argument String trackingNumber) {
		return this.queries.byTrackingNumber(trackingNumber, this.currentActor.require()).orElse(null);
	}

	@QueryMapping
	PetitionConnection petitions(@Argument PetitionFilter filter, @Argument PetitionOrder orderBy,
			@Argument Integer first, @Argument String after, @Argument Integer last, @Argument String before,
			DataFetchingFieldSelectionSet selection) {
		return this.queries.list(filter, orderBy, new Paging(first, after, last, before),
				selection.contains("totalCount"), this.currentActor.require());
	}

	@QueryMapping
	List<NearbyPetition> nearbyPetitions(@Argument PointInput near, @Argument double radiusMeters,
			@Argument PetitionFilter filter, @Argument Integer first) {
		return this.queries.nearby(near, radiusMeters, filter, first, this.currentActor.require());
	}

	@QueryMapping
	PetitionConnection myCases(@Argument List<PetitionStatus> status, @Argument Integer first, @Argument String after,
			@Argument Integer last, @Argument String before, DataFetchingFieldSelectionSet selection) {
		return this.queries.myCases(status, new Paging(first, after, last, before), selection.contains("totalCount"),
				this.currentActor.require());
	}

}
