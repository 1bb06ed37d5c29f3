package dev.latencylab.fraud;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import dev.latencylab.kit.test.MutableClock;
import dev.latencylab.kit.test.RealPostgres;
import dev.latencylab.kit.test.ServiceClient;
import dev.latencylab.kit.test.TestFlags;

/**
 * The whole service on a random port over a real PostgreSQL, with a {@link MutableClock},
 * a {@link ServiceClient} and {@link TestFlags} (every fault and fix off until a test
 * switches it on; a test that does switches it off again). Every test class that uses it
 * shares one application context and database, so tests use their own order and customer
 * ids. The rules refresh of {@code fraud-lock-contention} runs 2 s after the last one
 * ended.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "fraud.faults.lock-contention.period=2s")
@RealPostgres
@AutoConfigureTestRestTemplate
@Import({ MutableClock.Configuration.class, ServiceClient.Configuration.class })
@ContextConfiguration(initializers = TestFlags.Initializer.class)
public @interface FraudServiceTest {

}
