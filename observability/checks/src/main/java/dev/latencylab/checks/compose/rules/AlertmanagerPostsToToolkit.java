package dev.latencylab.checks.compose.rules;

import java.net.URI;
import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Yamls;

/**
 * Alertmanager, configured with alertmanager-compose.yml, posts every alert to the
 * toolkit's webhook: an alert starts a diagnosis.
 */
public final class AlertmanagerPostsToToolkit extends ToolkitRule {

	static final String CONFIG = "observability/alertmanager/alertmanager-compose.yml";

	@Override
	public String name() {
		return "alertmanager-posts-to-toolkit";
	}

	@Override
	public String requirement() {
		return "alertmanager runs with " + CONFIG + ", whose webhooks all go to the toolkit's service and port";
	}

	@Override
	void check(ComposeFile compose, Toolkit toolkit, List<String> problems) {
		Service server = compose.services().get("alertmanager");
		String configFile = (server != null) ? server.commandFlag("--config.file", "/etc/alertmanager/alertmanager.yml")
				: null;
		if (server == null || server.volumes()
			.stream()
			.noneMatch((volume) -> volume.target().equals(configFile) && CONFIG.equals(volume.relativeSource()))) {
			problems.add("alertmanager: its configuration should be " + CONFIG);
		}
		List<String> webhooks = Yamls.list(compose.lab().alertmanager(), "receivers")
			.stream()
			.flatMap((receiver) -> Yamls.list(Yamls.asMap(receiver), "webhook_configs").stream())
			.map((webhook) -> String.valueOf(Yamls.asMap(webhook).get("url")))
			.toList();
		if (webhooks.isEmpty()) {
			problems.add("alertmanager-compose.yml has no webhook");
		}
		for (String webhook : webhooks) {
			URI uri = URI.create(webhook);
			if (!toolkit.name().equals(uri.getHost()) || uri.getPort() != toolkit.port()) {
				problems.add("alertmanager-compose.yml: webhook " + webhook + " is not the toolkit at " + toolkit.name()
						+ ":" + toolkit.port());
			}
		}
	}

}
