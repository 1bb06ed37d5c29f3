package dev.latencylab.fraud.email;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.latencylab.fraud.fault.FraudFaultsProperties;
import dev.latencylab.kit.LabFlags;

@Configuration(proxyBeanMethods = false)
class EmailConfiguration {

	/**
	 * How the service parses an order's email address: plainly, or (with
	 * {@code fraud-regex-cpu} on) with a backtracking pattern.
	 */
	@Bean
	EmailAddressParser emailAddressParser(LabFlags flags, FraudFaultsProperties faults) {
		return new PatternEmailParser(flags, faults.regexCpu().budget());
	}

}
