package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * The links in the toolkit's reports (to a trace in Jaeger, to the report itself) are
 * opened by a browser on the host: they lead to localhost at the published ports, with
 * the same variables, so that moving a port moves its links.
 */
public final class ToolkitLinksToPublishedPorts implements ComposeRule {

	@Override
	public String name() {
		return "toolkit-links-to-published-ports";
	}

	@Override
	public String requirement() {
		return "TOOLKIT_TRACES_PUBLIC_URL and TOOLKIT_REPORTS_PUBLIC_URL are localhost at the ports jaeger and "
				+ "the toolkit publish, as written";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		Optional<Toolkit> found = Toolkit.of(compose);
		if (found.isEmpty()) {
			return violations(List.of(Toolkit.MISSING));
		}
		Toolkit toolkit = found.get();
		List<String> problems = new ArrayList<>();
		Service jaeger = compose.writtenServices().get("jaeger");
		if (jaeger != null) {
			Environments.expectPublicUrl(problems, toolkit.name(), toolkit.written(), "TOOLKIT_TRACES_PUBLIC_URL",
					jaeger.publishedPort(Toolkit.JAEGER_QUERY_PORT));
		}
		Service written = compose.writtenServices().get(toolkit.name());
		Environments.expectPublicUrl(problems, toolkit.name(), toolkit.written(), "TOOLKIT_REPORTS_PUBLIC_URL",
				written.publishedPort(toolkit.port()));
		return violations(problems);
	}

}
