package dev.latencylab.kit;

import java.nio.file.Path;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.latencylab.kit.profiler.Profiler;
import dev.latencylab.kit.profiler.ProfilerController;

/**
 * The profiler endpoint of every servlet service ({@code /admin/profiler}, behind the
 * admin token): async-profiler in process.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(LabKitProperties.class)
public class LabProfilerAutoConfiguration {

	@Bean
	Profiler labProfiler(LabKitProperties properties, Environment environment) {
		String service = environment.getProperty("spring.application.name", "application");
		LabKitProperties.Profiler settings = properties.profiler();
		Path directory = (settings.directory() != null && !settings.directory().isBlank())
				? Path.of(settings.directory()) : Path.of(System.getProperty("java.io.tmpdir"), "lab-profiler",
						service + "-" + ProcessHandle.current().pid());
		return new Profiler(service, directory.toAbsolutePath(), settings.maxDuration(), settings.keep());
	}

	@Bean
	ProfilerController labProfilerController(Profiler labProfiler, LabKitProperties properties) {
		return new ProfilerController(labProfiler, (int) properties.profiler().defaultDuration().toSeconds());
	}

}
