package io.tiexin.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageSizeTest {

	@Test
	void theRequestedSizeOrTheDefault() {
		assertThat(PageSize.of(7, 20, 100, "first")).isEqualTo(7);
		assertThat(PageSize.of(null, 20, 100, "first")).isEqualTo(20);
		assertThat(PageSize.of(100, 100, "first")).isEqualTo(100);
	}

	@Test
	void outsideOneToTheMaximumIsValidation() {
		for (int size : new int[] { 0, -1, 101 }) {
			assertThatThrownBy(() -> PageSize.of(size, 20, 100, "first")).isInstanceOfSatisfying(TiexinException.class,
					ex -> assertThat(ex.code()).isEqualTo(ErrorCode.VALIDATION));
			assertThatThrownBy(() -> PageSize.of(size, 100, "first")).isInstanceOf(TiexinException.class);
		}
		assertThatThrownBy(() -> PageSize.of(101, 20, 100, "first and last"))
			.hasMessageContaining("first and last must be between 1 and 100");
	}

}
