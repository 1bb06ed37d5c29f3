package dev.latencylab.kit.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Gives a Spring Boot test a real PostgreSQL: a Testcontainers container with
 * {@code @ServiceConnection} where a Docker engine answers, otherwise a fresh database on
 * an embedded PostgreSQL server shared by the whole test JVM. Never H2: the lab's slow
 * queries and lock waits are PostgreSQL behaviour.
 *
 * <p>
 * Set {@code LAB_TEST_POSTGRES=embedded} (or the system property
 * {@code lab.test.postgres}) to skip the Docker probe.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(RealPostgresConfiguration.class)
public @interface RealPostgres {

}
