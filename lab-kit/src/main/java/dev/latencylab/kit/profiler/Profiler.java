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
 * async-profiler's converter. The newest captures are kept on disk while the service
 * runs; closing the profiler (the service stopping) deletes them.
 */
public class Profiler implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Profiler.class);

	private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

	private final String service;

	private final Path directory;

	private final Duration maxDuration;

	private final int keep;

	private final AtomicBoolean capturing = new AtomicBoolean();

	// newest first
	private final Deque<Capture> captures = new ConcurrentLinkedDeque<>();

	private volatile AsyncProfiler profiler;

	/**
	 * @param service the application's name, for titles and listings
	 * @param directory where captures are written
	 * @param maxDuration the longest capture allowed
	 * @param keep how many captures are kept
	 */
	public Profiler(String service, Path directory, Duration maxDuration, int keep) {
		this.service = service;
		this.directory = directory;
		this.maxDuration = maxDuration;
		this.keep = keep;
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
			String id = ID.format(started) + "-"
					+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
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
				results.put(mode.id(), render(id, mode, recording, started, seconds));
			}
			Files.deleteIfExists(recording);
			Capture capture = new Capture(id, this.service, started, seconds, results);
			this.captures.addFirst(capture);
			prune();
			return capture;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.capturing.set(false);
		}
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

	private Capture.Result render(String id, ProfileMode mode, Path recording, Instant started, int seconds)
			throws IOException {
		Path folder = recording.getParent();
		Path page = folder.resolve(mode.id() + ".html");
		Path collapsed = folder.resolve(mode.id() + ".collapsed");
		String title = "%s, %s, %d s from %s".formatted(this.service, mode.id(), seconds, started);
		JfrToFlame.convert(recording.toString(), page.toString(), new Arguments("--" + mode.id(), "--title", title));
		JfrToFlame.convert(recording.toString(), collapsed.toString(),
				new Arguments("--" + mode.id(), "-o", "collapsed"));
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

	private void prune() throws IOException {
		while (this.captures.size() > this.keep) {
			Capture oldest = this.captures.pollLast();
			if (oldest != null) {
				deleteTree(this.directory.resolve(oldest.id()));
			}
		}
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
