package dev.latencylab.kit.internal;

import io.opentelemetry.api.trace.Span;

/**
 * Tells the Prometheus registry which trace the current request belongs to, so that
 * histogram buckets carry exemplars linking a latency to a trace. The OpenTelemetry agent
 * bridges {@link Span#current()}; without the agent there is no valid span and no
 * exemplar.
 */
public class OpenTelemetrySpanContext implements io.prometheus.metrics.tracer.common.SpanContext {

	@Override
	public String getCurrentTraceId() {
		io.opentelemetry.api.trace.SpanContext context = Span.current().getSpanContext();
		return context.isValid() ? context.getTraceId() : null;
	}

	@Override
	public String getCurrentSpanId() {
		io.opentelemetry.api.trace.SpanContext context = Span.current().getSpanContext();
		return context.isValid() ? context.getSpanId() : null;
	}

	@Override
	public boolean isCurrentSpanSampled() {
		return Span.current().getSpanContext().isSampled();
	}

	@Override
	public void markCurrentSpanAsExemplar() {
		// every span is sampled in the lab, so there is nothing to keep specially
	}

}
