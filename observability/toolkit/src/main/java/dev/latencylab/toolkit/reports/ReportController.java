package dev.latencylab.toolkit.reports;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.latencylab.kit.ProblemException;

/**
 * The reports, for people (pages) and programs (JSON). Reading them changes nothing, so
 * no token is needed.
 */
@Controller
class ReportController {

	private final ReportStore store;

	ReportController(ReportStore store) {
		this.store = store;
	}

	@GetMapping("/")
	ResponseEntity<Void> home() {
		return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/reports")).build();
	}

	@GetMapping("/reports")
	String list(Model model) {
		model.addAttribute("reports", this.store.all());
		return "reports";
	}

	@GetMapping("/reports/{id}")
	ResponseEntity<Void> page(@PathVariable String id) {
		// the page links its flame graphs relative to itself, as it does on disk
		this.store.file(id, "report.html").orElseThrow(() -> noSuchReport(id));
		return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/reports/" + id + "/report.html")).build();
	}

	@GetMapping("/reports/{id}/{file}")
	ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String file) throws IOException {
		Path path = this.store.file(id, file).orElseThrow(() -> noSuchReport(id + "/" + file));
		MediaType type = file.endsWith(".json") ? MediaType.APPLICATION_JSON : MediaType.TEXT_HTML;
		return ResponseEntity.ok().contentType(type).body(Files.readAllBytes(path));
	}

	@GetMapping("/api/reports")
	@ResponseBody
	List<ReportSummary> summaries() {
		return this.store.all().stream().map(ReportSummary::of).toList();
	}

	@GetMapping("/api/reports/{id}")
	@ResponseBody
	Report report(@PathVariable String id) {
		return this.store.read(id).orElseThrow(() -> noSuchReport(id));
	}

	private static ProblemException noSuchReport(String what) {
		return new ProblemException(HttpStatus.NOT_FOUND, "no-such-report", "No such report",
				"No report " + what + "; GET /api/reports lists them.");
	}

}
