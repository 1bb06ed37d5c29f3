package dev.latencylab.checks.compose.rules;

import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Violation;

/**
 * Every rule docker-compose.yml must keep, in the order a reader meets them: the file's
 * shape, its services' start-up, the applications as the local lab runs them, their
 * telemetry, the image they are built into, and the diagnosis toolkit.
 */
public final class ComposeRules {

	private static final List<ComposeRule> ALL = List.of(
			// the file
			new KnownTopLevelKeys(), new ServicesDeclared(), new ImageOrBuild(), new ImagesPinned(),
			new VariablesHaveDefaults(), new BindMountSourcesExist(), new NamedVolumesDeclared(),
			new BuildIsAMavenModule(),
			// start-up
			new PublishedPortsUnique(), new HealthcheckOnEveryService(), new MemoryLimitOnEveryService(),
			new DependsOnKnownServices(), new DependsOnWaitsForHealthy(), new DependsOnWithoutCycles(),
			// the applications
			new ServerPortPublished(), new HealthcheckAsksActuator(), new ServerAddressReachable(),
			new LoopbackSettingsOverridden(), new UrlsReachDependencies(), new BuiltApplicationsAreTheLab(),
			// telemetry
			new TracesToJaeger(), new JaegerReceivesTraces(), new PrometheusScrapesEveryApplication(),
			new PrometheusAlertsThroughAlertmanager(), new PrometheusMountsItsConfig(),
			new GrafanaProvisioningMounted(), new GrafanaDatasourcesAreServices(),
			// the image
			new DockerfileRuntimeStage(), new DockerfileBuildsTheModule(), new DockerfileCopiesWhatExists(),
			new HealthcheckToolsInstalled(),
			// the diagnosis toolkit
			new ToolkitUntraced(), new ToolkitReachesTheLab(), new ToolkitLinksToPublishedPorts(), new ToolkitMounts(),
			new AlertmanagerPostsToToolkit(), new DocsUrlFollowsToolkitPort());

	private ComposeRules() {
	}

	/**
	 * @return every rule
	 */
	public static List<ComposeRule> all() {
		return ALL;
	}

	/**
	 * @param compose a compose file
	 * @param rules the rules to check it against
	 * @return what breaks them, rule by rule
	 */
	public static List<Violation> check(ComposeFile compose, List<ComposeRule> rules) {
		return rules.stream().flatMap((rule) -> rule.check(compose).stream()).toList();
	}

}
