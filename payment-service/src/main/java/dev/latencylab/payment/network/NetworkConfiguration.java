package dev.latencylab.payment.network;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.latencylab.payment.fault.PaymentFaultsProperties;

@Configuration(proxyBeanMethods = false)
class NetworkConfiguration {

	@Bean(destroyMethod = "close")
	IssuerLink issuerLink() {
		return new IssuerLink();
	}

	@Bean(destroyMethod = "close")
	RiskProfiles riskProfiles(PaymentFaultsProperties faults) {
		PaymentFaultsProperties.GcPause gcPause = faults.gcPause();
		return new RiskProfiles(gcPause.profileEntries(), gcPause.fixMaxProfiles(), gcPause.releaseAt());
	}

}
