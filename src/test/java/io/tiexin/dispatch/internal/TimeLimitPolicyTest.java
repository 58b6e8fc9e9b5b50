package io.tiexin.dispatch.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.tiexin.dispatch.internal.TimeLimitPolicy.Rule;
import io.tiexin.petition.Urgency;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The most specific time limit wins, an urgency rule before a category rule. */
class TimeLimitPolicyTest {

	/**
	 * The defaults V4__dispatch.sql seeds, and one rule for a category at one urgency.
	 */
	private final TimeLimitPolicy policy = new TimeLimitPolicy(
			List.of(new Rule(null, Urgency.EMERGENCY, TimeLimit.clockHours(4)),
					new Rule(null, Urgency.URGENT, TimeLimit.workingDays(1)),
					new Rule("ELDERLY_DISABLED", null, TimeLimit.workingDays(3)),
					new Rule("STREET_LIGHT", null, TimeLimit.workingDays(5)),
					new Rule("SAFETY_HAZARD", Urgency.EMERGENCY, TimeLimit.clockHours(2)),
					new Rule(null, null, TimeLimit.workingDays(13))));

	@Test
	void theDefaultsOfCommon12345Practice() {
		assertThat(this.policy.limitFor("DISPUTE", Urgency.EMERGENCY)).isEqualTo(TimeLimit.clockHours(4));
		assertThat(this.policy.limitFor("ELDERLY_DISABLED", Urgency.NORMAL)).isEqualTo(TimeLimit.workingDays(3));
		assertThat(this.policy.limitFor("DISPUTE", Urgency.NORMAL)).isEqualTo(TimeLimit.workingDays(13));
		assertThat(this.policy.limitFor("OTHER", Urgency.NORMAL)).isEqualTo(TimeLimit.workingDays(13));
	}

	@Test
	void urgencyOutranksCategoryAndBothTogetherOutrankEither() {
		assertThat(this.policy.limitFor("ELDERLY_DISABLED", Urgency.URGENT)).isEqualTo(TimeLimit.workingDays(1));
		assertThat(this.policy.limitFor("STREET_LIGHT", Urgency.EMERGENCY)).isEqualTo(TimeLimit.clockHours(4));
		assertThat(this.policy.limitFor("SAFETY_HAZARD", Urgency.EMERGENCY)).isEqualTo(TimeLimit.clockHours(2));
	}

	@Test
	void aPolicyWithoutADefaultIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TimeLimitPolicy(List.of(new Rule(null, Urgency.EMERGENCY, TimeLimit.clockHours(4)))));
	}

	@Test
	void emergenciesRunOnTheClockOrThePolicyIsRefused() {
		Rule fallback = new Rule(null, null, TimeLimit.workingDays(13));
		assertThatIllegalArgumentException().isThrownBy(() -> new TimeLimitPolicy(
				List.of(new Rule(null, Urgency.EMERGENCY, TimeLimit.workingHours(4)), fallback)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TimeLimitPolicy(List.of(new Rule(null, Urgency.EMERGENCY, TimeLimit.clockHours(4)),
					new Rule("ROADS", Urgency.EMERGENCY, TimeLimit.workingHours(2)), fallback)));
		// Without a rule for emergencies of any category, a category rule in working
		// days would catch them.
		assertThatIllegalArgumentException().isThrownBy(() -> new TimeLimitPolicy(List.of(fallback)));
	}

	@Test
	void clockHoursIgnoreTheCalendar() {
		WorkingCalendar calendar = new WorkingCalendar(Map.of(LocalDate.parse("2026-04-04"), false),
				List.of(WorkingPeriod.parse("08:30-12:00"), WorkingPeriod.parse("14:00-17:30")),
				ZoneId.of("Asia/Shanghai"));
		assertThat(TimeLimit.clockHours(4).dueFrom(OffsetDateTime.parse("2026-04-04T02:00+08:00"), calendar))
			.isEqualTo("2026-04-04T06:00+08:00");
	}

}
