package dev.latencylab.runner;

import java.util.List;
import java.util.Map;

/**
 * One process of the lab and how to tell it is ready.
 *
 * @param name its name in the lab's logs, pids and progress
 * @param baseUrl where it listens
 * @param readyPath what answers 200 once it is ready
 * @param springHealth whether that answer must also say {@code "UP"} (Spring's health)
 * @param command its command line
 * @param env what its environment adds
 */
record LabPart(String name, String baseUrl, String readyPath, boolean springHealth, List<String> command,
		Map<String, String> env) {
}
