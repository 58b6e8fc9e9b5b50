package io.tiexin.petition.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the petition module.
 *
 * @param maxMetersOutsideGrid an unmatched point this close to the grid is accepted for
 * the county dispatch queue; farther away it is refused as out of extent (likely swapped
 * coordinates)
 * @param duplicateRadiusMeters how close an open petition of the same category must be to
 * be offered as a possible duplicate
 * @param duplicateWindowDays how close in time it must have been submitted
 * @param maxNearbyRadiusMeters the largest radius {@code nearbyPetitions} accepts
 * @param maxPageSize the largest page any petition list returns
 */
@ConfigurationProperties("tiexin.petition")
public record PetitionProperties(@DefaultValue("5000") double maxMetersOutsideGrid,
		@DefaultValue("50") double duplicateRadiusMeters, @DefaultValue("30") int duplicateWindowDays,
		@DefaultValue("10000") double maxNearbyRadiusMeters, @DefaultValue("100") int maxPageSize) {
}
