package io.tiexin.grid;

/**
 * SQL for "the area coded {@code code} is the area {@code areaCode} or lies below it". An
 * area's code prefixes the codes of every area below it and codes are digits, so that is
 * the byte-order range from the code to the code followed by ':' (the character after
 * '9'): an index on the code column in the C collation answers it with a range scan,
 * where a prefix test would read every row.
 */
public final class AreaCodeRange {

	private AreaCodeRange() {
	}

	/**
	 * E.g. {@code atOrBelow("p.area_code", "a.code")}; both arguments are SQL
	 * expressions.
	 */
	public static String atOrBelow(String code, String areaCode) {
		return "(%1$s COLLATE \"C\" >= %2$s AND %1$s COLLATE \"C\" < %2$s || ':')".formatted(code, areaCode);
	}

}
