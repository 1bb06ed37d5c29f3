package dev.latencylab.toolkit.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import tools.jackson.databind.json.JsonMapper;

import dev.latencylab.toolkit.diagnosis.CauseClass;
import dev.latencylab.toolkit.diagnosis.Verdict;
import dev.latencylab.toolkit.traces.TraceFindings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report on disk: its page links the runbook the toolkit serves, and its JSON reads
 * back as it was written.
 */
class ReportStoreTests {

	@TempDir
	Path directory;

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void shouldLinkTheVerdictsRunbookToItsServedPageWithItsAnchor() throws Exception {
		ReportStore store = new ReportStore(this.directory, 5, this.json, templates());
		Report report = report(CauseClass.DB_LOCK_WAIT);

		Path page = store.save(report);

		assertThat(Files.readString(page)).contains(
				"<a id=\"runbook\" href=\"/docs/runbooks/find-the-spike.md#8-name-the-cause\">runbooks/find-the-spike.md#8-name-the-cause</a>");
		String saved = Files.readString(this.directory.resolve(report.id()).resolve("report.json"));
		assertThat(this.json.readTree(saved).path("verdict").path("runbookPage").asString())
			.isEqualTo("/docs/runbooks/find-the-spike.md#8-name-the-cause");
		assertThat(store.read(report.id())).hasValue(report);
	}

	private static Report report(CauseClass cause) {
		Instant now = Instant.parse("2026-11-30T07:00:00Z");
		Verdict verdict = new Verdict(cause.id(), cause.title(), "inventory-service", "", "", "", "", "low",
				cause.runbook(), "A summary.", List.of());
		TraceFindings traces = TraceFindings.of(List.of(), List.of());
		return new Report("20261130-070000-abcd", new Report.Trigger("on-demand", "", Map.of(), now, now),
				now.minusSeconds(600), now, now, now, verdict, traces, "zipkin", List.of(), List.of(), List.of(),
				List.of());
	}

	private static SpringTemplateEngine templates() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/");
		resolver.setSuffix(".html");
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

}
