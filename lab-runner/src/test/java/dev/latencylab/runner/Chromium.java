package dev.latencylab.runner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a page in headless Chromium (Debian's {@code chromium}), as a person's browser
 * would: its DOM after scripts ran, the errors its console logged, a screenshot.
 */
final class Chromium {

	private Chromium() {
	}

	/**
	 * @param url the page
	 * @param screenshot where the screenshot goes
	 * @return what the browser made of it
	 */
	static Page open(String url, Path screenshot) throws IOException, InterruptedException {
		String binary = binary().orElseThrow(() -> new IllegalStateException(
				"chromium is not installed: apt-get install chromium (.ci/run does it)"));
		Files.createDirectories(screenshot.toAbsolutePath().getParent());
		Path profile = Files.createTempDirectory("chromium-profile");
		List<String> common = List.of(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--hide-scrollbars", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
				"--virtual-time-budget=10000", "--window-size=1400,2600");
		Run dom;
		Run shot;
		try {
			dom = run(with(common, "--dump-dom", url));
			shot = run(with(common, "--screenshot=" + screenshot.toAbsolutePath(), url));
		}
		finally {
			TestFolders.delete(profile);
		}
		List<String> errors = new ArrayList<>();
		for (String line : (dom.stderr() + "\n" + shot.stderr()).split("\n")) {
			// console messages of the page: "INFO:CONSOLE(12)] \"Uncaught ...\", source:
			// ..."
			if (line.contains(":CONSOLE(") && (line.contains("Uncaught") || line.contains("Error"))) {
				errors.add(line);
			}
		}
		return new Page(dom.stdout(), List.copyOf(errors), screenshot);
	}

	private static List<String> with(List<String> common, String... more) {
		List<String> command = new ArrayList<>(common);
		command.addAll(List.of(more));
		return command;
	}

	private static Run run(List<String> command) throws IOException, InterruptedException {
		Path out = Files.createTempFile("chromium", ".out");
		Path err = Files.createTempFile("chromium", ".err");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			throw new IllegalStateException("chromium did not finish within 90 s: " + command);
		}
		Run run = new Run(Files.readString(out), Files.readString(err));
		Files.deleteIfExists(out);
		Files.deleteIfExists(err);
		return run;
	}

	private static Optional<String> binary() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			for (String name : List.of("chromium", "chromium-browser")) {
				Path candidate = Path.of(directory, name);
				if (Files.isExecutable(candidate)) {
					return Optional.of(candidate.toString());
				}
			}
		}
		return Optional.empty();
	}

	private record Run(String stdout, String stderr) {
	}

	/**
	 * @param dom the page's DOM after its scripts ran
	 * @param consoleErrors errors logged to its console
	 * @param screenshot its screenshot
	 */
	record Page(String dom, List<String> consoleErrors, Path screenshot) {
	}

}
