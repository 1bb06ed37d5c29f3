package dev.latencylab.checks.compose.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.latencylab.checks.compose.ApplicationConfig;
import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Yamls;

/**
 * Every URL a built application is given leads somewhere: to a port another container
 * listens on, which is started first; a URL on localhost is a link for the host's
 * browser, to a published port.
 */
public final class UrlsReachDependencies extends BuiltServiceRule {

	private static final Pattern URL = Pattern
		.compile("^(?:jdbc:)?[a-z][a-z0-9+.-]*://([A-Za-z0-9_.-]+):(\\d+)(?:[/?].*)?$");

	@Override
	public String name() {
		return "urls-reach-dependencies";
	}

	@Override
	public String requirement() {
		return "every URL given to an application names a container port of a service it depends on, "
				+ "or a published port on localhost";
	}

	@Override
	void check(ComposeFile compose, Service service, List<String> problems) {
		Map<String, Service> services = compose.services();
		Map<String, String> env = service.environment();
		Map<String, String> settings = new LinkedHashMap<>(env);
		Yamls.flatten("", ApplicationConfig.applicationJson(env))
			.forEach((key, value) -> settings.put("SPRING_APPLICATION_JSON " + key, value));
		settings.forEach((variable, value) -> {
			Matcher url = URL.matcher(value);
			if (url.matches()) {
				checkUrl(service, variable, value, url.group(1), Integer.parseInt(url.group(2)), services, problems);
			}
		});
	}

	private static void checkUrl(Service service, String variable, String value, String host, int target,
			Map<String, Service> services, List<String> problems) {
		String name = service.name();
		if (host.equals("localhost") || host.equals("127.0.0.1")) {
			if (services.values()
				.stream()
				.flatMap((other) -> other.ports().stream())
				.noneMatch((published) -> Integer.valueOf(target).equals(published.published()))) {
				problems.add(name + ": " + variable + "=" + value + " but no service publishes " + target);
			}
		}
		else if (!services.containsKey(host)) {
			problems.add(name + ": " + variable + "=" + value + " names no compose service");
		}
		else if (!services.get(host).containerPorts().contains(target)) {
			problems.add(name + ": " + variable + "=" + value + " but " + host + " listens on "
					+ services.get(host).containerPorts());
		}
		else if (!service.dependsOn().containsKey(host)) {
			problems.add(name + ": " + variable + " uses " + host + " but does not depend on it");
		}
	}

}
