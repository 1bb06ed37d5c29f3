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

import dev.latencylab.toolkit.database.DatabaseWindow;
import dev.latencylab.toolkit.database.Session;
import dev.latencylab.toolkit.diagnosis.CauseClass;
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

	@Test
	void shouldShowWhatTheDatabaseSaidOnThePage() throws Exception {
		ReportStore store = new ReportStore(this.directory, 5, this.json, templates());

		String page = Files.readString(store.save(report(CauseClass.DB_LOCK_WAIT)));

		assertThat(page).contains("<dd id=\"blocker\">AccessShareLock on lab.product, held by psql (pid 42)")
			.contains("<td>inventory-service</td>")
			.contains("SELECT sum(quantity) FROM lab.stock_movement WHERE sku = $1")
			.contains("<pre id=\"plan\">Seq Scan on stock_movement");
	}

	private static Report report(CauseClass cause) {
		Instant now = Instant.parse("2026-11-30T07:00:00Z");
		DatabaseWindow.LockWait wait = new DatabaseWindow.LockWait(
				new Session.Lock("relation", "AccessShareLock", "lab.product"), "inventory-service",
				"SELECT * FROM lab.product WHERE sku = $1", "psql (pid 42)", "idle in transaction",
				"LOCK TABLE lab.product", 5.2,
				List.of(new Session.Lock("relation", "AccessExclusiveLock", "lab.product")), 0, 12, 3, 4.9);
		Verdict verdict = new Verdict(cause.id(), cause.title(), "inventory-service", "", "", "", "", "low",
				cause.runbook(), "A summary.", List.of(), wait.describe(), "Seq Scan on stock_movement");
		TraceFindings traces = TraceFindings.of(List.of(), List.of());
		Report.Database database = new Report.Database(true, "", 60, List.of(wait),
				List.of(new Report.StatementRow("lab", "SELECT sum(quantity) FROM lab.stock_movement WHERE sku = $1",
						12, 60_000, 5_000, 2.5, 40_000, 12)));
		return new Report("20261130-070000-abcd", new Report.Trigger("on-demand", "", Map.of(), now, now),
				now.minusSeconds(600), now, now, now, verdict, List.of(verdict), traces, "zipkin", List.of(), List.of(),
				database, List.of(), List.of());
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
