package dev.latencylab.checks.compose.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.latencylab.checks.compose.ApplicationConfig;
import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.LabFiles;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Yamls;

/**
 * The diagnosis toolkit reaches what it diagnoses: every application its application.yml
 * profiles, each under its own compose name at the port its container listens on (with
 * the admin token their profiler asks for), Prometheus and Jaeger.
 */
public final class ToolkitReachesTheLab extends ToolkitRule {

	@Override
	public String name() {
		return "toolkit-reaches-the-lab";
	}

	@Override
	public String requirement() {
		return "the toolkit's toolkit.services, TOOLKIT_PROMETHEUS and TOOLKIT_TRACES_URL are compose services' "
				+ "ports, and it has LAB_ADMIN_TOKEN";
	}

	@Override
	void check(ComposeFile compose, Toolkit toolkit, List<String> problems) {
		String name = toolkit.name();
		Map<String, String> env = toolkit.env();
		if (!env.containsKey("LAB_ADMIN_TOKEN")) {
			problems.add(name + ": LAB_ADMIN_TOKEN is not passed on; the services' profiler needs it");
		}
		Map<String, Object> json = ApplicationConfig.applicationJson(env);
		if (env.containsKey("SPRING_APPLICATION_JSON") && json.isEmpty()) {
			problems.add(name + ": SPRING_APPLICATION_JSON is not a JSON object");
		}
		Map<String, String> profiled = Yamls.flatten("", Yamls.asMap(Yamls.property(json, "toolkit.services")));
		Set<String> expected = Yamls
			.flatten("",
					Yamls.asMap(compose.lab().applicationConfig(LabFiles.TOOLKIT_MODULE).property("toolkit.services")))
			.keySet();
		if (!profiled.keySet().equals(expected)) {
			problems.add(name + ": SPRING_APPLICATION_JSON toolkit.services names " + profiled.keySet()
					+ ", its application.yml " + expected);
		}
		Map<String, Service> services = compose.services();
		profiled.forEach((application, url) -> {
			Service target = services.get(application);
			String reachable = (target != null) ? "http://" + application + ":" + compose.serverPort(target) : null;
			if (!url.equals(reachable)) {
				problems.add(name + ": toolkit.services." + application + " is " + url + ", should be "
						+ ((reachable != null) ? reachable : "a compose service"));
			}
		});
		Environments.expect(problems, name, env, "TOOLKIT_PROMETHEUS", "http://prometheus:" + Toolkit.PROMETHEUS_PORT);
		Environments.expect(problems, name, env, "TOOLKIT_TRACES_BACKEND", "jaeger");
		Environments.expect(problems, name, env, "TOOLKIT_TRACES_URL", "http://jaeger:" + Toolkit.JAEGER_QUERY_PORT);
	}

}
