package io.tiexin.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdsTest {

	@Test
	void decimalDigitsAreAnId() {
		assertThat(Ids.of("42", "诉求 (petition)")).isEqualTo(42L);
		assertThat(Ids.reference("999999999999999999", "人员编号 (personId)")).isEqualTo(999_999_999_999_999_999L);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "0", "-1", "+1", " 1", "1e3", "abc", "9999999999999999999", "١٢" })
	void whatCannotBeAnIdIsNotFoundForTheObjectActedOnAndValidationForAReference(String id) {
		assertThatThrownBy(() -> Ids.of(id, "会议 (meeting)")).isInstanceOfSatisfying(TiexinException.class,
				ex -> assertThat(ex.code()).isEqualTo(ErrorCode.NOT_FOUND));
		assertThatThrownBy(() -> Ids.reference(id, "人员编号 (personId)")).isInstanceOfSatisfying(TiexinException.class,
				ex -> assertThat(ex.code()).isEqualTo(ErrorCode.VALIDATION));
	}

	@Test
	void nullIsNoId() {
		assertThatThrownBy(() -> Ids.of(null, "会议 (meeting)")).isInstanceOf(TiexinException.class);
	}

}
