package io.tiexin.shared;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's clock and the time zone its users live in (China Standard Time): times
 * are stored as instants and shown with the +08:00 offset people read them in.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceTime {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	@Bean
	Clock clock() {
		return Clock.system(ZONE);
	}

	public static OffsetDateTime now(Clock clock) {
		return OffsetDateTime.now(clock).atZoneSameInstant(ZONE).toOffsetDateTime();
	}

}
