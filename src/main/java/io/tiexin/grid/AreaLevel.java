package io.tiexin.grid;

/**
 * The levels of the administrative and grid hierarchy. Each level's code extends its
 * parent's by three digits, following the Chinese statistical division codes.
 */
public enum AreaLevel {

	COUNTY(6), TOWNSHIP(9), VILLAGE(12), GRID(15);

	private final int codeLength;

	AreaLevel(int codeLength) {
		this.codeLength = codeLength;
	}

	public int codeLength() {
		return this.codeLength;
	}

	/** The level above, or {@code null} for the county. */
	public AreaLevel parent() {
		return (ordinal() == 0) ? null : values()[ordinal() - 1];
	}

	/** The level whose codes are this long, or {@code null} when none is. */
	public static AreaLevel ofCodeLength(int length) {
		for (AreaLevel level : values()) {
			if (level.codeLength == length) {
				return level;
			}
		}
		return null;
	}

}
