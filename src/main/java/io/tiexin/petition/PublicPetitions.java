package io.tiexin.petition;

import java.util.List;
import java.util.Optional;

import io.tiexin.petition.internal.PetitionListRepository;
import io.tiexin.petition.internal.PetitionRepository;
import io.tiexin.petition.query.PetitionPoints;
import io.tiexin.petition.query.PetitionSearch;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What anyone may read of petitions without signing in, for partner interfaces (Open311):
 * the public fields only ({@link PublicPetition}), a sensitive category's case at its
 * area's point and never in a list it was not asked for by tracking number — a listed
 * sensitive case would be a count of one in its area, which
 * {@link io.tiexin.shared.SmallCountSuppression} withholds from anonymous viewers.
 */
@Service
@Transactional(readOnly = true)
public class PublicPetitions {

	private final PetitionRepository repository;

	private final PetitionListRepository lists;

	private final PetitionPoints points;

	PublicPetitions(PetitionRepository repository, PetitionListRepository lists, PetitionPoints points) {
		this.repository = repository;
		this.lists = lists;
		this.points = points;
	}

	/** By tracking number: whoever holds the number may follow the case. */
	public Optional<PublicPetition> byTrackingNumber(String trackingNumber) {
		return this.repository.findByTrackingNumber(trackingNumber.strip()).map(this::shown);
	}

	public List<PublicPetition> list(PublicPetitionQuery query) {
		PetitionSearch search = PetitionSearch.filtered(null, null).limit(query.limit());
		if (!query.trackingNumbers().isEmpty()) {
			search.withTrackingNumbers(query.trackingNumbers());
		}
		else {
			search.excludingSensitiveCategories();
		}
		search.publicFilter(query.categoryCodes(), query.statuses(), query.submittedFrom(), query.submittedTo());
		return this.lists.pageAt(search, query.offset()).stream().map(this::shown).toList();
	}

	private PublicPetition shown(Petition p) {
		boolean sensitive = this.points.isSensitive(p);
		return new PublicPetition(p.trackingNumber(), p.categoryCode(), sensitive ? null : p.title(), p.status(),
				p.level(), this.points.shownToAnyone(p), p.areaCode(), p.submittedAt(), p.updatedAt(), p.dueAt(),
				p.closedAt());
	}

}
