package io.tiexin.petition;

import java.time.Clock;

import io.tiexin.geo.PointInput;
import io.tiexin.people.Actor;
import io.tiexin.petition.intake.PetitionIntake;
import io.tiexin.petition.intake.PetitionPlacer.Placement;
import io.tiexin.petition.internal.PetitionRepository;
import io.tiexin.shared.ServiceTime;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The petition module's intake for other modules (a house-yard meeting files its items
 * here): the same validation, placement and dispatch as {@code submitPetition}, in the
 * caller's transaction, with a timeline event saying where the petition came from.
 */
@Service
public class PetitionSubmissions {

	private final PetitionIntake intake;

	private final PetitionRepository repository;

	private final Clock clock;

	PetitionSubmissions(PetitionIntake intake, PetitionRepository repository, Clock clock) {
		this.intake = intake;
		this.repository = repository;
		this.clock = clock;
	}

	/**
	 * Submits a petition as {@code submitPetition} does (partners such as Open311 come in
	 * here), validated, placed and dispatched in one transaction.
	 */
	@Transactional
	public Petition submit(SubmitPetitionInput input, Actor submitter) {
		return this.intake.submit(input, submitter);
	}

	/**
	 * Submits the petition on the submitter's behalf and appends a timeline event
	 * {@code originType} with {@code originNote} (which the live events carry too).
	 */
	@Transactional
	public Petition submit(SubmitPetitionInput input, Actor submitter, String originType, String originNote) {
		Petition petition = this.intake.submit(input, submitter);
		this.repository.insertEvent(petition.id(), ServiceTime.now(this.clock), originType, petition.status(),
				petition.status(), submitter.personId(), originNote);
		return petition;
	}

	/**
	 * Where a point, area code or place name is, by the rules petitions are located by
	 * (the first one given counts).
	 * @throws io.tiexin.shared.TiexinException {@code VALIDATION},
	 * {@code INVALID_COORDINATES} or {@code OUT_OF_EXTENT}, as for a petition
	 */
	public PetitionPlacement place(PointInput location, String areaCode, String placeText) {
		Placement placement = this.intake.place(location, areaCode, placeText);
		return new PetitionPlacement(placement.point(), placement.gridCode(), placement.areaCode(), placement.method(),
				placement.distanceMeters(), placement.note());
	}

}
