package dev.latencylab.fraud;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Rules-based fraud scoring of the checkout lab, over the service's own order history.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class FraudApplication {

	public static void main(String[] args) {
		SpringApplication.run(FraudApplication.class, args);
	}

}
