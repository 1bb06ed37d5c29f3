package dev.latencylab.checks.compose.rules;

import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Violation;

/**
 * Every service says where its container comes from.
 */
public final class ImageOrBuild implements ComposeRule {

	@Override
	public String name() {
		return "image-or-build";
	}

	@Override
	public String requirement() {
		return "every service has an image or a build";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		return violations(compose.services()
			.values()
			.stream()
			.filter((service) -> !service.has("image") && !service.isBuilt())
			.map((service) -> service.name() + ": neither image nor build")
			.toList());
	}

}
