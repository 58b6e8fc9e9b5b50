package io.tiexin.department;

import java.time.OffsetDateTime;
import java.util.List;

/** A whistle blown on a case: who summoned which departments, when and why. */
public record Whistle(long id, long petitionId, String areaCode, long blownById, OffsetDateTime at, String reason,
		List<WhistleResponse> responses) {

	public Whistle {
		responses = List.copyOf(responses);
	}

}
