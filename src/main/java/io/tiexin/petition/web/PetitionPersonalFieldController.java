package io.tiexin.petition.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tiexin.grid.Area;
import io.tiexin.grid.AreaCatalog;
import io.tiexin.grid.Location;
import io.tiexin.people.Actor;
import io.tiexin.people.PhoneNumbers;
import io.tiexin.petition.ContactDetails;
import io.tiexin.petition.Petition;
import io.tiexin.petition.query.PetitionPoints;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/**
 * A petition's personal fields, its contact details and where it is, each shown through
 * {@link PersonalFieldMasking}: in full to those who may see it (and audited), masked for
 * the rest.
 */
@Controller
class PetitionPersonalFieldController {

	private final PersonalFieldMasking masking;

	private final PetitionPoints points;

	private final AreaCatalog areas;

	PetitionPersonalFieldController(PersonalFieldMasking masking, PetitionPoints points, AreaCatalog areas) {
		this.masking = masking;
		this.points = points;
		this.areas = areas;
	}

	/**
	 * Where the petition is, as {@link PetitionPoints} shows it to the person asking;
	 * exact points of sensitive cases shown in full go to the audit trail, as the contact
	 * fields do.
	 */
	@BatchMapping(typeName = "Petition")
	Map<Petition, Location> location(List<Petition> petitions) {
		Actor actor = this.masking.viewer();
		Map<Petition, Location> result = new LinkedHashMap<>();
		List<Long> exactSensitive = new ArrayList<>();
		// A department summoned to the case goes there: the exact point.
		Set<Long> granted = this.masking.grantedAmong(petitions, actor);
		for (Petition petition : petitions) {
			Area grid = (petition.gridCode() != null) ? this.areas.find(petition.gridCode()).orElse(null) : null;
			boolean exact = granted.contains(petition.id()) || !this.points.hidesExactPoint(petition, actor);
			result.put(petition, new Location(exact ? petition.point() : this.points.shownTo(petition, actor), grid,
					petition.matchMethod(), petition.matchDistanceMeters()));
			if (this.points.isSensitive(petition) && exact) {
				exactSensitive.add(petition.id());
			}
		}
		this.masking.recordShownInFull(actor, "location", exactSensitive);
		return result;
	}

	@BatchMapping(typeName = "Petition")
	Map<Petition, String> contactPhone(List<Petition> petitions) {
		return this.masking.personalField(petitions, "contactPhone", Petition::contactPhone, PhoneNumbers::mask);
	}

	@BatchMapping(typeName = "Petition")
	Map<Petition, String> contactName(List<Petition> petitions) {
		return this.masking.personalField(petitions, "contactName", Petition::contactName, ContactDetails::maskName);
	}

	@BatchMapping(typeName = "Petition")
	Map<Petition, String> address(List<Petition> petitions) {
		return this.masking.personalField(petitions, "address", Petition::address, address -> null);
	}

}
