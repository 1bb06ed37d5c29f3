package dev.latencylab.checks.compose;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.latencylab.checks.LabRepository;
import dev.latencylab.checks.compose.rules.ComposeRules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every compose rule passes the real docker-compose.yml and rejects, under its own name,
 * a small compose file that breaks it ({@link BadSnippets}).
 */
class ComposeRulesTest {

	private static LabFiles lab;

	@BeforeAll
	static void load() {
		lab = LabFiles.read(LabRepository.root());
	}

	static List<ComposeRule> rules() {
		return ComposeRules.all();
	}

	static List<BadSnippets.Bad> badSnippets() {
		return BadSnippets.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rules")
	void shouldPassTheRealComposeFile(ComposeRule rule) {
		ComposeFile compose = ComposeFile.read(lab);

		List<Violation> violations = rule.check(compose);

		assertThat(violations).as("%s: %s", rule.name(), rule.requirement()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badSnippets")
	void shouldRejectABadSnippetUnderItsName(BadSnippets.Bad bad) {
		ComposeFile compose = ComposeFile.parse(bad.snippet(), bad.files().apply(lab));

		List<Violation> violations = bad.rule().check(compose);

		assertThat(violations).as("%s on%n%s", bad.rule().name(), bad.snippet())
			.isNotEmpty()
			.allSatisfy((violation) -> assertThat(violation.toString()).startsWith(bad.rule().name() + ": "))
			.anySatisfy((violation) -> assertThat(violation.problem()).contains(bad.expected()));
	}

	@Test
	void shouldNameEveryRuleOnceStateItsRequirementAndShowItBiting() {
		List<ComposeRule> rules = ComposeRules.all();
		Set<String> bitten = BadSnippets.all().stream().map((bad) -> bad.rule().name()).collect(Collectors.toSet());

		assertThat(rules).extracting(ComposeRule::name)
			.doesNotHaveDuplicates()
			.allSatisfy((name) -> assertThat(name).matches("[a-z0-9]+(-[a-z0-9]+)+"))
			.containsExactlyInAnyOrderElementsOf(bitten);
		assertThat(rules).extracting(ComposeRule::requirement)
			.allSatisfy((requirement) -> assertThat(requirement).isNotBlank().doesNotContain("\n"));
		assertThat(rules).allSatisfy((rule) -> assertThat(rule.name()).as("the name of %s", rule.getClass())
			.isEqualTo(kebabCase(rule.getClass().getSimpleName())));
	}

	@Test
	void shouldListEveryRuleWithItsRequirementInTheReadme() {
		String readme = Yamls.read(lab.root().resolve("observability/checks/README.md"));

		assertThat(ComposeRules.all()).allSatisfy(
				(rule) -> assertThat(readme).contains("| `" + rule.name() + "` | " + rule.requirement() + " |"));
	}

	private static String kebabCase(String className) {
		return className.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
			.replaceAll("([A-Z])([A-Z][a-z])", "$1-$2")
			.toLowerCase(Locale.ROOT);
	}

}
