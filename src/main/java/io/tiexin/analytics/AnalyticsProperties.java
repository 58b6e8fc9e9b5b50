package io.tiexin.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the analytics module.
 *
 * @param demoHistory the synthetic history loaded at start-up (the demo profile loads a
 * year)
 */
@ConfigurationProperties("tiexin.analytics")
record AnalyticsProperties(@DefaultValue DemoHistory demoHistory) {

	/**
	 * @param petitions how many petitions to generate when the petition table holds
	 * fewer; 0 never
	 * @param days the history runs over the last this many days
	 * @param seed every random choice follows from it
	 * @param plantedClusters dense clusters of one category hidden in the history
	 */
	record DemoHistory(@DefaultValue("0") int petitions, @DefaultValue("365") int days,
			@DefaultValue("360322") long seed, @DefaultValue("8") int plantedClusters) {
	}
}
