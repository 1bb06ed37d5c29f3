package dev.latencylab.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local lab for all end-to-end test classes of a run: started by the first class that
 * asks (on free ports, in a temporary directory), stopped when the test run ends. A test
 * class with {@code @ExtendWith(SharedLab.class)} gets it as a {@link LocalLab}
 * parameter.
 */
final class SharedLab implements ParameterResolver {

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == LocalLab.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return get(context);
	}

	/**
	 * The running lab, started on first use.
	 * @param context the asking test's context; the lab lives in the root store
	 * @return the lab
	 */
	static LocalLab get(ExtensionContext context) {
		return context.getRoot()
			.getStore(ExtensionContext.Namespace.create(SharedLab.class))
			.computeIfAbsent("lab", (key) -> start(), Handle.class)
			.lab();
	}

	private static Handle start() {
		Path repository = Path.of(System.getProperty("lab.repository", "..")).toAbsolutePath().normalize();
		Path tools = Path.of(System.getProperty("lab.tools", repository.resolve("lab-runner/target/tools").toString()));
		try {
			Path state = Files.createTempDirectory("lab-e2e-");
			return new Handle(
					LocalLab.start(new LocalLab.Settings(repository, tools, state, LabPorts.free(), false, "256m"),
							(line) -> System.out.println("e2e lab: " + line)),
					state);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Closes the lab when JUnit closes the root store, at the end of the run, and deletes
	 * its state (data, logs, reports: tens of megabytes a run).
	 */
	private record Handle(LocalLab lab, Path state) implements AutoCloseable {

		@Override
		public void close() {
			this.lab.close();
			TestFolders.delete(this.state);
		}

	}

}
