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
	 * @return the annotation queries of {@code annotations.list}
	 */
	List<JsonNode> annotations() {
		return List.copyOf(this.json.path("annotations").path("list").values());
	}

	/**
	 * The PromQL of each annotation, as a query of a panel named after the annotation, so
	 * that it goes through the same checks as the panels' queries. Grafana 12 keeps it in
	 * {@code target.expr}; older dashboards have it in {@code expr}.
	 * @return the annotations' queries that have an expression
	 */
	List<DashboardQueries.Query> annotationQueries() {
		List<DashboardQueries.Query> queries = new ArrayList<>();
		for (JsonNode annotation : annotations()) {
			String expr = annotationExpr(annotation);
			if (!expr.isBlank()) {
				queries.add(new DashboardQueries.Query(uid(), "annotation " + annotation.path("name").asString(""),
						annotation.path("target").path("refId").asString("Anno"), expr, DashboardQueries.prepare(expr),
						false));
			}
		}
		return queries;
	}

	/**
	 * @return the panels' queries and then the annotations'
	 */
	List<DashboardQueries.Query> queries() {
		List<DashboardQueries.Query> queries = new ArrayList<>(DashboardQueries.queries(this.json));
		queries.addAll(annotationQueries());
		return queries;
	}

	static String annotationExpr(JsonNode annotation) {
		String expr = annotation.path("target").path("expr").asString("");
		return expr.isBlank() ? annotation.path("expr").asString("") : expr;
	}

	/**
	 * @return every datasource reference: of each panel, of each of its targets that
	 * names one, of each template variable that names one, and of each annotation
	 */
	List<JsonNode> datasourceReferences() {
		List<JsonNode> references = new ArrayList<>();
		annotations().forEach((annotation) -> references.add(annotation.path("datasource")));
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
