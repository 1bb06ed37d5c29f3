package dev.latencylab.kit.test;

import java.nio.file.Files;
import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether a Docker engine can run Testcontainers here, asked once per JVM.
 */
final class DockerEngine {

	private static volatile Boolean available;

	private DockerEngine() {
	}

	static boolean isAvailable() {
		Boolean result = available;
		if (result == null) {
			result = probe();
			available = result;
		}
		return result;
	}

	private static boolean probe() {
		String choice = System.getProperty("lab.test.postgres", System.getenv("LAB_TEST_POSTGRES"));
		if ("embedded".equalsIgnoreCase(choice)) {
			return false;
		}
		if (!"testcontainers".equalsIgnoreCase(choice) && System.getenv("DOCKER_HOST") == null
				&& !Files.exists(Path.of("/var/run/docker.sock"))) {
			// no engine in sight: skip Testcontainers' slower probe of every strategy
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	static class Available implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return isAvailable();
		}

	}

	static class Unavailable implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !isAvailable();
		}

	}

}
