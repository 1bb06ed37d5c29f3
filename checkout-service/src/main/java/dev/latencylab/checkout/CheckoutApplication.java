package dev.latencylab.checkout;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Orchestrates a checkout across inventory, fraud and payment as a saga.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CheckoutApplication {

	/**
	 * How long, in seconds, the JDK's HTTP client keeps an idle connection to inventory,
	 * payment or fraud (its default is 20 minutes): under their Tomcat's 60 s keep-alive,
	 * so that the client lets a connection go before the service closes it, and never
	 * writes a checkout's call onto one that is being closed.
	 */
	static final String KEEP_ALIVE = "jdk.httpclient.keepalive.timeout";

	public static void main(String[] args) {
		// read once, when the first client is built; a -D on the command line wins
		if (System.getProperty(KEEP_ALIVE) == null) {
			System.setProperty(KEEP_ALIVE, "30");
		}
		SpringApplication.run(CheckoutApplication.class, args);
	}

}
