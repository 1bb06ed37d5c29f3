package dev.latencylab.inventory;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import dev.latencylab.kit.test.MutableClock;
import dev.latencylab.kit.test.RealPostgres;

/**
 * The whole service on a random port over a real PostgreSQL, with a {@link MutableClock}
 * and an {@link Api} to inject. Every test class with this annotation shares one
 * application context and one database: each test starts with no reservations and the
 * clock at wall time ({@link FreshStart}), sets up the stock it relies on and uses SKUs
 * from {@link #FIRST_TEST_SKU} on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealPostgres
@ActiveProfiles("test")
@Import({ MutableClock.Configuration.class, Api.class })
@ExtendWith(InventoryIntegrationTest.FreshStart.class)
public @interface InventoryIntegrationTest {

	/**
	 * Tests change the stock of this SKU and the ones after it; those before keep the
	 * seed.
	 */
	String FIRST_TEST_SKU = "SKU-00900";

	/**
	 * Forgets every reservation and puts the clock back to wall time before each test
	 * (before the test class's own {@code @BeforeEach} methods).
	 */
	class FreshStart implements BeforeEachCallback {

		@Override
		public void beforeEach(ExtensionContext context) {
			ApplicationContext application = SpringExtension.getApplicationContext(context);
			application.getBean(Api.class).deleteReservations();
			application.getBean(MutableClock.class).reset();
		}

	}

}
