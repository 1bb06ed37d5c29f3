package dev.latencylab.kit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import dev.latencylab.kit.internal.FlagAdminController;
import dev.latencylab.kit.internal.FlagSwitches;

import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.NoOpProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Feature flags for every lab application: OpenFeature with flagd's in-process file
 * resolver reading {@code lab.flags.path} (no flagd server), hot-reloaded, each switch
 * recorded as a metric ({@link FlagSwitches}); and, in servlet services, the admin API
 * over the same file.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@EnableConfigurationProperties(LabKitProperties.class)
public class LabFlagsAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(LabFlagsAutoConfiguration.class);

	/** The OpenFeature domain of the lab's flags. */
	static final String DOMAIN = "lab";

	@Bean(destroyMethod = "")
	LabFlags labFlags(LabKitProperties properties, MeterRegistry meters) {
		Path file = Path.of(properties.flags().path()).toAbsolutePath();
		FeatureProvider provider;
		if (Files.isRegularFile(file)) {
			provider = new FlagdProvider(FlagdOptions.builder()
				.resolverType(Config.Resolver.FILE)
				.offlineFlagSourcePath(file.toString())
				.offlinePollIntervalMs((int) properties.flags().pollInterval().toMillis())
				// reading a small file, but on a busy machine while five JVMs start at
				// once
				.deadline(30_000)
				.build());
			logger.info("Feature flags from {}", file);
		}
		else {
			provider = new NoOpProvider();
			logger.warn("No flags file at {} (lab.flags.path): every fault and fix stays off", file);
		}
		try {
			OpenFeatureAPI.getInstance().setProviderAndWait(DOMAIN, provider);
		}
		catch (RuntimeException ex) {
			// a broken flags file must not take the service down: flags read as off until
			// it is fixed
			logger.error("Feature flags are not ready ({}): every fault and fix reads as off until they are",
					ex.getMessage());
		}
		return new LabFlags(OpenFeatureAPI.getInstance().getClient(DOMAIN), meters);
	}

	@Bean
	FlagSwitches labFlagSwitches(LabFlags labFlags, MeterRegistry meters) {
		return FlagSwitches.watch(OpenFeatureAPI.getInstance().getClient(DOMAIN), labFlags, meters, Clock.systemUTC());
	}

	@Bean
	CanaryCohorts canaryCohorts(LabFlags labFlags, MeterRegistry meters, LabKitProperties properties) {
		return new CanaryCohorts(labFlags, meters, properties.flags().cohorts());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class FlagAdminConfiguration {

		@Bean
		FlagAdminController labFlagAdminController(LabKitProperties properties, JsonMapper jsonMapper,
				LabFlags labFlags) {
			return new FlagAdminController(
					new FlagFile(Path.of(properties.flags().path()).toAbsolutePath(), jsonMapper), labFlags);
		}

	}

}
