package io.tiexin.shared;

/**
 * Record ids as GraphQL carries them (an {@code ID} is a string) turned back into the
 * database's numbers, with the two answers a caller can get: an id that names the object
 * a query or mutation acts on and cannot be one is {@code NOT_FOUND} (as an unknown
 * number is); an id given as a reference inside an input is {@code VALIDATION}.
 */
public final class Ids {

	private Ids() {
	}

	/**
	 * The number of the object acted on.
	 * @param what the kind of object, for the message: "诉求 (petition)"
	 * @throws TiexinException {@code NOT_FOUND} when {@code id} cannot be a record's id
	 */
	public static long of(String id, String what) {
		Long parsed = parse(id);
		if (parsed == null) {
			throw new TiexinException(ErrorCode.NOT_FOUND, "找不到" + what + " (no such record): " + id);
		}
		return parsed;
	}

	/**
	 * The number of an object an input refers to.
	 * @param field the input field, for the message: "人员编号 (personId)"
	 * @throws TiexinException {@code VALIDATION} when {@code id} cannot be a record's id
	 */
	public static long reference(String id, String field) {
		Long parsed = parse(id);
		if (parsed == null) {
			throw new TiexinException(ErrorCode.VALIDATION, field + "无效 (invalid id): " + id);
		}
		return parsed;
	}

	/** Ids are positive bigints written in decimal digits only (no sign, no spaces). */
	private static Long parse(String id) {
		if (id == null || !id.matches("\\d{1,18}")) {
			return null;
		}
		long value = Long.parseLong(id);
		return (value > 0) ? value : null;
	}

}
