package dev.latencylab.checks.compose.rules;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;
import dev.latencylab.checks.compose.Yamls;

/**
 * Grafana's provisioned datasources (Prometheus, Jaeger, Alertmanager) are compose
 * services, at a port their container listens on.
 */
public final class GrafanaDatasourcesAreServices implements ComposeRule {

	@Override
	public String name() {
		return "grafana-datasources-are-services";
	}

	@Override
	public String requirement() {
		return "every datasource url in " + GrafanaProvisioningMounted.PROVISIONING
				+ "/datasources is a compose service's container port";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		Map<String, Service> services = compose.services();
		Path directory = compose.root().resolve(GrafanaProvisioningMounted.PROVISIONING).resolve("datasources");
		for (Path file : ProvisioningFiles.of(directory)) {
			for (Object datasource : Yamls.list(Yamls.load(Yamls.read(file)), "datasources")) {
				Object url = Yamls.asMap(datasource).get("url");
				if (url == null) {
					continue;
				}
				URI uri = URI.create(String.valueOf(url));
				if (!services.containsKey(uri.getHost())
						|| !services.get(uri.getHost()).containerPorts().contains(uri.getPort())) {
					problems.add(file.getFileName() + ": datasource url " + url + " is no compose service port");
				}
			}
		}
		return violations(problems);
	}

}
