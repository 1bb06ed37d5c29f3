package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * Every named volume a service uses is declared at the top level, as compose requires.
 */
public final class NamedVolumesDeclared implements ComposeRule {

	@Override
	public String name() {
		return "named-volumes-declared";
	}

	@Override
	public String requirement() {
		return "every named volume a service mounts is declared under the top-level volumes:";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		Set<String> declared = compose.namedVolumes();
		for (Service service : compose.services().values()) {
			for (Service.Volume volume : service.volumes()) {
				if (!volume.isBind() && !declared.contains(volume.source())) {
					problems
						.add(service.name() + ": named volume " + volume.source() + " is not declared under volumes:");
				}
			}
		}
		return violations(problems);
	}

}
