package io.tiexin.petition.internal;

import io.tiexin.petition.Channel;
import io.tiexin.petition.HandlingLevel;
import io.tiexin.petition.Urgency;

import java.time.OffsetDateTime;
import java.util.List;

import io.tiexin.grid.MatchMethod;
import org.locationtech.jts.geom.Point;

/** A validated, located submission, ready to be written. */
public record NewPetition(String trackingNumber, String title, String description, String categoryCode, Channel channel,
		Urgency urgency, HandlingLevel level, Point point, String gridCode, String areaCode, MatchMethod matchMethod,
		double matchDistanceMeters, String address, String contactName, String contactPhone, List<String> mediaUrls,
		long submitterId, String idempotencyKey, OffsetDateTime submittedAt) {
}
