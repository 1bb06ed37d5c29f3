package dev.latencylab.toolkit;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Predicate;

import org.thymeleaf.ITemplateEngine;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.client.RestClient;

import dev.latencylab.kit.LabKitProperties;
import dev.latencylab.toolkit.alerts.AlertTrigger;
import dev.latencylab.toolkit.canary.Canary;
import dev.latencylab.toolkit.database.DatabaseSampler;
import dev.latencylab.toolkit.diagnosis.Diagnoser;
import dev.latencylab.toolkit.diagnosis.DiagnosisRules;
import dev.latencylab.toolkit.metrics.PrometheusReader;
import dev.latencylab.toolkit.profiles.Baselines;
import dev.latencylab.toolkit.profiles.ServiceProfiler;
import dev.latencylab.toolkit.reports.ReportStore;
import dev.latencylab.toolkit.traces.JaegerTraceSource;
import dev.latencylab.toolkit.traces.TraceSource;
import dev.latencylab.toolkit.traces.ZipkinTraceSource;

/**
 * The toolkit's parts, wired from {@link ToolkitProperties}.
 */
@Configuration(proxyBeanMethods = false)
class ToolkitConfiguration {

	@Bean
	RestClient labClient(RestClient.Builder builder) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		// a flight recorder window takes seconds to convert; a live capture as long as it
		// samples
		requests.setReadTimeout(Duration.ofSeconds(150));
		return builder.clone().requestFactory(requests).build();
	}

	@Bean
	Canary canary(TraceSource traceSource, ToolkitProperties properties, Clock clock) {
		return new Canary(traceSource, properties, clock);
	}

	@Bean
	TraceSource traceSource(ToolkitProperties properties, RestClient labClient) {
		ToolkitProperties.Traces traces = properties.traces();
		RestClient client = labClient.mutate().baseUrl(traces.url().toString()).build();
		String publicUrl = ((traces.publicUrl() != null) ? traces.publicUrl() : traces.url()).toString();
		return switch (traces.backend()) {
			case "zipkin" -> new ZipkinTraceSource(client, publicUrl);
			case "jaeger" -> new JaegerTraceSource(client, publicUrl);
			default ->
				throw new IllegalStateException("toolkit.traces.backend is zipkin or jaeger, not " + traces.backend());
		};
	}

	@Bean
	PrometheusReader prometheusReader(ToolkitProperties properties, RestClient labClient) {
		return new PrometheusReader(labClient.mutate().baseUrl(properties.prometheus().toString()).build());
	}

	@Bean
	ServiceProfiler serviceProfiler(ToolkitProperties properties, RestClient labClient, LabKitProperties lab) {
		return new ServiceProfiler(labClient, properties.services(), lab.admin().token());
	}

	@Bean
	Predicate<String> applicationFrames(ToolkitProperties properties) {
		return new DiagnosisRules(properties.diagnosis().applicationPackage(), properties.diagnosis().sharedPackage())
			.applicationFrames();
	}

	@Bean
	ReportStore reportStore(ToolkitProperties properties, JsonMapper json, ITemplateEngine templates) {
		return new ReportStore(properties.reports().directory(), properties.reports().keep(), json, templates);
	}

	@Bean
	Baselines baselines(ToolkitProperties properties, ServiceProfiler profiler, ObjectProvider<Diagnoser> diagnoser) {
		int seconds = properties.baseline().seconds();
		return new Baselines(profiler::recent, List.copyOf(properties.services().keySet()), seconds,
				(service) -> diagnoser.getObject().isHealthy(Duration.ofSeconds(seconds), service),
				properties.baseline().interval());
	}

	@Bean
	DatabaseSampler databaseSampler(ToolkitProperties properties, Clock clock) {
		return new DatabaseSampler(properties.database(), clock);
	}

	@Bean
	Diagnoser diagnoser(ToolkitProperties properties, TraceSource traces, PrometheusReader prometheus,
			DatabaseSampler database, ServiceProfiler profiler, Baselines baselines, ReportStore store, Clock clock) {
		return new Diagnoser(properties, traces, prometheus, database, profiler, baselines, store, clock);
	}

	@Bean
	AlertTrigger alertTrigger(ToolkitProperties properties, Diagnoser diagnoser, Clock clock) {
		ToolkitProperties.Diagnosis diagnosis = properties.diagnosis();
		return new AlertTrigger(diagnoser, diagnosis.alerts(), diagnosis.lookback(), diagnosis.cooldown(),
				diagnosis.settle(), diagnosis.recheck(), clock);
	}

	@Bean(destroyMethod = "shutdown")
	ThreadPoolTaskScheduler toolkitScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("toolkit-");
		// baselines, and the database's samples (never behind a baseline's capture)
		scheduler.setPoolSize(3);
		scheduler.initialize();
		return scheduler;
	}

	@Bean
	Executor background(ThreadPoolTaskScheduler toolkitScheduler) {
		return toolkitScheduler;
	}

	@Bean
	ScheduledFuture<?> baselineSchedule(ToolkitProperties properties, TaskScheduler toolkitScheduler,
			Baselines baselines, Clock clock) {
		ToolkitProperties.Baseline baseline = properties.baseline();
		return toolkitScheduler.scheduleWithFixedDelay(() -> baselines.refreshIfDue(clock.instant()),
				clock.instant().plus(baseline.initialDelay()), Duration.ofMinutes(1));
	}

	@Bean
	ScheduledFuture<?> databaseSchedule(ToolkitProperties properties, TaskScheduler toolkitScheduler,
			DatabaseSampler sampler) {
		return toolkitScheduler.scheduleAtFixedRate(sampler::sample, properties.database().sampleInterval());
	}

}
