package dev.latencylab.inventory;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import dev.latencylab.kit.test.MutableClock;
import dev.latencylab.kit.test.RealPostgres;

/**
 * The whole service on a random port over a real PostgreSQL, with a {@link MutableClock}.
 * Every test class with this annotation shares one application context and one database,
 * so tests set up the stock they rely on and use SKUs from {@link #FIRST_TEST_SKU} on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealPostgres
@ActiveProfiles("test")
@Import(MutableClock.Configuration.class)
public @interface InventoryIntegrationTest {

	/**
	 * Tests change the stock of this SKU and the ones after it; those before keep the
	 * seed.
	 */
	String FIRST_TEST_SKU = "SKU-00900";

}
