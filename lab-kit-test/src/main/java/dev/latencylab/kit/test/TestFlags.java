package dev.latencylab.kit.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.util.FileSystemUtils;

import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabFlags;

import static org.awaitility.Awaitility.await;

/**
 * The service under test reads a temporary copy of the lab's flags file
 * ({@code flags/flags.json}, every fault and fix off), checked every 200 ms; a test
 * switches flags by editing that copy, as the lab does, and waits until the service sees
 * the change. A test class that switches flags on puts them off again after each test,
 * e.g. with {@code @ExtendWith(TestFlags.ResetAfterEach.class)}.
 */
public final class TestFlags {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path file;

	private final String original;

	private final ObjectProvider<LabFlags> labFlags;

	private TestFlags(Path file, ObjectProvider<LabFlags> labFlags) {
		this.file = file;
		this.original = read(file);
		this.labFlags = labFlags;
	}

	/**
	 * Switches flags on and waits until the service evaluates them on.
	 * @param flags the flag keys
	 */
	public void switchOn(String... flags) {
		ObjectNode root = (ObjectNode) JSON.readTree(read(this.file));
		for (String flag : flags) {
			((ObjectNode) root.get("flags").get(flag)).put("defaultVariant", "on");
		}
		write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Arrays.stream(flags).allMatch((flag) -> labFlags().isOn(flag, FlagContext.none())));
	}

	/**
	 * Puts the original file back (every flag off) and waits until the service evaluates
	 * every flag of the file off: faults, fixes, bad fixes and a service's own flags.
	 */
	public void reset() {
		write(this.original);
		List<String> keys = new ArrayList<>();
		JSON.readTree(this.original).path("flags").propertyNames().forEach(keys::add);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> keys.stream().noneMatch((flag) -> labFlags().isOn(flag, FlagContext.none())));
	}

	private LabFlags labFlags() {
		return this.labFlags.getObject();
	}

	private void write(String content) {
		try {
			// a whole new file in one move: the service never reads half of it
			Path next = this.file.resolveSibling(this.file.getFileName() + ".next");
			Files.writeString(next, content);
			Files.move(next, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Copies the lab's flags file for a test context, points {@code lab.flags.path} at
	 * the copy and makes the context's {@link TestFlags} a bean.
	 */
	public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			Path file;
			try {
				Path folder = Files.createTempDirectory("lab-flags-");
				file = folder.resolve("flags.json");
				Files.copy(Path.of("../flags/flags.json"), file);
				// the copy goes with its context (test contexts close when the JVM ends)
				context.addApplicationListener((event) -> {
					if (event instanceof ContextClosedEvent) {
						FileSystemUtils.deleteRecursively(folder.toFile());
					}
				});
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("testFlags",
						Map.of("lab.flags.path", file.toString(), "lab.flags.poll-interval", "200ms")));
			context.getBeanFactory()
				.registerSingleton("testFlags",
						new TestFlags(file, context.getBeanFactory().getBeanProvider(LabFlags.class)));
		}

	}

	/**
	 * Puts every flag off again after each test ({@link #reset()}), so that the next test
	 * of the shared context starts with every fault and fix off. Runs after the test
	 * class's own {@code @AfterEach} methods.
	 */
	public static class ResetAfterEach implements AfterEachCallback {

		@Override
		public void afterEach(ExtensionContext context) {
			SpringExtension.getApplicationContext(context).getBean(TestFlags.class).reset();
		}

	}

}
