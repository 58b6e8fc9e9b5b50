package io.tiexin.petition.importing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.tiexin.petition.PetitionImportFormat;
import io.tiexin.petition.PetitionImportSource.SourceRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV reader on Commons CSV: line numbers, quoted line breaks, a BOM, and going on
 * after bad records.
 */
class PetitionCsvReaderTest {

	private static final String HEADER = "external_id,submitted_at,title,description,category_code\r\n";

	@Test
	void aQuotedFieldWithALineBreakAfterABomIsOneRecordAndLinesCountOn() {
		List<SourceRecord> records = read(
				"\uFEFF" + HEADER + "A-1,2026-03-02 09:14:00,路灯不亮,\"第一行\r\n第二行,含 \"\"引号\"\"\",STREET_LIGHT\r\n" + "\r\n"
						+ "A-2,2026-03-02 09:15:00,路面,,ROADS\r\n");

		assertThat(records).extracting(SourceRecord::line).containsExactly(2L, 5L);
		assertThat(records).extracting(SourceRecord::malformed).containsOnlyNulls();
		assertThat(value(records.get(0), "external_id")).isEqualTo("A-1");
		assertThat(value(records.get(0), "description")).isEqualTo("第一行\n第二行,含 \"引号\"");
		assertThat(value(records.get(1), "description")).isNull();
		assertThat(value(records.get(1), "category_code")).isEqualTo("ROADS");
	}

	@Test
	void anEmptyQuotedFieldIsEmptyAndAnEmptyUnquotedOneIsNull() {
		List<SourceRecord> records = read(HEADER + "A-1,2026-03-02 09:14:00,\"\",,ROADS\n");

		assertThat(value(records.get(0), "title")).isEmpty();
		assertThat(value(records.get(0), "description")).isNull();
	}

	@Test
	void malformedRecordsAreReportedWithTheirLineAndTheRestIsRead() {
		List<SourceRecord> records = read(HEADER + "A-1,2026-03-02 09:14:00,\"路灯\"坏了,,ROADS\n"
				+ "A-2,2026-03-02 09:14:00,路\"灯,,ROADS\n" + "A-3,2026-03-02 09:14:00,路灯,,ROADS\n"
				+ "A-4,2026-03-02 09:14:00,路灯\n" + "A-5,2026-03-02 09:14:00,\"未闭合,,ROADS\n" + "A-6,x,y,,ROADS\n");

		assertThat(records).extracting(SourceRecord::line).containsExactly(2L, 3L, 4L, 5L, 6L);
		assertThat(records.get(0).malformed()).contains("stray quote");
		assertThat(records.get(1).malformed()).contains("stray quote in field 3");
		assertThat(records.get(2).malformed()).isNull();
		assertThat(value(records.get(2), "external_id")).isEqualTo("A-3");
		assertThat(records.get(3).malformed()).contains("3 fields where the header has 5 columns");
		assertThat(records.get(4).malformed()).contains("never closed");
	}

	private static String value(SourceRecord record, String column) {
		return record.values()[PetitionImportFormat.indexOf(column)];
	}

	private static List<SourceRecord> read(String csv) {
		byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
		List<SourceRecord> records = new ArrayList<>();
		try (PetitionCsvReader reader = new PetitionCsvReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8,
				bytes.length)) {
			reader.forEachRemaining(records::add);
			assertThat(reader.fractionRead()).isEqualTo(1.0);
		}
		return records;
	}

}
