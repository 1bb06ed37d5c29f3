package dev.latencylab.payment;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import dev.latencylab.kit.test.MutableClock;
import dev.latencylab.kit.test.RealPostgres;
import dev.latencylab.kit.test.TestFlags;

/**
 * The whole service on a random port over a real PostgreSQL, with a {@link MutableClock}
 * that tests can move and an {@link Api} to inject, reading a copy of the lab's flags
 * file ({@link TestFlags}: every fault and fix off until a test switches it on). Every
 * test class with this annotation shares one application context and one database; each
 * test starts with empty tables ({@link EmptyTables}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// small risk profiles: the GC fault's mechanism without filling the test JVM's
		// heap
		properties = "payment.faults.gc-pause.profile-entries=1000")
@ContextConfiguration(initializers = TestFlags.Initializer.class)
@RealPostgres
@Import({ MutableClock.Configuration.class, Api.class })
@ExtendWith(PaymentIntegrationTest.EmptyTables.class)
public @interface PaymentIntegrationTest {

	/**
	 * Empties the tables before each test ({@link Api#deleteEverything()}), before the
	 * test class's own {@code @BeforeEach} methods.
	 */
	class EmptyTables implements BeforeEachCallback {

		@Override
		public void beforeEach(ExtensionContext context) {
			SpringExtension.getApplicationContext(context).getBean(Api.class).deleteEverything();
		}

	}

}
