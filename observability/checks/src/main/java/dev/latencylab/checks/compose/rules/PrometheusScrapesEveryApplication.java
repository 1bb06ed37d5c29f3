package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;
import dev.latencylab.checks.compose.Yamls;

/**
 * prometheus-compose.yml scrapes every lab application (job = its
 * {@code spring.application.name}, as docs/telemetry.md and the dashboards expect) at the
 * compose service's port, itself and Alertmanager, every five seconds, and nothing that
 * is not a compose service.
 */
public final class PrometheusScrapesEveryApplication implements ComposeRule {

	@Override
	public String name() {
		return "prometheus-scrapes-every-application";
	}

	@Override
	public String requirement() {
		return "prometheus-compose.yml scrapes every 5s each lab application as its spring.application.name, "
				+ "itself and alertmanager, and only compose services";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		Map<String, Object> config = compose.lab().prometheus();
		Map<String, Object> global = Yamls.map(config, "global");
		for (String interval : List.of("scrape_interval", "evaluation_interval")) {
			if (!"5s".equals(global.get(interval))) {
				problems.add("global." + interval + " should be 5s, is " + global.get(interval));
			}
		}
		Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
		for (Object job : Yamls.list(config, "scrape_configs")) {
			Map<String, Object> scrape = Yamls.asMap(job);
			if (jobs.put(String.valueOf(scrape.get("job_name")), scrape) != null) {
				problems.add("job " + scrape.get("job_name") + " appears twice");
			}
		}
		for (String job : List.of("prometheus", "alertmanager")) {
			if (!jobs.containsKey(job)) {
				problems.add("no scrape job " + job);
			}
		}
		Map<String, Service> services = compose.services();
		for (Service service : services.values()) {
			if (!compose.isLabApplication(service)) {
				continue;
			}
			String application = String.valueOf(compose.applicationConfig(service).property("spring.application.name"));
			Map<String, Object> job = jobs.get(application);
			if (job == null) {
				problems.add("no scrape job for application " + application);
				continue;
			}
			if (!"/actuator/prometheus".equals(job.get("metrics_path"))) {
				problems.add("job " + application + ": metrics_path should be /actuator/prometheus");
			}
			String expected = service.name() + ":" + compose.serverPort(service);
			if (!targets(job).equals(List.of(expected))) {
				problems.add("job " + application + ": targets " + targets(job) + " should be [" + expected + "]");
			}
		}
		jobs.forEach((job, scrape) -> {
			for (String target : targets(scrape)) {
				String host = target.substring(0, Math.max(target.lastIndexOf(':'), 0));
				if (!host.equals("localhost") && !services.containsKey(host)) {
					problems.add("job " + job + ": target " + target + " is no compose service");
				}
			}
		});
		return violations(problems);
	}

	/**
	 * @param job a scrape job, or an Alertmanager of {@code alerting.alertmanagers}
	 * @return the targets of its static configurations
	 */
	static List<String> targets(Map<String, Object> job) {
		return Yamls.list(job, "static_configs")
			.stream()
			.flatMap((config) -> Yamls.stringList(Yamls.asMap(config).get("targets")).stream())
			.toList();
	}

}
