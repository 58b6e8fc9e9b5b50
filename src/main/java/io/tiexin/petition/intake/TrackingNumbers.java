package io.tiexin.petition.intake;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Tracking numbers a citizen can read over the phone: digits only, the submission date, a
 * sequence number and a Luhn check digit that catches a misheard digit, e.g.
 * {@code 261129-000427-3}.
 */
public final class TrackingNumbers {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMdd");

	private TrackingNumbers() {
	}

	public static String of(OffsetDateTime submittedAt, long sequence) {
		String digits = DATE.format(submittedAt) + String.format("%06d", sequence);
		return digits.substring(0, 6) + "-" + digits.substring(6) + "-" + luhnCheckDigit(digits);
	}

	/** Whether the text is a well-formed tracking number whose check digit matches. */
	public static boolean isWellFormed(String text) {
		if (text == null || !text.matches("\\d{6}-\\d{6,}-\\d")) {
			return false;
		}
		String digits = text.replace("-", "");
		return luhnCheckDigit(digits.substring(0, digits.length() - 1)) == digits.charAt(digits.length() - 1) - '0';
	}

	static int luhnCheckDigit(String digits) {
		int sum = 0;
		boolean doubled = true;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int digit = digits.charAt(i) - '0';
			if (doubled) {
				digit *= 2;
				digit = (digit > 9) ? digit - 9 : digit;
			}
			sum += digit;
			doubled = !doubled;
		}
		return (10 - sum % 10) % 10;
	}

}
