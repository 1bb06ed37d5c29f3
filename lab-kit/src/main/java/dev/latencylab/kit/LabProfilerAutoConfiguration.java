package dev.latencylab.kit;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.latencylab.kit.profiler.FlightRecording;
import dev.latencylab.kit.profiler.Profiler;
import dev.latencylab.kit.profiler.ProfilerController;

/**
 * The profiler endpoint of every servlet service ({@code /admin/profiler}, behind the
 * admin token): async-profiler in process, and the always-on flight recorder
 * ({@code lab.profiler.recent.enabled}) for captures of the recent past.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(LabKitProperties.class)
public class LabProfilerAutoConfiguration {

	// a capture of the recent past goes this far back when the request names no length
	private static final Duration DEFAULT_RECENT_DURATION = Duration.ofSeconds(60);

	@Bean
	@ConditionalOnBooleanProperty(name = "lab.profiler.recent.enabled", matchIfMissing = true)
	FlightRecording labFlightRecording(LabKitProperties properties) {
		return new FlightRecording(properties.profiler().recent().maxAge());
	}

	@Bean
	Profiler labProfiler(LabKitProperties properties, Environment environment,
			ObjectProvider<FlightRecording> labFlightRecording) {
		String service = environment.getProperty("spring.application.name", "application");
		LabKitProperties.Profiler settings = properties.profiler();
		Path directory = (settings.directory() != null && !settings.directory().isBlank())
				? Path.of(settings.directory()) : Path.of(System.getProperty("java.io.tmpdir"), "lab-profiler",
						service + "-" + ProcessHandle.current().pid());
		return new Profiler(service, directory.toAbsolutePath(), settings.maxDuration(), settings.keep(),
				labFlightRecording.getIfAvailable());
	}

	@Bean
	ProfilerController labProfilerController(Profiler labProfiler, LabKitProperties properties) {
		LabKitProperties.Profiler settings = properties.profiler();
		Duration recent = (settings.recent().maxAge().compareTo(DEFAULT_RECENT_DURATION) < 0)
				? settings.recent().maxAge() : DEFAULT_RECENT_DURATION;
		return new ProfilerController(labProfiler, (int) settings.defaultDuration().toSeconds(),
				(int) recent.toSeconds());
	}

}
