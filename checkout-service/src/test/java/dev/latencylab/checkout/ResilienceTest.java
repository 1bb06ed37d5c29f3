package dev.latencylab.checkout;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import dev.latencylab.checkout.downstream.DownstreamGuards;
import dev.latencylab.checkout.downstream.StubServices;
import dev.latencylab.kit.test.RealPostgres;
import dev.latencylab.kit.test.ServiceClient;
import dev.latencylab.kit.test.TestFlags;

/**
 * checkout-service on a random port over a real PostgreSQL, calling inventory, fraud and
 * payment as played by one shared {@link StubServices} server, and reading a copy of the
 * lab's flags file ({@link TestFlags}), with a {@link ServiceClient} of checkout. The
 * guards get small windows, so that a test opens a breaker with a few calls and it stays
 * open, and the inventory bulkhead takes two calls at once. Every test class with this
 * annotation shares one context: each test starts with every stub operation healthy and
 * every breaker closed ({@link HealthyDownstreams}) and ends with every flag off
 * ({@link TestFlags.ResetAfterEach}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "checkout.resilience.fraud.breaker.sliding-window-size=4",
				"checkout.resilience.fraud.breaker.minimum-number-of-calls=4",
				"checkout.resilience.fraud.breaker.wait-in-open-state=1m",
				"checkout.resilience.payment.breaker.sliding-window-size=4",
				"checkout.resilience.payment.breaker.minimum-number-of-calls=4",
				"checkout.resilience.payment.breaker.wait-in-open-state=1m",
				"checkout.resilience.inventory.bulkhead.max-concurrent-calls=2",
				"checkout.resilience.late-authorization-sweep=2s",
				// the recovery job's rounds: run by its tests, not by a timer
				"checkout.recovery.initial-delay=1h" })
@ContextConfiguration(initializers = { TestFlags.Initializer.class, ResilienceTest.Stubs.class })
@RealPostgres
@Import(ServiceClient.Configuration.class)
@ExtendWith({ ResilienceTest.HealthyDownstreams.class, TestFlags.ResetAfterEach.class })
public @interface ResilienceTest {

	/**
	 * Points checkout at the shared stub server.
	 */
	class Stubs implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		/** The stand-in for inventory, fraud and payment, for the whole test JVM. */
		public static final StubServices SERVICES = new StubServices();

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			String url = SERVICES.baseUrl();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("stubServices", Map.of("checkout.downstream.inventory.base-url", url,
						"checkout.downstream.fraud.base-url", url, "checkout.downstream.payment.base-url", url)));
		}

		/**
		 * Every stub operation healthy again and every breaker closed.
		 * @param guards the context's guards
		 */
		public static void healthyWithClosedBreakers(DownstreamGuards guards) {
			SERVICES.reset();
			guards.breakers().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		}

	}

	/**
	 * Makes every stub operation healthy and closes every breaker before each test
	 * (before the test class's own {@code @BeforeEach} methods).
	 */
	class HealthyDownstreams implements BeforeEachCallback {

		@Override
		public void beforeEach(ExtensionContext context) {
			Stubs.healthyWithClosedBreakers(
					SpringExtension.getApplicationContext(context).getBean(DownstreamGuards.class));
		}

	}

}
