package io.tiexin.people;

/**
 * The one way a phone number is masked, wherever one is shown to someone who may not call
 * it.
 */
public final class PhoneNumbers {

	private PhoneNumbers() {
	}

	/**
	 * Keeps the first three and the last four characters ({@code 138****5678}): enough to
	 * recognise, not to call.
	 */
	public static String mask(String phone) {
		if (phone == null) {
			return null;
		}
		if (phone.length() <= 7) {
			return "*".repeat(phone.length());
		}
		return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
	}

}
