package io.tiexin.shared.web;

import io.tiexin.shared.TiexinException;
import io.tiexin.shared.ErrorCode;

import io.tiexin.shared.web.RateLimiter.Action;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RateLimiterTest {

	private final RateLimiter limiter = new RateLimiter(new RateLimiter.Properties(3, 5, 4, 2, 1000, 2000, 100, 5));

	@Test
	void aBurstBeyondThePerMinuteLimitIsRefusedWithWhenToRetry() {
		for (int i = 0; i < 3; i++) {
			this.limiter.consume(Action.SUBMIT_PER_PERSON, "42");
		}
		assertThatExceptionOfType(TiexinException.class)
			.isThrownBy(() -> this.limiter.consume(Action.SUBMIT_PER_PERSON, "42"))
			.satisfies(refused -> {
				assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
				assertThat(refused.details()).containsKey("retryAfterSeconds");
			});
	}

	@Test
	void keysAndActionsHaveTheirOwnBuckets() {
		for (int i = 0; i < 3; i++) {
			this.limiter.consume(Action.SUBMIT_PER_PERSON, "42");
		}
		assertThatCode(() -> this.limiter.consume(Action.SUBMIT_PER_PERSON, "43")).doesNotThrowAnyException();
		assertThatCode(() -> this.limiter.consume(Action.SUBMIT_PER_ADDRESS, "42")).doesNotThrowAnyException();
	}

	@Test
	void demoTokensAreLimitedPerAddress() {
		this.limiter.consume(Action.TOKEN_PER_ADDRESS, "10.0.0.7");
		this.limiter.consume(Action.TOKEN_PER_ADDRESS, "10.0.0.7");
		assertThatExceptionOfType(TiexinException.class)
			.isThrownBy(() -> this.limiter.consume(Action.TOKEN_PER_ADDRESS, "10.0.0.7"));
	}

}
