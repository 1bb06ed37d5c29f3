package dev.latencylab.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The whole lab as local processes: an embedded PostgreSQL, the four services and the
 * gateway, each a {@code java -jar} of its module's jar, listening on 127.0.0.1.
 *
 * <p>
 * Used by {@code ./lab up} and by the end-to-end tests. {@link #close()} stops exactly
 * what {@link #start} started.
 */
public final class LocalLab implements AutoCloseable {

	private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(240);

	private final Settings settings;

	private final Consumer<String> progress;

	private final Map<LabService, Process> processes = new EnumMap<>(LabService.class);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private LabPostgres postgres;

	private LocalLab(Settings settings, Consumer<String> progress) {
		this.settings = settings;
		this.progress = progress;
	}

	/**
	 * Starts the lab and waits until every application reports healthy.
	 * @param settings where the jars are, where state goes, which ports
	 * @param progress receives one line per step, for a person to watch
	 * @return the running lab
	 */
	public static LocalLab start(Settings settings, Consumer<String> progress) {
		LocalLab lab = new LocalLab(settings, progress);
		try {
			lab.startAll();
			return lab;
		}
		catch (RuntimeException ex) {
			lab.close();
			throw ex;
		}
	}

	private void startAll() {
		long started = System.nanoTime();
		for (LabService service : LabService.values()) {
			Path jar = jar(service);
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(
						"Missing " + jar + ": build the lab first (./mvnw -DskipTests package)");
			}
		}
		createDirectories(this.settings.stateDirectory().resolve("logs"));
		this.progress.accept("starting PostgreSQL on 127.0.0.1:" + this.settings.ports().postgres());
		this.postgres = LabPostgres.start(this.settings.ports().postgres(),
				this.settings.stateDirectory().resolve("postgres"), this.settings.keepData());
		for (LabService service : LabService.values()) {
			this.processes.put(service, launch(service));
			this.progress.accept("launched " + service.serviceName() + " on 127.0.0.1:"
					+ this.settings.ports().port(service) + " (log: " + logFile(service) + ")");
		}
		awaitHealthy(started);
	}

	private Process launch(LabService service) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + this.settings.heap());
		command.add("-jar");
		command.add(jar(service).toString());
		command.addAll(arguments(service));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(logFile(service).toFile());
		try {
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + service.serviceName(), ex);
		}
	}

	private List<String> arguments(LabService service) {
		LabPorts ports = this.settings.ports();
		List<String> args = new ArrayList<>();
		args.add("--server.port=" + ports.port(service));
		args.add("--server.address=127.0.0.1");
		switch (service) {
			case GATEWAY -> {
				args.add("--gateway.upstreams.checkout=" + url(LabService.CHECKOUT));
				args.add("--gateway.upstreams.inventory=" + url(LabService.INVENTORY));
				args.add("--gateway.upstreams.payment=" + url(LabService.PAYMENT));
				args.add("--gateway.upstreams.fraud=" + url(LabService.FRAUD));
			}
			case CHECKOUT -> {
				args.addAll(database());
				args.add("--checkout.downstream.inventory.base-url=" + url(LabService.INVENTORY));
				args.add("--checkout.downstream.fraud.base-url=" + url(LabService.FRAUD));
				args.add("--checkout.downstream.payment.base-url=" + url(LabService.PAYMENT));
			}
			default -> args.addAll(database());
		}
		return args;
	}

	private List<String> database() {
		return List.of("--spring.datasource.url=" + this.postgres.jdbcUrl(), "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres");
	}

	private void awaitHealthy(long started) {
		List<LabService> waiting = new ArrayList<>(List.of(LabService.values()));
		long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
		while (!waiting.isEmpty()) {
			for (LabService service : List.copyOf(waiting)) {
				Process process = this.processes.get(service);
				if (!process.isAlive()) {
					throw new IllegalStateException(service.serviceName() + " exited with code " + process.exitValue()
							+ "; last lines of " + logFile(service) + ":\n" + tail(logFile(service), 30));
				}
				if (isHealthy(service)) {
					waiting.remove(service);
					long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
					this.progress.accept(String.format("[%3ds] %s healthy (%d/%d)", seconds, service.serviceName(),
							LabService.values().length - waiting.size(), LabService.values().length));
				}
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Not healthy within " + HEALTHY_WITHIN.toSeconds() + " s: " + waiting);
			}
			if (!waiting.isEmpty()) {
				pause();
			}
		}
	}

	/**
	 * Whether a service answers its health check with UP.
	 * @param service the service
	 * @return whether it is healthy
	 */
	public boolean isHealthy(LabService service) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url(service) + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * @param service a service
	 * @return its base URL, e.g. {@code http://127.0.0.1:8080}
	 */
	public String url(LabService service) {
		return "http://127.0.0.1:" + this.settings.ports().port(service);
	}

	/**
	 * @return the JDBC URL of the lab database (user and password {@code postgres})
	 */
	public String jdbcUrl() {
		return this.postgres.jdbcUrl();
	}

	public Path logFile(LabService service) {
		return this.settings.stateDirectory().resolve("logs").resolve(service.serviceName() + ".log");
	}

	private Path jar(LabService service) {
		return this.settings.repository()
			.resolve(service.module())
			.resolve("target")
			.resolve(service.module() + ".jar");
	}

	/**
	 * Stops every application (gracefully, then forcibly after 15 s) and PostgreSQL.
	 */
	@Override
	public void close() {
		for (Process process : this.processes.values()) {
			process.destroy();
		}
		for (Map.Entry<LabService, Process> entry : this.processes.entrySet()) {
			Process process = entry.getValue();
			try {
				if (!process.waitFor(15, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		this.processes.clear();
		if (this.postgres != null) {
			this.postgres.close();
			this.postgres = null;
		}
	}

	private static void pause() {
		try {
			// polling interval of the readiness wait, not a stand-in for work
			TimeUnit.MILLISECONDS.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the lab", ex);
		}
	}

	private static void createDirectories(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String tail(Path file, int lines) {
		try {
			List<String> all = Files.readAllLines(file);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * How to run the lab.
	 *
	 * @param repository the repository root, where the modules' jars are
	 * @param stateDirectory where logs and data go
	 * @param ports the ports to listen on
	 * @param keepData whether PostgreSQL keeps data from an earlier run
	 * @param heap the maximum heap of each application, e.g. {@code 384m}
	 */
	public record Settings(Path repository, Path stateDirectory, LabPorts ports, boolean keepData, String heap) {
	}

}
