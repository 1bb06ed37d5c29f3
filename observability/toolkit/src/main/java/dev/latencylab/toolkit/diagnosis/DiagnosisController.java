package dev.latencylab.toolkit.diagnosis;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.latencylab.kit.ProblemException;
import dev.latencylab.toolkit.reports.Report;

/**
 * Diagnosis on demand ({@code toolkit diagnose --since 10m}), behind the admin token: it
 * profiles a service of the lab.
 */
@RestController
class DiagnosisController {

	private static final Duration LONGEST = Duration.ofHours(6);

	private final Diagnoser diagnoser;

	private final Clock clock;

	private final Executor background;

	DiagnosisController(Diagnoser diagnoser, Clock clock, Executor background) {
		this.diagnoser = diagnoser;
		this.clock = clock;
		this.background = background;
	}

	/**
	 * Diagnoses the last stretch of time now; the live capture is added to the report in
	 * the background.
	 * @param request {@code {"since": "10m"}}
	 * @return the report
	 */
	@PostMapping("/admin/diagnoses")
	ResponseEntity<Report> diagnose(@RequestBody DiagnoseRequest request) {
		Duration since = since(request.since());
		Instant now = this.clock.instant();
		Report report = this.diagnoser.diagnose(new Report.Trigger("on-demand", "", Map.of(), now, now),
				now.minus(since));
		this.background.execute(() -> this.diagnoser.profileLive(report));
		return ResponseEntity.created(URI.create("/reports/" + report.id())).body(report);
	}

	private static Duration since(String text) {
		Duration since;
		try {
			since = DurationStyle.detectAndParse((text != null) ? text : "");
		}
		catch (IllegalArgumentException ex) {
			throw invalid("'since' is a duration such as 10m or 90s; got '" + text + "'.");
		}
		if (since.toSeconds() < 10 || since.compareTo(LONGEST) > 0) {
			throw invalid("'since' is from 10s to 6h; got " + text + ".");
		}
		return since;
	}

	private static ProblemException invalid(String detail) {
		return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
	}

	/**
	 * @param since how far back the window opens, e.g. {@code 10m}
	 */
	record DiagnoseRequest(String since) {
	}

}
