package io.tiexin.petition;

import java.util.List;

import io.tiexin.geo.PointInput;

/**
 * {@code submitPetition}'s input: located by {@code location}, else {@code areaCode},
 * else {@code placeText}.
 */
public record SubmitPetitionInput(String title, String description, String categoryCode, Channel channel,
		Urgency urgency, PointInput location, String areaCode, String placeText, String address, String contactName,
		String contactPhone, List<String> mediaUrls, String idempotencyKey) {

	public SubmitPetitionInput {
		urgency = (urgency != null) ? urgency : Urgency.NORMAL;
		mediaUrls = (mediaUrls != null) ? List.copyOf(mediaUrls) : List.of();
	}
}
