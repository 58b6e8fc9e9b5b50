package io.tiexin.petition.importing;

import io.tiexin.petition.PetitionImportFormat;
import io.tiexin.petition.PetitionImportSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Reads a CSV export (RFC 4180: comma-separated, fields in double quotes may hold commas,
 * quotes doubled and line breaks) one record at a time with Apache Commons CSV. The first
 * line names the columns ({@link PetitionImportFormat#COLUMNS}, in any order, any subset
 * holding the required ones); a header that names an unknown or repeated column, or lacks
 * a required one, refuses the whole file. Blank lines are skipped; a UTF-8 byte order
 * mark (as Excel writes it) is ignored; line breaks inside quoted fields read as
 * {@code \n}.
 * <p>
 * A malformed record is reported with the line it starts on and reading goes on. Commons
 * CSV throws on a character after a closing quote and on a quote never closed, and its
 * parser cannot go on after that: the file is handed to it one line per read
 * ({@link LineFeed}), so after an error a new parser starts on the line after it. A quote
 * inside an unquoted field, which Commons CSV takes as a literal, is refused per record
 * (the field is not in the record's text as written): a quote there is almost always a
 * field that lost its opening quote, and importing it would shift text silently.
 */
public final class PetitionCsvReader implements PetitionImportSource {

	/**
	 * Empty unquoted fields read as null, quoted ones as the empty string; blank lines
	 * are records of their own, so every record's lines are known.
	 */
	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setQuoteMode(QuoteMode.ALL_NON_NULL)
		.setIgnoreEmptyLines(false)
		.get();

	private final LineFeed feed;

	private final CountingInputStream counted;

	private final long size;

	/** For each field of the file, its index in COLUMNS. */
	private final int[] columnOfField;

	private Iterator<CSVRecord> records;

	private SourceRecord next;

	/**
	 * @param size the file's length in bytes, for {@link #fractionRead()}; 0 when unknown
	 */
	public PetitionCsvReader(InputStream in, Charset charset, long size) {
		this.counted = new CountingInputStream(in);
		this.feed = new LineFeed(new BufferedReader(new InputStreamReader(this.counted, charset), 1 << 16));
		this.size = size;
		this.columnOfField = header();
	}

	private int[] header() {
		Parsed header;
		do {
			header = parse();
			if (header == null) {
				throw new IllegalArgumentException("文件为空,缺少表头 (the file is empty: no header line)");
			}
		}
		while (header.blank());
		if (header.malformed() != null) {
			throw new IllegalArgumentException(
					"表头第 " + header.line() + " 行有误 (bad header on line " + header.line() + "): " + header.malformed());
		}
		List<String> names = new ArrayList<>(header.fields());
		if (!names.isEmpty() && names.get(0) != null && names.get(0).startsWith("\uFEFF")) {
			names.set(0, names.get(0).substring(1));
		}
		int[] columns = new int[names.size()];
		boolean[] seen = new boolean[PetitionImportFormat.COLUMNS.size()];
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			String name = (names.get(i) != null) ? names.get(i) : "";
			int column = PetitionImportFormat.indexOf(name);
			if (column < 0) {
				problems.add("未知的列“" + name + "” (unknown column '" + name + "')");
			}
			else if (seen[column]) {
				problems.add("列“" + name + "”重复 (column '" + name + "' appears twice)");
			}
			else {
				seen[column] = true;
			}
			columns[i] = column;
		}
		for (String required : PetitionImportFormat.REQUIRED) {
			if (!seen[PetitionImportFormat.indexOf(required)]) {
				problems.add("缺少必需的列“" + required + "” (required column '" + required + "' is missing)");
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("表头第 " + header.line() + " 行有误 (bad header on line " + header.line()
					+ "): " + String.join("; ", problems) + ". 可用的列 (known columns): "
					+ String.join(",", PetitionImportFormat.COLUMNS));
		}
		return columns;
	}

	@Override
	public boolean hasNext() {
		if (this.next == null) {
			this.next = read();
		}
		return this.next != null;
	}

	@Override
	public SourceRecord next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		SourceRecord record = this.next;
		this.next = null;
		return record;
	}

	private SourceRecord read() {
		Parsed parsed;
		do {
			parsed = parse();
			if (parsed == null) {
				return null;
			}
		}
		while (parsed.blank());
		if (parsed.malformed() != null) {
			return new SourceRecord(parsed.line(), null, parsed.malformed());
		}
		List<String> fields = parsed.fields();
		if (fields.size() != this.columnOfField.length) {
			return new SourceRecord(parsed.line(), null,
					"字段数为 " + fields.size() + ",表头有 " + this.columnOfField.length + " 列 (" + fields.size()
							+ " fields where the header has " + this.columnOfField.length + " columns)");
		}
		String[] values = new String[PetitionImportFormat.COLUMNS.size()];
		for (int i = 0; i < fields.size(); i++) {
			values[this.columnOfField[i]] = fields.get(i);
		}
		return SourceRecord.of(parsed.line(), values);
	}

	/**
	 * One record: its first line, its fields, or why it could not be read.
	 */
	private record Parsed(long line, List<String> fields, String malformed) {

		boolean blank() {
			return this.malformed == null && this.fields.size() == 1
					&& (this.fields.get(0) == null || this.fields.get(0).isBlank());
		}
	}

	/** The next record, or null at the end of the file. */
	private Parsed parse() {
		long line = this.feed.linesHanded() + 1;
		try {
			if (this.records == null) {
				this.records = CSVParser.builder().setReader(this.feed).setFormat(FORMAT).get().iterator();
			}
			if (!this.records.hasNext()) {
				return null;
			}
			CSVRecord record = this.records.next();
			String text = this.feed.takeText();
			List<String> fields = record.toList();
			for (int i = 0; i < fields.size(); i++) {
				String field = fields.get(i);
				if (field != null && field.indexOf('"') >= 0
						&& !text.contains('"' + field.replace("\"", "\"\"") + '"')) {
					return new Parsed(line, fields, strayQuote(i + 1));
				}
			}
			return new Parsed(line, fields, null);
		}
		catch (IOException | UncheckedIOException ex) {
			// Commons CSV cannot resume: a new parser starts on the line after the error.
			this.records = null;
			boolean atEnd = this.feed.atEnd();
			this.feed.takeText();
			if (this.feed.failure() != null) {
				throw new UncheckedIOException(this.feed.failure());
			}
			return new Parsed(line, List.of(), atEnd ? "引号未闭合,直到文件结尾 (a quoted field opened here is never closed)"
					: "引号用法有误 (stray quote: quote the whole field and double the quotes inside)");
		}
	}

	private static String strayQuote(int field) {
		return "第 " + field + " 个字段的引号用法有误 (stray quote in field " + field
				+ ": quote the whole field and double the quotes inside)";
	}

	@Override
	public double fractionRead() {
		return (this.size > 0) ? Math.min(1.0, (double) this.counted.count() / this.size) : Double.NaN;
	}

	@Override
	public void close() {
		try {
			this.feed.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The file one line per read, each ended by {@code \n} whatever the file's line ends,
	 * so that a parser never holds more than the line it is in: what it had not reached
	 * when it failed is still here for the next one. Keeps the text handed out since it
	 * was last taken (one record's lines) and counts lines.
	 */
	private static final class LineFeed extends Reader {

		private final BufferedReader in;

		private final StringBuilder text = new StringBuilder();

		private String line = "";

		private int position;

		private long lines;

		private boolean end;

		private IOException failure;

		LineFeed(BufferedReader in) {
			this.in = in;
		}

		@Override
		public int read(char[] buffer, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			if (this.position == this.line.length()) {
				String next;
				try {
					next = this.in.readLine();
				}
				catch (IOException ex) {
					this.failure = ex;
					throw ex;
				}
				if (next == null) {
					this.end = true;
					return -1;
				}
				if (this.lines == 0 && next.startsWith("\uFEFF")) {
					next = next.substring(1);
				}
				this.lines++;
				this.line = next + "\n";
				this.position = 0;
				this.text.append(this.line);
			}
			int count = Math.min(length, this.line.length() - this.position);
			this.line.getChars(this.position, this.position + count, buffer, offset);
			this.position += count;
			return count;
		}

		long linesHanded() {
			return this.lines;
		}

		boolean atEnd() {
			return this.end;
		}

		IOException failure() {
			return this.failure;
		}

		/**
		 * The lines handed out since the last call; what a parser had not read of them is
		 * dropped with them.
		 */
		String takeText() {
			String taken = this.text.toString();
			this.text.setLength(0);
			this.position = this.line.length();
			return taken;
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

}
