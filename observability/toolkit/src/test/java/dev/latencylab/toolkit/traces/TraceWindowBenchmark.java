package dev.latencylab.toolkit.traces;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.latencylab.toolkit.diagnosis.DiagnosisRules;

/**
 * What the toolkit does with a window of traces once the trace store answered: the traces
 * built from their spans (parents, orphans adopted, the critical path), the slow ones
 * compared with the normal ones, the suspect service and its culprit span. A window of
 * {@code spans} spans of the lab's checkout (12 spans a trace), one in twenty slow in
 * fraud-service, as in the lab's 5-second spike.
 *
 * <pre>
 * ./mvnw -pl observability/toolkit test-compile exec:exec@jmh -Djmh.args="-f 1 TraceWindow"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class TraceWindowBenchmark {

	private static final int SPANS_PER_CHECKOUT = 12;

	@Param("10000")
	int spans;

	private final DiagnosisRules rules = new DiagnosisRules("dev.latencylab.", "dev.latencylab.kit.");

	private final List<List<Span>> slow = new ArrayList<>();

	private final List<List<Span>> normal = new ArrayList<>();

	@Setup
	public void window() {
		SplittableRandom random = new SplittableRandom(42);
		int checkouts = this.spans / SPANS_PER_CHECKOUT;
		for (int i = 0; i < checkouts; i++) {
			boolean spike = i % 20 == 0;
			long fraud = spike ? random.nextLong(4_900, 5_100) : random.nextLong(10, 40);
			Trace trace = TraceBuilder.trace("trace-" + i, 1_000_000L + i * 250L)
				.checkout(random.nextLong(15, 60), fraud, random.nextLong(20, 80))
				.build();
			(spike ? this.slow : this.normal).add(trace.spans());
		}
	}

	/**
	 * @return the suspect and its culprit, so that nothing is optimized away
	 */
	@Benchmark
	public Optional<TraceFindings.Culprit> analyse() {
		TraceFindings findings = TraceFindings.of(traces(this.slow), traces(this.normal));
		return this.rules.suspect(findings).flatMap(findings::culpritIn);
	}

	private static List<Trace> traces(List<List<Span>> spans) {
		List<Trace> traces = new ArrayList<>(spans.size());
		for (List<Span> trace : spans) {
			traces.add(new Trace(trace.get(0).traceId(), trace));
		}
		return traces;
	}

}
