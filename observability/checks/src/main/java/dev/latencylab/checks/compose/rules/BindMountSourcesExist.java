package dev.latencylab.checks.compose.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * Every file or directory a service mounts from the repository exists: Docker would
 * otherwise create an empty directory in its place and the container would start without
 * its configuration.
 */
public final class BindMountSourcesExist implements ComposeRule {

	@Override
	public String name() {
		return "bind-mount-sources-exist";
	}

	@Override
	public String requirement() {
		return "every bind-mounted file or directory exists in the repository";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		for (Service service : compose.services().values()) {
			for (Service.Volume volume : service.volumes()) {
				Path source = compose.root().resolve(volume.source()).normalize();
				if (volume.isBind() && !Files.exists(source)) {
					problems.add(
							service.name() + ": volume source " + volume.source() + " does not exist (" + source + ")");
				}
			}
		}
		return violations(problems);
	}

}
