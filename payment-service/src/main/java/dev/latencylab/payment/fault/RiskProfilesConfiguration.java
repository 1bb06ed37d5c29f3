package dev.latencylab.payment.fault;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RiskProfilesConfiguration {

	@Bean
	RiskProfiles riskProfiles(PaymentFaultsProperties faults) {
		PaymentFaultsProperties.GcPause gcPause = faults.gcPause();
		return new RiskProfiles(gcPause.profileEntries(), gcPause.fixMaxProfiles(), gcPause.releaseAt());
	}

}
