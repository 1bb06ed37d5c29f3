package dev.latencylab.checks.compose.rules;

import java.util.List;

/**
 * A Dockerfile read as the rules need it: its instructions and its last (runtime) stage.
 */
final class Dockerfiles {

	private Dockerfiles() {
	}

	/**
	 * @param dockerfile a Dockerfile
	 * @return its instructions, continued lines joined, comments and blank lines left out
	 */
	static List<String> instructions(String dockerfile) {
		String joined = dockerfile.replaceAll("\\\\\\r?\\n", " ");
		return joined.lines().map(String::strip).filter((line) -> !line.isEmpty() && !line.startsWith("#")).toList();
	}

	/**
	 * @param dockerfile a Dockerfile
	 * @return its text from the last {@code FROM} on: the stage the image is made of
	 */
	static String runtimeStage(String dockerfile) {
		int last = dockerfile.lastIndexOf("\nFROM ");
		return (last >= 0) ? dockerfile.substring(last) : dockerfile;
	}

}
