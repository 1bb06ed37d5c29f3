package dev.latencylab.payment.simulator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NetworkConfiguration {

	@Bean(destroyMethod = "close")
	IssuerLink issuerLink() {
		return new IssuerLink();
	}

}
