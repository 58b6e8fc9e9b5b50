package io.tiexin.petition;

/**
 * A timeline event with the area code of its petition, which the live feed filters on.
 */
public record AreaPetitionEvent(PetitionEvent event, String areaCode) {

	public boolean isWithin(String areaCodePrefix) {
		return areaCodePrefix == null || this.areaCode.startsWith(areaCodePrefix);
	}
}
