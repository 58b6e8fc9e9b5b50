package io.tiexin.petition;

/**
 * How a petition's contact details look to those who may not read them in full (who may:
 * {@link PetitionAccess#mayReadPersonalData}).
 */
public final class ContactDetails {

	private ContactDetails() {
	}

	/** {@code 王*}, {@code 欧阳**}: the family name stays. */
	public static String maskName(String name) {
		if (name == null || name.isEmpty()) {
			return name;
		}
		return name.charAt(0) + "*".repeat(Math.max(1, name.length() - 1));
	}

}
