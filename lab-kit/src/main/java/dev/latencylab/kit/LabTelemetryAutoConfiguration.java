package dev.latencylab.kit;

import dev.latencylab.kit.internal.HiccupMeter;
import dev.latencylab.kit.internal.OpenTelemetrySpanContext;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Telemetry for every lab application, servlet or reactive: exemplars on the Prometheus
 * histograms from the current OpenTelemetry span, and a hiccup meter
 * ({@link LabMetrics#JVM_HICCUP}). The rest of the conventions (tags, histograms, log
 * correlation) are property defaults, see
 * {@code dev.latencylab.kit.internal.TelemetryDefaults}.
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration")
@ConditionalOnClass(name = { "io.opentelemetry.api.trace.Span", "io.prometheus.metrics.tracer.common.SpanContext" })
public class LabTelemetryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(io.prometheus.metrics.tracer.common.SpanContext.class)
	io.prometheus.metrics.tracer.common.SpanContext openTelemetrySpanContext() {
		return new OpenTelemetrySpanContext();
	}

	@Bean
	@ConditionalOnMissingBean
	HiccupMeter labHiccupMeter() {
		return new HiccupMeter();
	}

}
