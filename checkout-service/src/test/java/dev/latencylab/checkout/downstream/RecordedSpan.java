package dev.latencylab.checkout.downstream;

import java.util.List;
import java.util.function.Supplier;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * Runs a piece of code inside a span of its own, as the OpenTelemetry agent's server span
 * would be in the lab, and keeps what it answered or threw and the span's events.
 *
 * @param <T> the answer
 * @param value what the code answered, or {@code null}
 * @param failure what it threw, or {@code null}
 * @param events the events added to the span
 */
public record RecordedSpan<T>(T value, RuntimeException failure, List<EventData> events) {

	/**
	 * @param <T> the answer
	 * @param code the code to run
	 * @return what it did
	 */
	public static <T> RecordedSpan<T> record(Supplier<T> code) {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		try (SdkTracerProvider tracing = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			Span span = tracing.get("checkout-tests").spanBuilder("POST /api/checkout").startSpan();
			T value = null;
			RuntimeException failure = null;
			try (Scope scope = span.makeCurrent()) {
				value = code.get();
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
			finally {
				span.end();
			}
			return new RecordedSpan<>(value, failure, exporter.getFinishedSpanItems().get(0).getEvents());
		}
	}

	/**
	 * @return the names of the span's events, in order
	 */
	public List<String> eventNames() {
		return this.events.stream().map(EventData::getName).toList();
	}

	/**
	 * @param name an event name
	 * @return the first event of that name
	 */
	public EventData event(String name) {
		return this.events.stream()
			.filter((event) -> event.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span event " + name + " in " + eventNames()));
	}

	/**
	 * @param <A> the attribute's type
	 * @param name an event name
	 * @param key an attribute
	 * @return the attribute of the first event of that name
	 */
	public <A> A attribute(String name, AttributeKey<A> key) {
		return event(name).getAttributes().get(key);
	}

}
