package dev.latencylab.fraud;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
class TestClockConfiguration {

	// primary, so the service takes it over the system clock
	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock();
	}

}
