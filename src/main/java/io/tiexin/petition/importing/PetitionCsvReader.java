package io.tiexin.petition.importing;

import io.tiexin.petition.PetitionImportFormat;
import io.tiexin.petition.PetitionImportSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads a CSV export (RFC 4180: comma-separated, fields in double quotes may hold commas,
 * quotes doubled and line breaks) one record at a time. The first line names the columns
 * ({@link PetitionImportFormat#COLUMNS}, in any order, any subset holding the required
 * ones); a header that names an unknown or repeated column, or lacks a required one,
 * refuses the whole file. Blank lines are skipped; a UTF-8 byte order mark (as Excel
 * writes it) is ignored.
 */
public final class PetitionCsvReader implements PetitionImportSource {

	private final BufferedReader reader;

	private final CountingInputStream counted;

	private final long size;

	/** For each field of the file, its index in COLUMNS. */
	private final int[] columnOfField;

	private long lineNumber;

	private SourceRecord next;

	/**
	 * @param size the file's length in bytes, for {@link #fractionRead()}; 0 when unknown
	 */
	public PetitionCsvReader(InputStream in, Charset charset, long size) {
		this.counted = new CountingInputStream(in);
		this.reader = new BufferedReader(new InputStreamReader(this.counted, charset), 1 << 16);
		this.size = size;
		this.columnOfField = header();
	}

	private int[] header() {
		String line;
		do {
			line = readLine();
			if (line == null) {
				throw new IllegalArgumentException("文件为空,缺少表头 (the file is empty: no header line)");
			}
		}
		while (line.isBlank());
		if (line.startsWith("\uFEFF")) {
			line = line.substring(1);
		}
		List<String> names = split(line, this.lineNumber).fields();
		int[] columns = new int[names.size()];
		boolean[] seen = new boolean[PetitionImportFormat.COLUMNS.size()];
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			int column = PetitionImportFormat.indexOf(names.get(i));
			if (column < 0) {
				problems.add("未知的列“" + names.get(i) + "” (unknown column '" + names.get(i) + "')");
			}
			else if (seen[column]) {
				problems.add("列“" + names.get(i) + "”重复 (column '" + names.get(i) + "' appears twice)");
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
			throw new IllegalArgumentException("表头第 " + this.lineNumber + " 行有误 (bad header on line " + this.lineNumber
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
		String line;
		do {
			line = readLine();
			if (line == null) {
				return null;
			}
		}
		while (line.isBlank());
		long start = this.lineNumber;
		Split split = split(line, start);
		if (split.malformed() != null) {
			return new SourceRecord(start, null, split.malformed());
		}
		List<String> fields = split.fields();
		if (fields.size() != this.columnOfField.length) {
			return new SourceRecord(start, null, "字段数为 " + fields.size() + ",表头有 " + this.columnOfField.length + " 列 ("
					+ fields.size() + " fields where the header has " + this.columnOfField.length + " columns)");
		}
		String[] values = new String[PetitionImportFormat.COLUMNS.size()];
		for (int i = 0; i < fields.size(); i++) {
			values[this.columnOfField[i]] = fields.get(i);
		}
		return SourceRecord.of(start, values);
	}

	private record Split(List<String> fields, String malformed) {
	}

	/**
	 * Splits one record into fields, reading further lines while a quoted field is open.
	 * An empty unquoted field is {@code null}; a quoted one is the empty string.
	 */
	private Split split(String firstLine, long start) {
		List<String> fields = new ArrayList<>(PetitionImportFormat.COLUMNS.size());
		StringBuilder field = new StringBuilder();
		String line = firstLine;
		int i = 0;
		boolean quoted = false;
		boolean wasQuoted = false;
		while (true) {
			if (i == line.length()) {
				if (quoted) {
					String more = readLine();
					if (more == null) {
						return new Split(fields, "引号未闭合,直到文件结尾 (a quoted field opened here is never closed)");
					}
					field.append('\n');
					line = more;
					i = 0;
					continue;
				}
				fields.add((field.isEmpty() && !wasQuoted) ? null : field.toString());
				return new Split(fields, null);
			}
			char c = line.charAt(i++);
			if (quoted) {
				if (c == '"') {
					if (i < line.length() && line.charAt(i) == '"') {
						field.append('"');
						i++;
					}
					else {
						quoted = false;
					}
				}
				else {
					field.append(c);
				}
			}
			else if (c == ',') {
				fields.add((field.isEmpty() && !wasQuoted) ? null : field.toString());
				field.setLength(0);
				wasQuoted = false;
			}
			else if (c == '"' && field.isEmpty() && !wasQuoted) {
				quoted = true;
				wasQuoted = true;
			}
			else if (c == '"' || wasQuoted) {
				return new Split(fields, "第 " + (fields.size() + 1) + " 个字段的引号用法有误 (stray quote in field "
						+ (fields.size() + 1) + ": quote the whole field and double the quotes inside)");
			}
			else {
				field.append(c);
			}
		}
	}

	private String readLine() {
		try {
			String line = this.reader.readLine();
			if (line != null) {
				this.lineNumber++;
			}
			return line;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public double fractionRead() {
		return (this.size > 0) ? Math.min(1.0, (double) this.counted.count() / this.size) : Double.NaN;
	}

	@Override
	public void close() {
		try {
			this.reader.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
