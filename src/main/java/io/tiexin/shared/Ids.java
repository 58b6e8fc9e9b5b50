package io.tiexin.shared;

/**
 * Record ids as GraphQL carries them (an {@code ID} is a string) turned back into the
 * database's numbers. An id is taken in either form: the bare number ({@code 42}, what
 * clients sent before global ids) or the global id that the {@code id} field of a Relay
 * {@code Node} returns, {@code Type:number} ({@code Petition:42}). A global id of another
 * type is no id of this one. The two answers a caller can get: an id that names the
 * object a query or mutation acts on and cannot be one is {@code NOT_FOUND} (as an
 * unknown number is); an id given as a reference inside an input is {@code VALIDATION}.
 */
public final class Ids {

	private Ids() {
	}

	/**
	 * The global id of a record: {@code Type:number}, e.g. {@code Petition:42}.
	 * @param type the record's GraphQL type name
	 */
	public static String global(String type, Object id) {
		return type + ":" + id;
	}

	/**
	 * The number of the object acted on.
	 * @param type the GraphQL type the id must name: "Petition"
	 * @param what the kind of object, for the message: "诉求 (petition)"
	 * @throws TiexinException {@code NOT_FOUND} when {@code id} cannot be a record's id
	 */
	public static long of(String id, String type, String what) {
		Long parsed = parse(id, type);
		if (parsed == null) {
			throw new TiexinException(ErrorCode.NOT_FOUND, "找不到" + what + " (no such record): " + id);
		}
		return parsed;
	}

	/**
	 * The number of an object an input refers to.
	 * @param type the GraphQL type the id must name: "Person"
	 * @param field the input field, for the message: "人员编号 (personId)"
	 * @throws TiexinException {@code VALIDATION} when {@code id} cannot be a record's id
	 */
	public static long reference(String id, String type, String field) {
		Long parsed = parse(id, type);
		if (parsed == null) {
			throw new TiexinException(ErrorCode.VALIDATION,
					field + "无效 (invalid id, expected a number or " + type + ":number): " + id);
		}
		return parsed;
	}

	/**
	 * The number of an object of this type, or {@code null} when {@code id} cannot be one
	 * (for queries that answer null rather than an error).
	 */
	public static Long orNull(String id, String type) {
		return parse(id, type);
	}

	/**
	 * The number of the object acted on, for records that are not Relay nodes: the bare
	 * number only.
	 * @param what the kind of object, for the message: "诉求 (petition)"
	 * @throws TiexinException {@code NOT_FOUND} when {@code id} cannot be a record's id
	 */
	public static long of(String id, String what) {
		Long parsed = number(id);
		if (parsed == null) {
			throw new TiexinException(ErrorCode.NOT_FOUND, "找不到" + what + " (no such record): " + id);
		}
		return parsed;
	}

	/**
	 * The number of an object an input refers to, for records that are not Relay nodes:
	 * the bare number only.
	 * @param field the input field, for the message: "人员编号 (personId)"
	 * @throws TiexinException {@code VALIDATION} when {@code id} cannot be a record's id
	 */
	public static long reference(String id, String field) {
		Long parsed = number(id);
		if (parsed == null) {
			throw new TiexinException(ErrorCode.VALIDATION, field + "无效 (invalid id): " + id);
		}
		return parsed;
	}

	/** The bare number, or the number of a global id whose type is {@code type}. */
	private static Long parse(String id, String type) {
		if (id != null && id.length() > type.length() && id.startsWith(type) && id.charAt(type.length()) == ':') {
			return number(id.substring(type.length() + 1));
		}
		return number(id);
	}

	/** Ids are positive bigints written in decimal digits only (no sign, no spaces). */
	private static Long number(String id) {
		if (id == null || !id.matches("\\d{1,18}")) {
			return null;
		}
		long value = Long.parseLong(id);
		return (value > 0) ? value : null;
	}

}
