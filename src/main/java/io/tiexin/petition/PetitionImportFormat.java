package io.tiexin.petition;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The columns of a petition export that {@link PetitionImport} reads
 * (docs/bulk-import.md): the header of a CSV file, the property names of a GeoJSON
 * feature. A record's values travel as a {@code String[]} in {@link #COLUMNS} order,
 * {@code null} where the file has no value.
 */
public final class PetitionImportFormat {

	/** Every column, in the order a CSV export written by this service has them. */
	public static final List<String> COLUMNS = List.of("external_id", "submitted_at", "title", "description",
			"category_code", "channel", "urgency", "level", "lon", "lat", "crs", "area_code", "place_text", "status",
			"due_at", "closed_at", "satisfaction", "contact_name", "contact_phone", "address");

	/**
	 * Columns a file must have (a value may still be optional row by row, e.g. lon/lat
	 * with area_code).
	 */
	public static final List<String> REQUIRED = List.of("external_id", "submitted_at", "title", "category_code");

	public static final int EXTERNAL_ID = 0;

	public static final int SUBMITTED_AT = 1;

	public static final int TITLE = 2;

	public static final int DESCRIPTION = 3;

	public static final int CATEGORY_CODE = 4;

	public static final int CHANNEL = 5;

	public static final int URGENCY = 6;

	public static final int LEVEL = 7;

	public static final int LON = 8;

	public static final int LAT = 9;

	public static final int CRS = 10;

	public static final int AREA_CODE = 11;

	public static final int PLACE_TEXT = 12;

	public static final int STATUS = 13;

	public static final int DUE_AT = 14;

	public static final int CLOSED_AT = 15;

	public static final int SATISFACTION = 16;

	public static final int CONTACT_NAME = 17;

	public static final int CONTACT_PHONE = 18;

	public static final int ADDRESS = 19;

	private static final Map<String, Integer> INDEX = IntStream.range(0, COLUMNS.size())
		.boxed()
		.collect(Collectors.toUnmodifiableMap(COLUMNS::get, Function.identity()));

	private PetitionImportFormat() {
	}

	/**
	 * The column's index in {@link #COLUMNS}, -1 for a name that is none of them (case
	 * and spaces ignored).
	 */
	public static int indexOf(String name) {
		return INDEX.getOrDefault(name.strip().toLowerCase(Locale.ROOT), -1);
	}

	/** The CSV header line, with its line break. */
	public static String csvHeader() {
		return String.join(",", COLUMNS) + "\n";
	}

	/**
	 * One record as a CSV line (RFC 4180, with its line break): text quoted when it needs
	 * to be, null empty.
	 */
	public static void appendCsvLine(StringBuilder out, String[] values) {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				out.append(',');
			}
			appendCsvField(out, values[i]);
		}
		out.append('\n');
	}

	static void appendCsvField(StringBuilder out, String value) {
		if (value == null) {
			return;
		}
		boolean quoted = value.isEmpty() || value.indexOf(',') >= 0 || value.indexOf('"') >= 0
				|| value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
		if (!quoted) {
			out.append(value);
			return;
		}
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"') {
				out.append('"');
			}
			out.append(c);
		}
		out.append('"');
	}

}
