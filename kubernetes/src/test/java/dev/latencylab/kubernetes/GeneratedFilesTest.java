package dev.latencylab.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.latencylab.checks.compose.Yamls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedFilesTest {

	@Test
	void shouldHaveEveryGeneratedFileAsTheGeneratorWritesIt() {
		Map<String, String> expected = GeneratedFiles.expected(Lab.ROOT);

		expected.forEach((path, content) -> assertThat(Yamls.read(Lab.ROOT.resolve(path)))
			.as("%s is out of date: regenerate it from the repository root with%n  %s", path, GeneratedFiles.REGENERATE)
			.isEqualTo(content));
	}

	@Test
	void shouldRenderAPrometheusRuleWithExactlyTheGroupsOfTheRulesFiles() {
		Manifests base = Manifests.parse(Kustomize.render(Lab.KUBERNETES.resolve("base")));

		List<Map<String, Object>> rules = base.yaml()
			.stream()
			.filter((document) -> "PrometheusRule".equals(document.get("kind")))
			.toList();

		assertThat(rules).hasSize(1);
		assertThat(Yamls.property(rules.get(0), "spec.groups")).isEqualTo(GeneratedFiles.ruleGroups(Lab.ROOT));
		assertThat(base.resources().stream().filter((r) -> r.getKind().equals("PrometheusRule")))
			.allMatch((r) -> r instanceof io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule);
	}

	@Test
	void shouldNoticeARuleChangedInTheRulesFiles(@TempDir Path copy) throws IOException {
		Path rules = copy.resolve(GeneratedFiles.RULES);
		Files.createDirectories(rules);
		for (Path file : Files.list(Lab.ROOT.resolve(GeneratedFiles.RULES)).toList()) {
			Files.copy(file, rules.resolve(file.getFileName()));
		}
		Path alerts = rules.resolve("alerts.yml");
		Files.writeString(alerts, Files.readString(alerts).replace("> 2\n", "> 3\n"));

		String regenerated = GeneratedFiles.prometheusRule(copy);

		assertThat(regenerated).isNotEqualTo(Yamls.read(Lab.ROOT.resolve(GeneratedFiles.PROMETHEUS_RULE)));
		assertThat(GeneratedFiles.ruleGroups(copy)).isNotEqualTo(GeneratedFiles.ruleGroups(Lab.ROOT));
	}

}
