package dev.latencylab.fraud.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	// one injectable clock, so tests can move time for the velocity window
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
