package io.tiexin.dispatch.internal;

import java.util.Comparator;
import java.util.List;

import io.tiexin.petition.Urgency;

/**
 * The time limits per category and urgency (table {@code time_limit_policy}). The most
 * specific rule wins: category and urgency, then urgency alone, then category alone, then
 * the default. An urgency rule outranks a category rule: an emergency is one whatever it
 * is about. Emergencies run on the clock (contract, "Time limits for emergencies"): every
 * rule for {@code EMERGENCY} counts clock hours, and there is one for any category, so no
 * category rule in working time can catch an emergency.
 */
final class TimeLimitPolicy {

	/**
	 * @param categoryCode {@code null}: any category
	 * @param urgency {@code null}: any urgency
	 */
	record Rule(String categoryCode, Urgency urgency, TimeLimit limit) {

		boolean applies(String category, Urgency urgencyAsked) {
			return (this.categoryCode == null || this.categoryCode.equals(category))
					&& (this.urgency == null || this.urgency == urgencyAsked);
		}

		int specificity() {
			return ((this.urgency != null) ? 2 : 0) + ((this.categoryCode != null) ? 1 : 0);
		}
	}

	private final List<Rule> rules;

	TimeLimitPolicy(List<Rule> rules) {
		if (rules.stream().noneMatch(rule -> rule.categoryCode() == null && rule.urgency() == null)) {
			throw new IllegalArgumentException("the time limits need a default rule (any category, any urgency)");
		}
		if (rules.stream().noneMatch(rule -> rule.categoryCode() == null && rule.urgency() == Urgency.EMERGENCY)) {
			throw new IllegalArgumentException("the time limits need a rule for emergencies of any category");
		}
		rules.stream()
			.filter(rule -> rule.urgency() == Urgency.EMERGENCY && rule.limit().unit() != TimeLimit.Unit.CLOCK_HOURS)
			.findAny()
			.ifPresent(rule -> {
				throw new IllegalArgumentException("emergencies count clock hours, not working time: " + rule);
			});
		this.rules = List.copyOf(rules);
	}

	TimeLimit limitFor(String categoryCode, Urgency urgency) {
		return this.rules.stream()
			.filter(rule -> rule.applies(categoryCode, urgency))
			.max(Comparator.comparingInt(Rule::specificity))
			.orElseThrow()
			.limit();
	}

}
