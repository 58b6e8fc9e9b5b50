package io.tiexin.people.internal;

import io.tiexin.geo.PointInput;

/** What a resident gives on first sign-in (contract, "Registering"). */
record RegisterInput(String name, String phone, PointInput homeLocation, String homePlaceText,
		Boolean householdRepresentative, Boolean consent) {
}
