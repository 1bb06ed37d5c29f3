package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * Every pulled image names a version: the lab behaves the same next year, and the
 * dashboards and alerts keep matching the metrics the images export.
 */
public final class ImagesPinned implements ComposeRule {

	@Override
	public String name() {
		return "images-pinned";
	}

	@Override
	public String requirement() {
		return "every image names a tag other than latest, or a digest";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		for (Service service : compose.services().values()) {
			if (service.definition().get("image") instanceof String image && !pinned(image)) {
				problems.add(service.name() + ": image " + image + " has no pinned tag");
			}
		}
		return violations(problems);
	}

	private static boolean pinned(String image) {
		if (image.contains("@sha256:")) {
			return true;
		}
		// a registry's port (localhost:5000/app) is not a tag
		String last = image.substring(image.lastIndexOf('/') + 1);
		int colon = last.indexOf(':');
		String tag = (colon >= 0) ? last.substring(colon + 1) : "";
		return !tag.isEmpty() && !tag.equals("latest");
	}

}
