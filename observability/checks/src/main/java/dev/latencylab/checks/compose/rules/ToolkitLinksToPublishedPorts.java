package dev.latencylab.checks.compose.rules;

import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.Service;

/**
 * The links in the toolkit's reports (to a trace in Jaeger, to the report itself) are
 * opened by a browser on the host: they lead to localhost at the published ports, with
 * the same variables, so that moving a port moves its links.
 */
public final class ToolkitLinksToPublishedPorts extends ToolkitRule {

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
	void check(ComposeFile compose, Toolkit toolkit, List<String> problems) {
		Service jaeger = compose.writtenServices().get("jaeger");
		if (jaeger != null) {
			Environments.expectPublicUrl(problems, toolkit.name(), toolkit.written(), "TOOLKIT_TRACES_PUBLIC_URL",
					jaeger.publishedPort(Toolkit.JAEGER_QUERY_PORT));
		}
		Service written = compose.writtenServices().get(toolkit.name());
		Environments.expectPublicUrl(problems, toolkit.name(), toolkit.written(), "TOOLKIT_REPORTS_PUBLIC_URL",
				written.publishedPort(toolkit.port()));
	}

}
