package dev.latencylab.kit.test;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The configuration behind {@link RealPostgres}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RealPostgresConfiguration {

	/** The image used where Docker is available; the compose file uses the same major. */
	public static final String POSTGRES_IMAGE = "postgres:16-alpine";

	@Bean
	@ServiceConnection
	@Conditional(DockerEngine.Available.class)
	PostgreSQLContainer postgresContainer() {
		// as in every PostgreSQL of the lab: the toolkit reads pg_stat_statements
		return new PostgreSQLContainer(POSTGRES_IMAGE).withCommand("postgres", "-c",
				"shared_preload_libraries=pg_stat_statements");
	}

	@Bean
	@Conditional(DockerEngine.Unavailable.class)
	DynamicPropertyRegistrar embeddedPostgresProperties() {
		EmbeddedPostgresServer.Database database = EmbeddedPostgresServer.shared().createDatabase();
		return (registry) -> {
			registry.add("spring.datasource.url", database::jdbcUrl);
			registry.add("spring.datasource.username", database::username);
			registry.add("spring.datasource.password", database::password);
		};
	}

}
