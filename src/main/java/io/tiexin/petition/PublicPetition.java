package io.tiexin.petition;

import java.time.OffsetDateTime;

import org.locationtech.jts.geom.Point;

/**
 * A petition as anyone may see it, signed in or not (Open311's public requests): no
 * personal field (contact, address, submitter, photos, notes) at all.
 *
 * @param title {@code null} in a sensitive category, whose free text may describe a
 * vulnerable resident
 * @param point the exact point, or in a sensitive category a point inside its area (the
 * rule of {@link PetitionPoints})
 */
public record PublicPetition(String trackingNumber, String categoryCode, String title, PetitionStatus status,
		HandlingLevel level, Point point, String areaCode, OffsetDateTime submittedAt, OffsetDateTime updatedAt,
		OffsetDateTime dueAt, OffsetDateTime closedAt) {
}
