package io.tiexin.shared;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * k-anonymity for published counts: in a village group of thirty households, "2 disputes"
 * points at two families. Counts from 1 to {@code minimum - 1} are withheld from anyone
 * who may not see the cases behind them (the analytics and map modules decide who may);
 * zero and larger counts are shown. The minimum is
 * {@code tiexin.privacy.minimum-count-shown}, 3 unless configured.
 */
@Component
public class SmallCountSuppression {

	private final int minimum;

	SmallCountSuppression(@Value("${tiexin.privacy.minimum-count-shown:3}") int minimum) {
		if (minimum < 1) {
			throw new IllegalArgumentException("tiexin.privacy.minimum-count-shown must be at least 1, was " + minimum);
		}
		this.minimum = minimum;
	}

	/**
	 * Whether a count must be withheld from a viewer who may not see the underlying
	 * cases.
	 */
	public boolean hides(long count) {
		return count > 0 && count < this.minimum;
	}

	public int minimum() {
		return this.minimum;
	}

}
