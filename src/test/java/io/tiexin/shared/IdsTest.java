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
	void aGlobalIdOfTheTypeAndItsBareNumberAreTheSameRecord() {
		assertThat(Ids.of("Petition:42", "Petition", "诉求 (petition)")).isEqualTo(42L);
		assertThat(Ids.of("42", "Petition", "诉求 (petition)")).isEqualTo(42L);
		assertThat(Ids.reference("Person:7", "Person", "人员编号 (personId)")).isEqualTo(7L);
		assertThat(Ids.orNull("Meeting:3", "Meeting")).isEqualTo(3L);
		assertThat(Ids.global("Petition", 42L)).isEqualTo("Petition:42");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Person:42", "petition:42", "Petition:", "Petition:0", "Petition:Petition:42",
			"Petition:42 ", ":42", "Petitions:42", "Petition42" })
	void aGlobalIdOfAnotherTypeIsNoId(String id) {
		assertThatThrownBy(() -> Ids.of(id, "Petition", "诉求 (petition)")).isInstanceOfSatisfying(TiexinException.class,
				ex -> assertThat(ex.code()).isEqualTo(ErrorCode.NOT_FOUND));
		assertThatThrownBy(() -> Ids.reference(id, "Petition", "诉求编号 (petitionId)"))
			.isInstanceOfSatisfying(TiexinException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.VALIDATION));
		assertThat(Ids.orNull(id, "Petition")).isNull();
	}

	@Test
	void nullIsNoId() {
		assertThatThrownBy(() -> Ids.of(null, "会议 (meeting)")).isInstanceOf(TiexinException.class);
	}

}
