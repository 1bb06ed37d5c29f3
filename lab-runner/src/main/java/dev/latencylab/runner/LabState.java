package dev.latencylab.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import dev.latencylab.kit.FlagFile;

/**
 * The state directory of a local lab ({@code .lab} in the repository, or
 * {@code $LAB_STATE}): what {@code ./lab up} leaves there for every other command, and
 * the lab's data, logs and flags. The supervisor ({@code ./lab up}'s background process)
 * writes {@code lab.pid} when it starts and {@code ready} when every part is healthy.
 *
 * @param directory the folder
 */
public record LabState(Path directory) {

	private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

	/**
	 * @return the state of the lab this command works on: {@code -Dlab.state},
	 * {@code $LAB_STATE}, or {@code .lab} in the repository
	 */
	public static LabState current() {
		String configured = System.getProperty("lab.state", System.getenv("LAB_STATE"));
		Path directory = (configured != null && !configured.isBlank()) ? Path.of(configured)
				: LabMain.repository().resolve(".lab");
		return new LabState(directory.toAbsolutePath().normalize());
	}

	/**
	 * @return the part's URLs, written once the lab is healthy
	 */
	public Path readyFile() {
		return this.directory.resolve("ready");
	}

	/**
	 * @return the supervisor's pid and start time
	 */
	public Path supervisorFile() {
		return this.directory.resolve("lab.pid");
	}

	/**
	 * @return every process the lab started: name, pid, start time
	 */
	public Path pidsFile() {
		return this.directory.resolve("pids");
	}

	/**
	 * @return the ports the lab was told to use: name and port
	 */
	public Path portsFile() {
		return this.directory.resolve("ports");
	}

	/**
	 * @return the background load's pid and start time ({@code ./lab demo})
	 */
	public Path loadFile() {
		return this.directory.resolve("load.pid");
	}

	/**
	 * @return the running drill ({@code ./lab demo})
	 */
	public Path drillFile() {
		return this.directory.resolve("drill.json");
	}

	public Path adminTokenFile() {
		return this.directory.resolve("admin-token");
	}

	/**
	 * @return the flags file every application of the lab reads
	 */
	public Path flagsFile() {
		return this.directory.resolve("flags").resolve("flags.json");
	}

	public FlagFile flags() {
		return new FlagFile(flagsFile(), JsonMapper.builder().build());
	}

	/**
	 * @return the supervisor's log, with the progress lines {@code ./lab up} shows
	 */
	public Path labLog() {
		return this.directory.resolve("lab.log");
	}

	public Path logs() {
		return this.directory.resolve("logs");
	}

	/**
	 * @param part a part of the lab, e.g. {@code payment-service} or {@code load}
	 * @return its log file
	 */
	public Path log(String part) {
		return logs().resolve(part + ".log");
	}

	public Path captures() {
		return this.directory.resolve("captures");
	}

	/**
	 * @return the admin token, or empty before the first {@code ./lab up}
	 */
	public Optional<String> adminToken() {
		return read(adminTokenFile()).map(String::trim).filter((token) -> !token.isEmpty());
	}

	/**
	 * @return the supervisor, when it runs
	 */
	public Optional<ProcessHandle> supervisor() {
		return records(supervisorFile()).stream().findFirst().flatMap(Record::alive);
	}

	/**
	 * @return whether every part of the lab is up and the supervisor still runs
	 */
	public boolean isRunning() {
		return supervisor().isPresent() && Files.isRegularFile(readyFile());
	}

	/**
	 * @return each part's base URL (PostgreSQL's JDBC URL), once the lab is ready
	 */
	public Map<String, String> urls() {
		Map<String, String> urls = new LinkedHashMap<>();
		read(readyFile()).ifPresent((text) -> text.lines().map(String::trim).forEach((line) -> {
			String[] fields = line.split("\\s+");
			if (fields.length >= 2) {
				urls.put(fields[0], fields[1]);
			}
		}));
		return urls;
	}

	/**
	 * @param part a part, e.g. {@code gateway} or {@code toolkit}
	 * @return its base URL
	 * @throws LabException when the lab is not running
	 */
	public String url(String part) {
		if (!isRunning()) {
			throw new LabException("the lab is not running: ./lab up starts it");
		}
		String url = urls().get(part);
		if (url == null) {
			throw new LabException("the running lab has no part '" + part + "' (" + readyFile() + ")");
		}
		return url;
	}

	/**
	 * @return the ports the last {@code ./lab up} used, by part
	 */
	public Map<String, Integer> ports() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		read(portsFile()).ifPresent((text) -> text.lines().forEach((line) -> {
			String[] fields = line.trim().split("\\s+");
			if (fields.length == 2) {
				ports.put(fields[0], Integer.parseInt(fields[1]));
			}
		}));
		if (ports.isEmpty()) {
			urls().forEach((part, url) -> {
				Matcher port = PORT.matcher(url);
				if (port.find()) {
					ports.put(part, Integer.parseInt(port.group(1)));
				}
			});
		}
		return ports;
	}

	/**
	 * @param file a file of {@link Record}s, one a line
	 * @return its records; none when it does not exist
	 */
	public static List<Record> records(Path file) {
		List<Record> records = new ArrayList<>();
		read(file).ifPresent((text) -> text.lines().forEach((line) -> Record.parse(line).ifPresent(records::add)));
		return records;
	}

	/**
	 * @param file where to write
	 * @param records what to write, one a line
	 */
	public static void write(Path file, List<Record> records) {
		StringBuilder text = new StringBuilder();
		records.forEach((record) -> text.append(record).append('\n'));
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Optional<String> read(Path file) {
		try {
			return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A process the lab started, as recorded in the state: by its start time too, so that
	 * a pid the system has given to another process since is never taken for it.
	 *
	 * @param name the part, e.g. {@code zipkin}
	 * @param pid its process id
	 * @param startedAt when it started, if known
	 */
	public record Record(String name, long pid, Optional<Instant> startedAt) {

		/**
		 * @param name the part
		 * @param process the running process
		 * @return its record
		 */
		public static Record of(String name, ProcessHandle process) {
			return new Record(name, process.pid(), process.info().startInstant());
		}

		static Optional<Record> parse(String line) {
			String[] fields = line.trim().split("\\s+");
			try {
				if (fields.length == 2) {
					return Optional.of(new Record(fields[0], Long.parseLong(fields[1]), Optional.empty()));
				}
				if (fields.length == 3) {
					return Optional.of(new Record(fields[0], Long.parseLong(fields[1]),
							Optional.of(Instant.ofEpochMilli(Long.parseLong(fields[2])))));
				}
			}
			catch (NumberFormatException ex) {
				// a line someone edited by hand: not ours to act on
			}
			return Optional.empty();
		}

		/**
		 * @return the process, if it still runs and is the one recorded
		 */
		public Optional<ProcessHandle> alive() {
			return ProcessHandle.of(this.pid)
				.filter(ProcessHandle::isAlive)
				.filter((process) -> this.startedAt.isEmpty() || process.info()
					.startInstant()
					.map((started) -> Math.abs(started.toEpochMilli() - this.startedAt.get().toEpochMilli()) < 2_000)
					.orElse(true));
		}

		@Override
		public String toString() {
			return this.name + " " + this.pid + this.startedAt.map((at) -> " " + at.toEpochMilli()).orElse("");
		}

	}

}
