package dev.latencylab.kit.profiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import one.convert.Arguments;
import one.convert.FlameGraph;
import one.convert.JfrToFlame;
import one.profiler.AsyncProfiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;

import dev.latencylab.kit.ProblemException;

/**
 * Profiles this JVM with async-profiler, in process: one capture at a time samples the
 * asked modes together for a bounded number of seconds (one async-profiler session, JFR
 * output), then turns each mode into a flame graph page and collapsed stacks with
 * async-profiler's converter. It also turns the last seconds of the service's
 * {@link FlightRecording flight recorder} into the same kind of capture, at once, for a
 * spike that is already over. The newest captures are kept on disk while the service
 * runs; closing the profiler (the service stopping) deletes them.
 */
public class Profiler implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Profiler.class);

	// pool threads waiting for their next task: the JDK records these parks like any
	// other, and they would outweigh every real wait (async-profiler leaves them out)
	private static final String IDLE_WORKERS = ".*(ThreadPoolExecutor\\.getTask|ForkJoinPool\\.awaitWork)";

	private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

	private final String service;

	private final Path directory;

	private final Duration maxDuration;

	private final int keep;

	private final AtomicBoolean capturing = new AtomicBoolean();

	// newest first
	private final Deque<Capture> captures = new ConcurrentLinkedDeque<>();

	private final FlightRecording flightRecording;

	// one flight recorder dump at a time; a live capture runs beside it
	private final Object dumping = new Object();

	private volatile AsyncProfiler profiler;

	/**
	 * A profiler without a flight recorder: {@link #recent} answers 503.
	 * @param service the application's name, for titles and listings
	 * @param directory where captures are written
	 * @param maxDuration the longest capture allowed
	 * @param keep how many captures are kept
	 */
	public Profiler(String service, Path directory, Duration maxDuration, int keep) {
		this(service, directory, maxDuration, keep, null);
	}

	/**
	 * @param service the application's name, for titles and listings
	 * @param directory where captures are written
	 * @param maxDuration the longest capture allowed
	 * @param keep how many captures are kept
	 * @param flightRecording the service's flight recorder, or {@code null} when it is
	 * off
	 */
	public Profiler(String service, Path directory, Duration maxDuration, int keep, FlightRecording flightRecording) {
		this.service = service;
		this.directory = directory;
		this.maxDuration = maxDuration;
		this.keep = keep;
		this.flightRecording = flightRecording;
	}

	/**
	 * Samples the modes together for the given time, then renders them. Blocks for the
	 * capture's duration.
	 * @param modes what to sample
	 * @param seconds how long, from 1 to the configured maximum
	 * @return the capture
	 * @throws ProblemException 400 for a bad duration or no mode, 409 while another
	 * capture runs, 503 when async-profiler cannot run on this machine
	 * @throws InterruptedException when interrupted while sampling
	 */
	public Capture capture(Set<ProfileMode> modes, int seconds) throws InterruptedException {
		if (seconds < 1 || seconds > this.maxDuration.toSeconds()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-capture", "Invalid capture",
					"A capture lasts from 1 to " + this.maxDuration.toSeconds() + " seconds; asked for " + seconds
							+ ".")
				.with("maxSeconds", this.maxDuration.toSeconds());
		}
		if (modes.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-capture", "Invalid capture",
					"Name at least one mode: cpu, wall, lock or alloc.");
		}
		AsyncProfiler profiler = profiler();
		if (!this.capturing.compareAndSet(false, true)) {
			throw busy();
		}
		try {
			Instant started = Instant.now();
			String id = newId(started);
			Path folder = Files.createDirectories(this.directory.resolve(id));
			Path recording = folder.resolve("capture.jfr");
			String start = startCommand(EnumSet.copyOf(modes), recording);
			try {
				profiler.execute(start);
			}
			catch (IllegalStateException ex) {
				// someone else (an agent, a shell) is profiling this JVM already
				throw busy();
			}
			logger.info("Profiling {} for {} s ({})", modes, seconds, start);
			try {
				// the sampling window itself
				TimeUnit.SECONDS.sleep(seconds);
			}
			finally {
				profiler.execute("stop");
			}
			Map<String, Capture.Result> results = new LinkedHashMap<>();
			for (ProfileMode mode : EnumSet.copyOf(modes)) {
				String title = "%s, %s, %d s from %s".formatted(this.service, mode.id(), seconds, started);
				results.put(mode.id(), render(id, mode, recording, title, "--" + mode.id()));
			}
			Files.deleteIfExists(recording);
			return store(new Capture(id, this.service, Capture.ASYNC_PROFILER, started, seconds, results));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.capturing.set(false);
		}
	}

	/**
	 * Turns the last seconds of the flight recorder into a capture, at once: what the
	 * service did during a spike that is already over. The flight recorder is the JDK's,
	 * so its modes are {@code wall} (threads running Java code or in native code, such as
	 * a socket read; threads that wait are not sampled), {@code lock} (monitor waits and
	 * parks of 10 ms or more, weighted by nanoseconds waited) and {@code alloc}
	 * (allocation samples, weighted by bytes); it has no {@code cpu}. Runs beside a live
	 * capture; two of these run one after the other.
	 * @param modes what to render: {@code wall}, {@code lock} or {@code alloc}
	 * @param seconds how far back from now, from 1 to the flight recorder's max age; a
	 * window that starts before the recorder did is cut to its start
	 * @return the capture
	 * @throws ProblemException 400 for a bad duration, no mode or {@code cpu}, 503 when
	 * the flight recorder is off
	 */
	public Capture recent(Set<ProfileMode> modes, int seconds) {
		FlightRecording recording = this.flightRecording;
		if (recording == null) {
			throw FlightRecording.unavailable("lab.profiler.recent.enabled is false.");
		}
		long maxSeconds = recording.maxAge().toSeconds();
		if (seconds < 1 || seconds > maxSeconds) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-capture", "Invalid capture",
					"The flight recorder keeps the last " + maxSeconds + " seconds; asked for " + seconds + ".")
				.with("maxSeconds", maxSeconds);
		}
		if (modes.isEmpty() || modes.contains(ProfileMode.CPU)) {
			String why = modes.isEmpty() ? "name at least one"
					: "not cpu, which the JDK does not sample apart from wall; for cpu, take a live capture";
			throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-capture", "Invalid capture",
					"The flight recorder offers wall, lock and alloc: " + why + ".")
				.with("modes", List.of(ProfileMode.WALL.id(), ProfileMode.LOCK.id(), ProfileMode.ALLOC.id()));
		}
		synchronized (this.dumping) {
			Instant to = Instant.now();
			Instant from = to.minusSeconds(seconds);
			Instant recordingStarted = recording.startedAt();
			if (recordingStarted != null && from.isBefore(recordingStarted)) {
				from = recordingStarted;
			}
			int covered = (int) Math.max(1, Duration.between(from, to).plusMillis(999).toSeconds());
			String id = newId(from);
			try {
				Path dump = Files.createDirectories(this.directory.resolve(id)).resolve("recent.jfr");
				recording.dump(dump);
				Map<String, Capture.Result> results = new LinkedHashMap<>();
				for (ProfileMode mode : EnumSet.copyOf(modes)) {
					String title = "%s, %s, %d s to %s (flight recorder)".formatted(this.service, mode.id(), covered,
							to);
					results.put(mode.id(), render(id, mode, dump, title, recentFlags(mode, from, to)));
				}
				Files.deleteIfExists(dump);
				logger.info("Captured {} of the last {} s from the flight recorder", modes, covered);
				return store(new Capture(id, this.service, Capture.FLIGHT_RECORDER, from, covered, results));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * @return the converter's flags that render a mode of a flight recorder dump for a
	 * window (absolute times, in epoch milliseconds)
	 */
	static String[] recentFlags(ProfileMode mode, Instant from, Instant to) {
		List<String> flags = new ArrayList<>(List.of("--" + mode.id(), "--from", Long.toString(from.toEpochMilli()),
				"--to", Long.toString(to.toEpochMilli())));
		if (mode != ProfileMode.WALL) {
			// weigh stacks by nanoseconds waited (lock) or bytes (alloc), not by events:
			// the JDK records a wait once however long it was, and an allocation sample
			// stands for a varying number of bytes
			flags.add("--total");
		}
		if (mode == ProfileMode.LOCK) {
			flags.addAll(List.of("--exclude", IDLE_WORKERS));
		}
		return flags.toArray(String[]::new);
	}

	/**
	 * @return the kept captures, newest first
	 */
	public List<Capture> captures() {
		return List.copyOf(this.captures);
	}

	/**
	 * @param id a capture's id
	 * @return the capture, if it is kept
	 */
	public Optional<Capture> capture(String id) {
		return this.captures.stream().filter((capture) -> capture.id().equals(id)).findFirst();
	}

	/**
	 * @param id a capture's id
	 * @param mode one of its modes
	 * @param extension {@code html} or {@code collapsed}
	 * @return the file, if the capture is kept and has that mode
	 */
	public Optional<Path> file(String id, ProfileMode mode, String extension) {
		return capture(id).filter((capture) -> capture.modes().containsKey(mode.id()))
			.map((capture) -> this.directory.resolve(id).resolve(mode.id() + "." + extension))
			.filter(Files::isRegularFile);
	}

	/**
	 * Deletes the kept captures.
	 */
	@Override
	public void close() {
		this.captures.clear();
		try {
			deleteTree(this.directory);
		}
		catch (IOException ex) {
			logger.warn("Could not delete the profiler's captures in {}: {}", this.directory, ex.getMessage());
		}
	}

	static String startCommand(Set<ProfileMode> modes, Path recording) {
		List<String> options = new ArrayList<>();
		options.add("start");
		if (modes.contains(ProfileMode.CPU)) {
			options.add("event=cpu");
			options.add("interval=10ms");
			if (modes.contains(ProfileMode.WALL)) {
				// wall-clock sampling next to CPU sampling in the same session
				options.add("wall=20ms");
			}
		}
		else if (modes.contains(ProfileMode.WALL)) {
			options.add("event=wall");
			options.add("interval=20ms");
		}
		if (modes.contains(ProfileMode.LOCK)) {
			options.add("lock=1ms");
		}
		if (modes.contains(ProfileMode.ALLOC)) {
			options.add("alloc=512k");
		}
		options.add("jfr");
		options.add("file=" + recording);
		return String.join(",", options);
	}

	private static String newId(Instant started) {
		return ID.format(started) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
	}

	/**
	 * Renders one mode of a recording with async-profiler's converter.
	 * @param flags the converter's flags that select the mode's events
	 */
	private Capture.Result render(String id, ProfileMode mode, Path recording, String title, String... flags)
			throws IOException {
		Path folder = recording.getParent();
		Path page = folder.resolve(mode.id() + ".html");
		Path collapsed = folder.resolve(mode.id() + ".collapsed");
		// the recording is read once per mode (the costly part); the page comes from the
		// collapsed stacks
		JfrToFlame.convert(recording.toString(), collapsed.toString(), arguments(flags, "-o", "collapsed"));
		FlameGraph.convert(collapsed.toString(), page.toString(), new Arguments("--title", title));
		String base = "/admin/profiler/captures/" + id + "/" + mode.id();
		return new Capture.Result(samples(collapsed), base + ".html", base + ".collapsed");
	}

	/**
	 * @param collapsed collapsed stacks, one {@code stack count} per line
	 * @return the sum of the counts
	 */
	static long samples(Path collapsed) throws IOException {
		try (Stream<String> lines = Files.lines(collapsed)) {
			return lines.filter((line) -> !line.isBlank())
				.mapToLong((line) -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1).trim()))
				.sum();
		}
	}

	private static Arguments arguments(String[] flags, String... more) {
		return new Arguments(Stream.concat(Stream.of(flags), Stream.of(more)).toArray(String[]::new));
	}

	// live captures and flight recorder ones are stored concurrently
	private synchronized Capture store(Capture capture) throws IOException {
		this.captures.addFirst(capture);
		while (this.captures.size() > this.keep) {
			Capture oldest = this.captures.pollLast();
			if (oldest != null) {
				deleteTree(this.directory.resolve(oldest.id()));
			}
		}
		return capture;
	}

	private static void deleteTree(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			Collection<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
			for (Path path : all) {
				Files.deleteIfExists(path);
			}
		}
	}

	private AsyncProfiler profiler() {
		AsyncProfiler profiler = this.profiler;
		if (profiler == null) {
			try {
				profiler = AsyncProfiler.getInstance();
				this.profiler = profiler;
			}
			catch (RuntimeException | UnsatisfiedLinkError ex) {
				throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "profiler-unavailable",
						"Profiler unavailable", "async-profiler cannot run in this JVM: " + ex.getMessage());
			}
		}
		return profiler;
	}

	private static ProblemException busy() {
		return new ProblemException(HttpStatus.CONFLICT, "capture-in-progress", "Capture in progress",
				"This service is being profiled already; one capture at a time. Try again when it ends.");
	}

}
