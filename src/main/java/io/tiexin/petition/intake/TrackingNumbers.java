package io.tiexin.petition.intake;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import org.apache.commons.validator.routines.checkdigit.CheckDigitException;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * Tracking numbers a citizen can read over the phone: digits only, the submission date, a
 * sequence number and a Luhn check digit that catches a misheard digit, e.g.
 * {@code 261129-000427-6}.
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
		return LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(text.replace("-", ""));
	}

	/**
	 * The standard Luhn check digit (commons-validator), the one tracking numbers always
	 * had.
	 */
	static int luhnCheckDigit(String digits) {
		try {
			return Integer.parseInt(LuhnCheckDigit.LUHN_CHECK_DIGIT.calculate(digits));
		}
		catch (CheckDigitException notDigits) {
			throw new IllegalArgumentException("not a run of digits: " + digits, notDigits);
		}
	}

}
