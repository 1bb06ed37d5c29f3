package dev.latencylab.toolkit.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

import dev.latencylab.toolkit.database.DatabaseWindow;
import dev.latencylab.toolkit.metrics.PrometheusReader.Signal;
import dev.latencylab.toolkit.metrics.ServiceSignals;
import dev.latencylab.toolkit.profiles.Baseline;
import dev.latencylab.toolkit.profiles.CollapsedStacks;
import dev.latencylab.toolkit.profiles.Profile;
import dev.latencylab.toolkit.reports.Verdict;
import dev.latencylab.toolkit.traces.Trace;
import dev.latencylab.toolkit.traces.TraceBuilder;
import dev.latencylab.toolkit.traces.TraceFindings;

/**
 * What the toolkit does with a 60-second lock profile of the suspect: the collapsed
 * stacks parsed ({@code parse}), then the window compared with the healthy baseline and
 * the verdict decided ({@code decide}). The profile has {@code stacks} distinct stacks
 * about 60 to 110 frames deep (a servlet request's depth), a third of them waiting for
 * one monitor in the application for 45 thread-seconds in all, the rest on the usual
 * waits (the connection pool, the logger) with little time; each of the three baselines
 * has the same stacks without the hot monitor.
 *
 * <pre>
 * ./mvnw -pl observability/toolkit test-compile exec:exec@jmh -Djmh.args="-f 1 LockProfile"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class LockProfileBenchmark {

	private static final int SECONDS = 60;

	private static final String HOT = "dev/latencylab/fraud/scoring/ScoreController.score;"
			+ "dev/latencylab/fraud/rules/FraudScorer.score;dev/latencylab/fraud/rules/RulesCache.rules;"
			+ "dev.latencylab.fraud.rules.RulesCache_[i]";

	private static final List<String> COLD = List.of(
			"dev/latencylab/fraud/scoring/ScoreController.score;com/zaxxer/hikari/pool/HikariPool.getConnection;"
					+ "java/util/concurrent/locks/ReentrantLock.lock;java.util.concurrent.locks.ReentrantLock$NonfairSync_[i]",
			"dev/latencylab/fraud/scoring/ScoreStore.save;ch/qos/logback/core/OutputStreamAppender.writeBytes;"
					+ "java/util/concurrent/locks/ReentrantLock.lock;java.util.concurrent.locks.ReentrantLock$NonfairSync_[i]",
			"dev/latencylab/fraud/history/CustomerHistories.of;java/lang/ClassLoader.loadClass;java.lang.Object_[i]");

	@Param("2000")
	int stacks;

	private final DiagnosisRules rules = new DiagnosisRules("dev.latencylab.", "dev.latencylab.kit.");

	private String window;

	private TraceFindings traces;

	private Map<String, ServiceSignals> signals;

	private final DatabaseWindow database = new DatabaseWindow(true, "", List.of(), Duration.ofSeconds(1), List.of(),
			Map.of());

	private Profile profile;

	private Baseline baseline;

	@Setup
	public void capture() {
		SplittableRandom random = new SplittableRandom(7);
		StringBuilder window = new StringBuilder();
		StringBuilder baseline = new StringBuilder();
		long hotNanos = 45L * 1_000_000_000 / (this.stacks / 3);
		for (int i = 0; i < this.stacks; i++) {
			String prefix = requestPrefix(random, i);
			boolean hot = i % 3 == 0;
			String leaf = hot ? HOT : COLD.get(i % COLD.size());
			window.append(prefix).append(';').append(leaf).append(' ').append(hot ? hotNanos : 1_000_000).append('\n');
			if (!hot) {
				baseline.append(prefix).append(';').append(leaf).append(' ').append(1_000_000).append('\n');
			}
		}
		this.window = window.toString();
		this.profile = profile(this.window);
		// three baselines, as the toolkit keeps once the lab has run half an hour
		Profile healthy = profile(baseline.toString());
		this.baseline = new Baseline(List.of(healthy, healthy, healthy));
		List<Trace> slow = List.of(TraceBuilder.trace("slow", 10_000).checkout(30, 4_900, 40).build());
		List<Trace> normal = List.of(TraceBuilder.trace("normal", 1_000).checkout(30, 20, 40).build());
		this.traces = TraceFindings.of(slow, normal);
		Map<Signal, Double> now = new EnumMap<>(Signal.class);
		Map<Signal, Double> before = new EnumMap<>(Signal.class);
		now.put(Signal.BLOCKED_THREADS, 10.0);
		before.put(Signal.BLOCKED_THREADS, 0.0);
		now.put(Signal.CPU, 0.55);
		before.put(Signal.CPU, 0.1);
		this.signals = Map.of("fraud-service", new ServiceSignals("fraud-service", now, before));
		String cause = decide().cause();
		if (!"jvm-lock-contention".equals(cause)) {
			throw new IllegalStateException(
					"the benchmark's profile should be lock contention, the rules said " + cause);
		}
	}

	/**
	 * @return the parsed window
	 */
	@Benchmark
	public CollapsedStacks parse() {
		return CollapsedStacks.parse(this.window, SECONDS);
	}

	/**
	 * @return the verdict on the parsed window and baseline
	 */
	@Benchmark
	public Verdict decide() {
		return this.rules.decide(this.traces, this.signals, this.database, this.rules.suspect(this.traces),
				Optional.of(this.profile), this.baseline);
	}

	/**
	 * A servlet request's frames down to the controller: a thread pool, Tomcat's
	 * pipeline, a filter chain of varying length and Spring's dispatch, different enough
	 * between stacks that no two are the same.
	 */
	private static String requestPrefix(SplittableRandom random, int index) {
		StringBuilder frames = new StringBuilder(
				"java/lang/Thread.run;org/apache/tomcat/util/threads/TaskThread$WrappingRunnable.run;"
						+ "org/apache/tomcat/util/threads/ThreadPoolExecutor$Worker.run;org/apache/tomcat/util/net/NioEndpoint$SocketProcessor.doRun;"
						+ "org/apache/coyote/http11/Http11Processor.service;org/apache/catalina/connector/CoyoteAdapter.service");
		int depth = 50 + random.nextInt(50);
		for (int frame = 0; frame < depth; frame++) {
			frames.append(";org/springframework/web/filter/OncePerRequestFilter")
				.append(frame % 7)
				.append(".doFilter$")
				.append((frame == depth / 2) ? index : frame % 3);
		}
		return frames.append(";org/springframework/web/servlet/DispatcherServlet.doDispatch").toString();
	}

	private static Profile profile(String collapsed) {
		return new Profile("fraud-service", "benchmark", "flight-recorder", Instant.EPOCH, SECONDS,
				Map.of("lock", new Profile.Mode(CollapsedStacks.parse(collapsed, SECONDS), new byte[0])));
	}

}
