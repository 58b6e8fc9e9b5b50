package io.tiexin.petition;

import java.util.Iterator;

/**
 * The records of one export, read one at a time so that a file of any size takes the same
 * memory. Closing it closes the file.
 */
public interface PetitionImportSource extends Iterator<PetitionImportSource.SourceRecord>, AutoCloseable {

	/**
	 * One record as the file has it.
	 *
	 * @param line where the record starts in the file (1-based; a CSV header is line 1),
	 * what a rejection names
	 * @param values in {@link PetitionImportFormat#COLUMNS} order, {@code null} where
	 * absent
	 * @param malformed why the record could not even be split into values (e.g. a wrong
	 * number of CSV fields), or {@code null}
	 */
	record SourceRecord(long line, String[] values, String malformed) {

		public static SourceRecord of(long line, String[] values) {
			return new SourceRecord(line, values, null);
		}
	}

	/**
	 * How much of the source was read, 0 to 1, for progress and ETA; NaN when unknown.
	 */
	double fractionRead();

	@Override
	void close();

}
