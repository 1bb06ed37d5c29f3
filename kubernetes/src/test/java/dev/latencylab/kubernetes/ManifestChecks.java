package dev.latencylab.kubernetes;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.latencylab.checks.compose.ApplicationConfig;
import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.Yamls;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;

/**
 * The checks of the rendered manifests, each returning what is wrong as lines
 * {@code kind/name: what}, empty when all is well. The tests run them on the real
 * manifests and on copies broken on purpose.
 */
final class ManifestChecks {

	/** The pod annotation on which the OpenTelemetry Operator injects its Java agent. */
	static final String INJECT_JAVA = "instrumentation.opentelemetry.io/inject-java";

	/** The JVM options the image's entrypoint uses when compose sets none. */
	private static final Pattern DOCKERFILE_JAVA_OPTS = Pattern.compile("ENV JAVA_OPTS=\"([^\"]*)\"");

	/** The class the image's entrypoint starts. */
	private static final Pattern ENTRYPOINT_MAIN = Pattern.compile("-cp /app (\\S+)");

	/**
	 * Environment settings of compose that the cluster gets elsewhere or differently, and
	 * where.
	 */
	private static final Map<String, String> MOVED = Map.of("TOOLKIT_PROMETHEUS",
			"kube-prometheus-stack's Prometheus, not a compose service", "TOOLKIT_DOCS_DIRECTORY",
			"the repository is not in the cluster (docs/kubernetes.md)");

	private ManifestChecks() {
	}

	/**
	 * Every field of every document is one its type knows: a misspelt key would otherwise
	 * land in the model's additional properties and be ignored by the API server's older
	 * versions or rejected by newer ones.
	 */
	static List<String> unknownFields(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (HasMetadata resource : manifests.resources()) {
			if (!(resource instanceof GenericKubernetesResource)) {
				walk(resource, name(resource), problems);
			}
		}
		return problems;
	}

	/**
	 * The custom resources without a fabric8 model carry the fields their operators
	 * require.
	 */
	static List<String> customResources(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (GenericKubernetesResource resource : manifests.all(GenericKubernetesResource.class)) {
			Map<String, Object> spec = Yamls.asMap(resource.getAdditionalProperties().get("spec"));
			List<String> required = switch (resource.getApiVersion() + " " + resource.getKind()) {
				case "opentelemetry.io/v1alpha1 Instrumentation" ->
					List.of("exporter.endpoint", "sampler.type", "java.image");
				case "chaos-mesh.org/v1alpha1 PodChaos" -> List.of("action", "mode", "selector.labelSelectors");
				case "chaos-mesh.org/v1alpha1 NetworkChaos" ->
					List.of("action", "mode", "selector.labelSelectors", "delay.latency", "duration");
				case "chaos-mesh.org/v1alpha1 StressChaos" ->
					List.of("mode", "selector.labelSelectors", "stressors", "duration");
				default -> List.of();
			};
			if (required.isEmpty()) {
				problems.add(name(resource) + ": a kind no check knows (" + resource.getApiVersion() + ")");
			}
			required.stream()
				.filter((field) -> Yamls.property(spec, field) == null)
				.forEach((field) -> problems.add(name(resource) + ": no spec." + field));
		}
		return problems;
	}

	/**
	 * Each workload's selector matches its pod template, a Service selects it, and the
	 * Service's ports lead to ports of its container.
	 */
	static List<String> selectorsAndServices(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		Map<String, Map<String, String>> selectors = new LinkedHashMap<>();
		manifests.all(Deployment.class)
			.forEach((d) -> selectors.put(d.getMetadata().getName(), d.getSpec().getSelector().getMatchLabels()));
		manifests.all(StatefulSet.class)
			.forEach((s) -> selectors.put(s.getMetadata().getName(), s.getSpec().getSelector().getMatchLabels()));
		manifests.workloads().forEach((name, template) -> {
			Map<String, String> labels = template.getMetadata().getLabels();
			Map<String, String> selector = selectors.get(name);
			if (selector == null || selector.isEmpty() || !labels.entrySet().containsAll(selector.entrySet())) {
				problems.add(name + ": selector " + selector + " does not match its pod template's labels " + labels);
			}
			List<Service> services = manifests.servicesSelecting(labels);
			if (services.isEmpty()) {
				problems.add(name + ": no Service selects its pods " + labels);
			}
			Container container = template.getSpec().getContainers().get(0);
			for (Service service : services) {
				for (ServicePort port : service.getSpec().getPorts()) {
					if (containerPort(container, port.getTargetPort()).isEmpty()) {
						problems.add("Service/" + service.getMetadata().getName() + ": port " + port.getName()
								+ " targets " + port.getTargetPort().getValue() + ", which " + name
								+ "'s container does not open");
					}
				}
			}
		});
		return problems;
	}

	/**
	 * Every container asks for memory and CPU, has a memory limit no lower than its
	 * request, and the applications' limits are compose's.
	 */
	static List<String> resources(Manifests manifests, ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		manifests.workloads().forEach((name, template) -> {
			for (Container container : template.getSpec().getContainers()) {
				Map<String, Quantity> requests = Optional.ofNullable(container.getResources().getRequests())
					.orElse(Map.of());
				Map<String, Quantity> limits = Optional.ofNullable(container.getResources().getLimits())
					.orElse(Map.of());
				for (String resource : List.of("cpu", "memory")) {
					if (!requests.containsKey(resource)) {
						problems.add(name + ": no " + resource + " request");
					}
				}
				if (!limits.containsKey("memory")) {
					problems.add(name + ": no memory limit");
				}
				limits.forEach((resource, limit) -> {
					Quantity request = requests.get(resource);
					if (request != null && limit.getNumericalAmount().compareTo(request.getNumericalAmount()) < 0) {
						problems.add(name + ": " + resource + " limit " + limit + " below its request " + request);
					}
				});
				dev.latencylab.checks.compose.Service service = compose.services().get(name);
				if (service != null && service.memoryLimit() > 0 && limits.containsKey("memory")
						&& limits.get("memory").getNumericalAmount().longValue() != service.memoryLimit()) {
					problems.add(name + ": memory limit " + limits.get("memory") + " is not compose's mem_limit ("
							+ service.memoryLimit() + " bytes)");
				}
			}
		});
		return problems;
	}

	/**
	 * Each application built by compose runs here from the same module's image, on the
	 * same port, with the same environment (or its replacement), and is probed on the
	 * actuator's health groups at that port.
	 */
	static List<String> agreeWithCompose(Manifests manifests, ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		Map<String, Object> instrumentation = manifests.custom("Instrumentation")
			.stream()
			.findFirst()
			.map((resource) -> Yamls.asMap(resource.getAdditionalProperties().get("spec")))
			.orElse(Map.of());
		String imageJavaOpts = match(DOCKERFILE_JAVA_OPTS, compose.lab().dockerfile());
		for (dev.latencylab.checks.compose.Service service : compose.services().values()) {
			String name = service.name();
			Optional<Container> found = manifests.container(name);
			if (!service.isBuilt()) {
				found.ifPresent((container) -> pulled(problems, manifests, service, container));
				continue;
			}
			if (found.isEmpty()) {
				problems.add(name + ": compose runs it, no Deployment does");
				continue;
			}
			Container container = found.get();
			String artifact = service.module().substring(service.module().lastIndexOf('/') + 1);
			if (!container.getImage().startsWith("checkout-latency-lab/" + artifact + ":")) {
				problems.add(name + ": image " + container.getImage() + " is not checkout-latency-lab/" + artifact
						+ ", the image of module " + service.module());
			}
			Integer port = compose.serverPort(service);
			if (port == null || !service.containerPorts().contains(port)) {
				problems.add(name + ": compose publishes no server port");
			}
			Optional<ContainerPort> http = container.getPorts()
				.stream()
				.filter((p) -> "http".equals(p.getName()))
				.findFirst();
			if (http.isEmpty() || !Objects.equals(http.get().getContainerPort(), port)) {
				problems.add(name + ": container port http is " + http.map(ContainerPort::getContainerPort).orElse(null)
						+ ", the application listens on " + port);
			}
			ApplicationConfig config = compose.applicationConfig(service);
			if (config.property("management.server.port") != null) {
				problems.add(name + ": management.server.port is set: the probes on the server port would miss");
			}
			if ("false".equals(String.valueOf(config.property("management.endpoint.health.probes.enabled")))) {
				problems
					.add(name + ": management.endpoint.health.probes.enabled is false: no liveness or readiness group");
			}
			probe(problems, name, "readiness", container.getReadinessProbe(), "/actuator/health/readiness", container,
					port);
			probe(problems, name, "liveness", container.getLivenessProbe(), "/actuator/health/liveness", container,
					port);
			boolean injected = "true".equals(annotations(manifests, name).get(INJECT_JAVA));
			Map<String, String> composeEnv = service.environment();
			Map<String, String> env = environment(manifests, container);
			for (Map.Entry<String, String> entry : composeEnv.entrySet()) {
				String key = entry.getKey();
				String expected = entry.getValue();
				if (injected && key.startsWith("OTEL_") && !key.equals("OTEL_SERVICE_NAME")) {
					String given = instrumentationSetting(instrumentation, key);
					if (!expected.equals(given)) {
						problems.add(name + ": " + key + " is " + expected
								+ " under compose, the Instrumentation gives " + given);
					}
				}
				else if (injected && key.equals("JAVA_OPTS")) {
					if (!expected.equals(env.get("JAVA_TOOL_OPTIONS"))) {
						problems.add(name + ": JAVA_TOOL_OPTIONS is " + env.get("JAVA_TOOL_OPTIONS")
								+ ", compose's JAVA_OPTS " + expected);
					}
				}
				else if (MOVED.containsKey(key)) {
					continue;
				}
				else if (!env.containsKey(key)) {
					problems.add(name + ": no " + key + " (compose sets " + expected + ")");
				}
				else if (!expected.equals(env.get(key))) {
					problems.add(name + ": " + key + " is " + env.get(key) + ", compose sets " + expected);
				}
			}
			if (injected && !composeEnv.containsKey("JAVA_OPTS")
					&& !Objects.equals(imageJavaOpts, env.get("JAVA_TOOL_OPTIONS"))) {
				problems.add(name + ": JAVA_TOOL_OPTIONS is " + env.get("JAVA_TOOL_OPTIONS")
						+ ", the image's JAVA_OPTS (docker/Dockerfile) " + imageJavaOpts);
			}
		}
		return problems;
	}

	/**
	 * The applications compose traces get the operator's agent and only it: the pod is
	 * annotated, the container starts the JVM itself rather than through the image's
	 * entrypoint (which adds its own agent), and the Instrumentation sends to Jaeger's
	 * OTLP port with the root POM's agent version. The toolkit stays untraced.
	 */
	static List<String> agentInjection(Manifests manifests, ComposeFile compose, String agentVersion) {
		List<String> problems = new ArrayList<>();
		String entrypoint = compose.lab().read("docker/app-entrypoint.sh");
		String main = match(ENTRYPOINT_MAIN, entrypoint);
		for (dev.latencylab.checks.compose.Service service : compose.services().values()) {
			Optional<Container> found = manifests.container(service.name());
			if (!service.isBuilt() || found.isEmpty()) {
				continue;
			}
			Container container = found.get();
			boolean injected = "true".equals(annotations(manifests, service.name()).get(INJECT_JAVA));
			boolean traced = !"false".equalsIgnoreCase(service.environment().get("OTEL_JAVAAGENT_ENABLED"));
			if (traced != injected) {
				problems.add(service.name() + ": " + (traced ? "traced under compose, but its pod is not annotated "
						: "untraced under compose, but its pod is annotated ") + INJECT_JAVA);
			}
			if (injected) {
				List<String> command = Optional.ofNullable(container.getCommand()).orElse(List.of());
				List<String> line = new ArrayList<>(command);
				line.addAll(Optional.ofNullable(container.getArgs()).orElse(List.of()));
				if (command.isEmpty() || String.join(" ", command).contains("entrypoint")) {
					problems.add(service.name()
							+ ": starts through the image's entrypoint, which attaches the image's agent next to the injected one");
				}
				if (!line.contains(main)) {
					problems.add(service.name() + ": does not start " + main + " as docker/app-entrypoint.sh does");
				}
				if (String.join(" ", line).contains("-javaagent") || environment(manifests, container).values()
					.stream()
					.anyMatch((v) -> v.contains("-javaagent"))) {
					problems.add(service.name() + ": attaches an agent of its own");
				}
			}
		}
		List<GenericKubernetesResource> instrumentations = manifests.custom("Instrumentation");
		if (instrumentations.size() != 1) {
			problems.add("Instrumentation: " + instrumentations.size() + " in the namespace, the operator needs one");
			return problems;
		}
		Map<String, Object> spec = Yamls.asMap(instrumentations.get(0).getAdditionalProperties().get("spec"));
		String image = String.valueOf(Yamls.property(spec, "java.image"));
		if (!image.endsWith(":" + agentVersion)) {
			problems.add("Instrumentation: java.image " + image + " is not the root POM's agent " + agentVersion);
		}
		URI endpoint = URI.create(String.valueOf(Yamls.property(spec, "exporter.endpoint")));
		boolean jaegerOtlp = manifests.find(Service.class, endpoint.getHost())
			.filter((s) -> s.getSpec().getSelector().get("app.kubernetes.io/name").equals("jaeger"))
			.filter((s) -> s.getSpec().getPorts().stream().anyMatch((p) -> p.getPort() == endpoint.getPort()))
			.isPresent();
		if (!jaegerOtlp || endpoint.getPort() != 4318) {
			problems.add("Instrumentation: exporter.endpoint " + endpoint
					+ " is not Jaeger's OTLP HTTP port (4318) through its Service");
		}
		return problems;
	}

	/**
	 * Every container that reads a flags file has it from a ConfigMap mounted as a folder
	 * (a subPath mount is never updated), under the file's name, with the repository's
	 * flags.
	 */
	static List<String> flags(Manifests manifests, String repositoryFlags) {
		List<String> problems = new ArrayList<>();
		manifests.workloads().forEach((name, template) -> {
			Container container = template.getSpec().getContainers().get(0);
			String path = environment(manifests, container).get("LAB_FLAGS_PATH");
			if (path == null) {
				return;
			}
			Path file = Path.of(path);
			Optional<VolumeMount> mount = container.getVolumeMounts()
				.stream()
				.filter((m) -> Path.of(m.getMountPath()).equals(file.getParent()))
				.findFirst();
			if (mount.isEmpty()) {
				problems.add(name + ": nothing is mounted at " + file.getParent() + " for LAB_FLAGS_PATH " + path);
				return;
			}
			if (mount.get().getSubPath() != null) {
				problems.add(name + ": the flags are mounted with a subPath, which the kubelet never updates");
			}
			Optional<Volume> volume = template.getSpec()
				.getVolumes()
				.stream()
				.filter((v) -> v.getName().equals(mount.get().getName()))
				.findFirst();
			Optional<ConfigMap> configMap = volume.filter((v) -> v.getConfigMap() != null)
				.flatMap((v) -> manifests.find(ConfigMap.class, v.getConfigMap().getName()));
			String content = configMap.map((c) -> c.getData().get(file.getFileName().toString())).orElse(null);
			if (content == null) {
				problems.add(name + ": no ConfigMap with " + file.getFileName() + " is mounted at " + file.getParent());
			}
			else if (!content.equals(repositoryFlags)) {
				problems.add(name + ": its flags differ from flags/flags.json");
			}
		});
		return problems;
	}

	/**
	 * Every application compose's Prometheus scrapes has a ServiceMonitor on its
	 * Service's port to the application, at /actuator/prometheus, as often as compose.
	 */
	static List<String> scraping(Manifests manifests, ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		String interval = String.valueOf(Yamls.property(compose.lab().prometheus(), "global.scrape_interval"));
		for (dev.latencylab.checks.compose.Service service : compose.services().values()) {
			if (!compose.isLabApplication(service)) {
				continue;
			}
			String name = service.name();
			Optional<Service> target = manifests.find(Service.class, name);
			Optional<ServiceMonitor> monitor = manifests.all(ServiceMonitor.class)
				.stream()
				.filter((m) -> target.isPresent() && target.get()
					.getMetadata()
					.getLabels()
					.entrySet()
					.containsAll(m.getSpec().getSelector().getMatchLabels().entrySet()))
				.findFirst();
			if (target.isEmpty() || monitor.isEmpty()) {
				problems.add(name + ": no ServiceMonitor selects its Service");
				continue;
			}
			Integer port = compose.serverPort(service);
			for (Endpoint endpoint : monitor.get().getSpec().getEndpoints()) {
				boolean toApplication = target.get()
					.getSpec()
					.getPorts()
					.stream()
					.anyMatch((p) -> p.getName().equals(endpoint.getPort()) && Objects.equals(p.getPort(), port));
				if (!toApplication) {
					problems.add("ServiceMonitor/" + monitor.get().getMetadata().getName() + ": port "
							+ endpoint.getPort() + " is not the Service's port to " + port);
				}
				if (!"/actuator/prometheus".equals(endpoint.getPath())) {
					problems.add("ServiceMonitor/" + monitor.get().getMetadata().getName() + ": path "
							+ endpoint.getPath() + ", the metrics are at /actuator/prometheus");
				}
				if (!interval.equals(endpoint.getInterval())) {
					problems.add("ServiceMonitor/" + monitor.get().getMetadata().getName() + ": interval "
							+ endpoint.getInterval() + ", compose scrapes every " + interval);
				}
			}
		}
		return problems;
	}

	/**
	 * Alertmanager posts to the toolkit's Service, port and path, as under compose.
	 */
	static List<String> alertsToToolkit(Manifests manifests, String namespace, ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		Object composeUrl = Yamls
			.asMap(Yamls
				.list(Yamls.asMap(Yamls.list(compose.lab().alertmanager(), "receivers").get(0)), "webhook_configs")
				.get(0))
			.get("url");
		URI expected = URI.create(String.valueOf(composeUrl));
		List<AlertmanagerConfig> configs = manifests.all(AlertmanagerConfig.class);
		if (configs.isEmpty()) {
			problems.add("AlertmanagerConfig: none, so no alert reaches the toolkit");
		}
		for (AlertmanagerConfig config : configs) {
			config.getSpec().getReceivers().forEach((receiver) -> receiver.getWebhookConfigs().forEach((webhook) -> {
				URI url = URI.create(webhook.getUrl());
				if (!url.getHost().equals(expected.getHost() + "." + namespace + ".svc")
						|| url.getPort() != expected.getPort() || !url.getPath().equals(expected.getPath())) {
					problems.add("AlertmanagerConfig/" + config.getMetadata().getName() + ": posts to " + url
							+ ", not the toolkit's " + expected.getHost() + "." + namespace + ".svc:"
							+ expected.getPort() + expected.getPath());
				}
			}));
		}
		return problems;
	}

	/**
	 * Each experiment selects pods that the base runs, in its namespace.
	 */
	static List<String> chaosTargets(Manifests chaos, Manifests base, String namespace) {
		List<String> problems = new ArrayList<>();
		for (GenericKubernetesResource experiment : chaos.all(GenericKubernetesResource.class)) {
			Map<String, Object> selector = Yamls
				.asMap(Yamls.property(Yamls.asMap(experiment.getAdditionalProperties().get("spec")), "selector"));
			if (!List.of(namespace).equals(selector.get("namespaces"))) {
				problems.add(name(experiment) + ": selects in " + selector.get("namespaces") + ", the lab runs in "
						+ namespace);
			}
			Map<String, Object> labels = Yamls.asMap(selector.get("labelSelectors"));
			boolean matches = base.workloads()
				.values()
				.stream()
				.map((template) -> template.getMetadata().getLabels())
				.anyMatch((podLabels) -> podLabels.entrySet().containsAll(stringMap(labels).entrySet()));
			if (labels.isEmpty() || !matches) {
				problems.add(name(experiment) + ": its labelSelectors " + labels + " select no pod of the base");
			}
		}
		return problems;
	}

	static Map<String, String> environment(Manifests manifests, Container container) {
		Map<String, String> env = new LinkedHashMap<>();
		for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
			if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
				String secret = variable.getValueFrom().getSecretKeyRef().getName();
				String key = variable.getValueFrom().getSecretKeyRef().getKey();
				env.put(variable.getName(),
						manifests.find(Secret.class, secret)
							.map((s) -> Optional.ofNullable(s.getStringData()).orElse(Map.of()).get(key))
							.orElse(null));
			}
			else {
				env.put(variable.getName(), Optional.ofNullable(variable.getValue()).orElse(""));
			}
		}
		return env;
	}

	/**
	 * A pulled image: the same as compose's, with the same command and environment.
	 */
	private static void pulled(List<String> problems, Manifests manifests,
			dev.latencylab.checks.compose.Service service, Container container) {
		String name = service.name();
		String image = String.valueOf(service.definition().get("image"));
		if (!image.equals(container.getImage())) {
			problems.add(name + ": image " + container.getImage() + ", compose runs " + image);
		}
		if (!service.command().isEmpty() && !service.command().equals(container.getArgs())) {
			problems.add(name + ": args " + container.getArgs() + ", compose's command " + service.command());
		}
		Map<String, String> env = environment(manifests, container);
		service.environment().forEach((key, expected) -> {
			if (!expected.equals(env.get(key))) {
				problems.add(name + ": " + key + " is " + env.get(key) + ", compose sets " + expected);
			}
		});
	}

	private static String instrumentationSetting(Map<String, Object> spec, String key) {
		if (key.equals("OTEL_EXPORTER_OTLP_ENDPOINT")) {
			return String.valueOf(Yamls.property(spec, "exporter.endpoint"));
		}
		if (key.equals("OTEL_RESOURCE_ATTRIBUTES")) {
			// the value differs on purpose (deployment.environment=kubernetes): the keys
			// agree
			Map<String, Object> attributes = Yamls.asMap(Yamls.property(spec, "resource.resourceAttributes"));
			return String.join(",", attributes.keySet().stream().map((k) -> k + "=compose").toList());
		}
		return Yamls.list(spec, "env")
			.stream()
			.map(Yamls::asMap)
			.filter((variable) -> key.equals(variable.get("name")))
			.map((variable) -> String.valueOf(variable.get("value")))
			.findFirst()
			.orElse(null);
	}

	private static void probe(List<String> problems, String name, String kind, Probe probe, String path,
			Container container, Integer port) {
		HTTPGetAction get = (probe != null) ? probe.getHttpGet() : null;
		if (get == null) {
			problems.add(name + ": no HTTP " + kind + " probe");
			return;
		}
		Optional<ContainerPort> target = containerPort(container, get.getPort());
		if (!path.equals(get.getPath()) || target.isEmpty() || !Objects.equals(target.get().getContainerPort(), port)) {
			problems.add(name + ": " + kind + " probe asks " + get.getPath() + " on " + get.getPort().getValue()
					+ ", the group is " + path + " on " + port);
		}
	}

	private static Map<String, String> annotations(Manifests manifests, String workload) {
		PodTemplateSpec template = manifests.workloads().get(workload);
		return (template != null && template.getMetadata().getAnnotations() != null)
				? template.getMetadata().getAnnotations() : Map.of();
	}

	private static Optional<ContainerPort> containerPort(Container container, IntOrString port) {
		return container.getPorts()
			.stream()
			.filter((p) -> (port.getStrVal() != null) ? port.getStrVal().equals(p.getName())
					: Objects.equals(port.getIntVal(), p.getContainerPort()))
			.findFirst();
	}

	private static Map<String, String> stringMap(Map<String, Object> map) {
		Map<String, String> strings = new LinkedHashMap<>();
		map.forEach((key, value) -> strings.put(key, String.valueOf(value)));
		return strings;
	}

	private static String match(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? matcher.group(1) : null;
	}

	static String name(HasMetadata resource) {
		return resource.getKind() + "/" + resource.getMetadata().getName();
	}

	private static void walk(Object value, String where, List<String> problems) {
		if (value == null) {
			return;
		}
		if (value instanceof Collection<?> items) {
			items.forEach((item) -> walk(item, where, problems));
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.values().forEach((item) -> walk(item, where, problems));
			return;
		}
		if (!value.getClass().getName().startsWith("io.fabric8.")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
					|| Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			try {
				Object field = getter.invoke(value);
				if (getter.getName().equals("getAdditionalProperties")) {
					if (field instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
						problems.add(where + ": " + value.getClass().getSimpleName() + " has no field "
								+ String.join(", ", unknown.keySet().stream().map(String::valueOf).toList()));
					}
				}
				else {
					walk(field, where, problems);
				}
			}
			catch (ReflectiveOperationException ex) {
				problems.add(where + ": cannot read " + getter.getName() + ": " + ex);
			}
		}
	}

}
