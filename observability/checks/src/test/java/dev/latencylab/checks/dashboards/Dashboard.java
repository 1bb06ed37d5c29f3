package dev.latencylab.checks.dashboards;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One dashboard file of {@code observability/grafana/dashboards}.
 *
 * @param file the file
 * @param json its JSON tree
 */
record Dashboard(Path file, JsonNode json) {

	String uid() {
		return this.json.path("uid").asString("");
	}

	/**
	 * @return every datasource reference: of each panel, of each of its targets that
	 * names one, and of each template variable that names one
	 */
	List<JsonNode> datasourceReferences() {
		List<JsonNode> references = new ArrayList<>();
		for (JsonNode panel : DashboardQueries.panels(this.json)) {
			references.add(panel.path("datasource"));
			panel.path("targets")
				.values()
				.stream()
				.filter((target) -> target.has("datasource"))
				.forEach((target) -> references.add(target.path("datasource")));
		}
		this.json.path("templating")
			.path("list")
			.values()
			.stream()
			.filter((variable) -> variable.has("datasource"))
			.forEach((variable) -> references.add(variable.path("datasource")));
		return references;
	}

}
