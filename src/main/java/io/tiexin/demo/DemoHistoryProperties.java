package io.tiexin.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The synthetic history loaded at start-up in the demo profile (it loads a year). The
 * names keep their {@code tiexin.analytics} prefix: deployments and scripts already set
 * them.
 *
 * @param petitions how many petitions to generate when the petition table holds fewer; 0
 * never
 * @param days the history runs over the last this many days
 * @param seed every random choice follows from it
 * @param plantedClusters dense clusters of one category hidden in the history
 */
@ConfigurationProperties("tiexin.analytics.demo-history")
record DemoHistoryProperties(@DefaultValue("0") int petitions, @DefaultValue("365") int days,
		@DefaultValue("360322") long seed, @DefaultValue("8") int plantedClusters) {
}
