package io.tiexin.petition.importing;

import io.tiexin.petition.Category;
import io.tiexin.petition.Channel;
import io.tiexin.petition.HandlingLevel;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.petition.Satisfaction;
import io.tiexin.petition.Urgency;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tiexin.petition.PetitionImportSource.SourceRecord;
import io.tiexin.petition.importing.PetitionImportValidator.Checked;
import io.tiexin.petition.importing.PetitionImportValidator.ValidRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class PetitionImportValidatorTest {

	private static final List<Category> CATEGORIES = List.of(
			new Category("STREET_LIGHT", "路灯照明", HandlingLevel.VILLAGE, false),
			new Category("ROADS", "道路交通", HandlingLevel.TOWNSHIP, false),
			new Category("ENVIRONMENT", "环境卫生", HandlingLevel.VILLAGE, false));

	private final PetitionImportValidator validator = new PetitionImportValidator(CATEGORIES,
			OffsetDateTime.parse("2026-03-10T12:00:00+08:00"));

	@Test
	void goodLinesPassAndEachBadLineIsNamedWithItsReasons() {
		Map<Long, String> rejected = new LinkedHashMap<>();
		List<ValidRecord> passed = new ArrayList<>();
		check("""
				external_id,submitted_at,title,description,category_code,urgency,lon,lat,crs,area_code,status,closed_at,satisfaction,contact_phone
				A-1,2026-03-02 09:14:00,路灯不亮,"路口的灯,坏了三天",STREET_LIGHT,,113.830206,27.870462,,,SUBMITTED,,,13807990001
				A-2,2026-03-02T10:30:00+08:00,路面坑洼,"多行
				描述,含 ""引号""\",ROADS,URGENT,113.835911,27.867458,GCJ02,,ACCEPTED,,,
				A-3,2026-02-11 08:05,垃圾未清运,,环境卫生,,,,,360322101217001,CLOSED,2026-02-12 16:40:00,满意,

				A-4,2026-03-03 11:00:00,路面坑洼,,ROADS,,27.870462,113.830206,,,SUBMITTED,,,
				,2026-03-03 11:20:00,,,UNKNOWN_KIND,SOON,113.83,27.87,,,SUBMITTED,,,
				A-6,yesterday,路灯不亮,,STREET_LIGHT,,113.83,,,,SUBMITTED,,,
				A-7,2026-03-03 11:20:00,路灯不亮,,STREET_LIGHT,,,,,,CLOSED,,,not-a-phone
				A-8,2026-03-03 11:20:00,路灯不亮,,STREET_LIGHT,,113.83,27.87,MARS,,SUBMITTED,,,
				A-9,2026-03-03 11:20:00,路灯不亮,,STREET_LIGHT
				A-10,2026-03-05 11:20:00,路灯不亮,,STREET_LIGHT,,113.83,27.87,,,RESOLVED,2026-03-06 10:00,SATISFIED,
				A-11,2026-03-05 11:20:00,路"灯,,STREET_LIGHT,,113.83,27.87,,,SUBMITTED,,,
				A-12,2026-04-01 08:00:00,路灯不亮,,STREET_LIGHT,,113.83,27.87,,,CLOSED,2026-03-01 08:00,,
				""",
				rejected, passed);

		assertThat(passed).extracting(ValidRecord::line).containsExactly(2L, 3L, 5L);
		assertThat(rejected).containsExactly(
				entry(7L,
						"纬度必须在 -90 到 90 之间,请检查经纬度是否填反 (latitude must be between -90 and 90; check that "
								+ "longitude and latitude are not swapped): lon 27.870462, lat 113.830206"),
				entry(8L,
						"external_id 不能为空 (external_id is required); title 不能为空 (title is required); "
								+ "未知的诉求类别 (unknown category_code): UNKNOWN_KIND; "
								+ "urgency 取值无效 (urgency must be one of NORMAL, URGENT, EMERGENCY): SOON"),
				entry(9L, "submitted_at 不是有效时间,应如 2024-03-12 09:15:00 或 2024-03-12T09:15:00+08:00 (submitted_at is "
						+ "not a valid time; write 2024-03-12 09:15:00, China time, or ISO 8601 with an offset): yesterday; "
						+ "lon 与 lat 须同时填写 (give both lon and lat, or neither)"),
				entry(10L,
						"缺少位置:须有 lon/lat、area_code 或 place_text 之一 (no location: give lon/lat, area_code or "
								+ "place_text); 联系电话格式无效 (contact_phone is not a phone number): not-a-phone; "
								+ "状态为 CLOSED 时须填 closed_at (a CLOSED case needs closed_at)"),
				entry(11L, "crs 取值无效 (crs must be one of WGS84, CGCS2000, GCJ02, BD09): MARS"),
				entry(12L, "字段数为 5,表头有 14 列 (5 fields where the header has 14 columns)"),
				entry(13L,
						"只有 CLOSED 的诉求可填 closed_at (closed_at is only for CLOSED cases; status is RESOLVED); "
								+ "只有 CLOSED 的诉求可有评价 (satisfaction is only for CLOSED cases; status is RESOLVED)"),
				entry(14L,
						"第 3 个字段的引号用法有误 (stray quote in field 3: quote the whole field and double the quotes "
								+ "inside)"),
				entry(15L, "submitted_at 在将来 (submitted_at is in the future): 2026-04-01 08:00:00; "
						+ "closed_at 早于 submitted_at (closed_at is before submitted_at)"));
	}

	@Test
	void valuesAreNormalisedAndOpenCasesComeInAsSubmitted() {
		List<ValidRecord> passed = new ArrayList<>();
		Map<Long, String> rejected = new LinkedHashMap<>();
		check("""
				external_id,submitted_at,title,description,category_code,urgency,lon,lat,crs,area_code,status,closed_at,satisfaction
				A-2,2026-03-02T02:30:00Z,路面坑洼,"多行
				描述,含 ""引号""\",ROADS,urgent,113.835911,27.867458,GCJ02,,ACCEPTED,,
				A-3,2026-02-11 08:05,垃圾未清运,,环境卫生,,,,,360322101217001,CLOSED,2026-02-12 16:40:00,满意
				""",
				rejected, passed);

		assertThat(rejected).isEmpty();
		ValidRecord accepted = passed.get(0);
		assertThat(accepted.submittedAt()).isEqualTo(OffsetDateTime.parse("2026-03-02T10:30:00+08:00"));
		assertThat(accepted.description()).isEqualTo("多行\n描述,含 \"引号\"");
		assertThat(accepted.urgency()).isEqualTo(Urgency.URGENT);
		assertThat(accepted.level()).isEqualTo(HandlingLevel.TOWNSHIP);
		assertThat(accepted.channel()).isEqualTo(Channel.HOTLINE_12345);
		assertThat(accepted.status()).isEqualTo(PetitionStatus.SUBMITTED);
		assertThat(accepted.sourceStatus()).isEqualTo(PetitionStatus.ACCEPTED);
		// GCJ-02 shifted back to WGS84: a few hundred metres south-west.
		assertThat(accepted.point().getX()).isBetween(113.829, 113.832);
		assertThat(accepted.point().getY()).isBetween(27.869, 27.872);
		ValidRecord closed = passed.get(1);
		assertThat(closed.category().code()).isEqualTo("ENVIRONMENT");
		assertThat(closed.status()).isEqualTo(PetitionStatus.CLOSED);
		assertThat(closed.satisfaction()).isEqualTo(Satisfaction.SATISFIED);
		assertThat(closed.closedAt()).isEqualTo(OffsetDateTime.parse("2026-02-12T16:40:00+08:00"));
		assertThat(closed.areaCode()).isEqualTo("360322101217001");
		assertThat(closed.point()).isNull();
	}

	@Test
	void aHeaderWithUnknownOrMissingColumnsRefusesTheFile() {
		assertThatIllegalArgumentException().isThrownBy(() -> reader("external_id,submited_at,title,title\n"))
			.withMessageContaining("未知的列“submited_at” (unknown column 'submited_at')")
			.withMessageContaining("列“title”重复 (column 'title' appears twice)")
			.withMessageContaining("缺少必需的列“submitted_at” (required column 'submitted_at' is missing)")
			.withMessageContaining("缺少必需的列“category_code” (required column 'category_code' is missing)");
	}

	private void check(String csv, Map<Long, String> rejected, List<ValidRecord> passed) {
		try (PetitionCsvReader reader = reader(csv)) {
			while (reader.hasNext()) {
				SourceRecord record = reader.next();
				Checked checked = this.validator.check(record);
				if (checked.reason() != null) {
					rejected.put(record.line(), checked.reason());
				}
				else {
					passed.add(checked.record());
				}
			}
		}
	}

	private static PetitionCsvReader reader(String csv) {
		byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
		return new PetitionCsvReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, bytes.length);
	}

}
