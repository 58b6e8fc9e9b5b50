package io.tiexin.shared;

/**
 * How many rows a list page may hold: what the caller asked for, or the list's default
 * when nothing was asked, and {@code VALIDATION} outside 1 to the list's maximum. One
 * rule and one message for every paged list (petitions, meetings, visits, whistles, the
 * audit trail).
 */
public final class PageSize {

	private PageSize() {
	}

	/**
	 * @param requested the {@code first} (or {@code last}) argument, null when absent
	 * @param argument the argument's name for the message, e.g. "first"
	 * @throws TiexinException {@code VALIDATION} when outside 1 to {@code max}
	 */
	public static int of(Integer requested, int defaultSize, int max, String argument) {
		int size = (requested != null) ? requested : defaultSize;
		if (size < 1 || size > max) {
			throw new TiexinException(ErrorCode.VALIDATION,
					"每页数量必须在 1 到 " + max + " 之间 (" + argument + " must be between 1 and " + max + ")");
		}
		return size;
	}

	/** The same rule for a list whose caller always gives a size. */
	public static int of(int requested, int max, String argument) {
		return of(requested, requested, max, argument);
	}

}
