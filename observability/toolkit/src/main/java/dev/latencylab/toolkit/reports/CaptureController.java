package dev.latencylab.toolkit.reports;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientResponseException;

import dev.latencylab.kit.ProblemException;
import dev.latencylab.toolkit.profiles.Profile;
import dev.latencylab.toolkit.profiles.ServiceProfiler;

/**
 * A live capture of one service through the toolkit ({@code toolkit capture SERVICE}),
 * behind the admin token: the flame graphs are kept next to the reports.
 */
@RestController
class CaptureController {

	private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

	private final ServiceProfiler profiler;

	private final ReportStore store;

	private final Predicate<String> applicationFrames;

	CaptureController(ServiceProfiler profiler, ReportStore store, Predicate<String> applicationFrames) {
		this.profiler = profiler;
		this.store = store;
		this.applicationFrames = applicationFrames;
	}

	@PostMapping("/admin/captures")
	ResponseEntity<CaptureResult> capture(@RequestBody CaptureRequest request) {
		if (request.service() == null || !this.profiler.knows(request.service())) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "unknown-service", "Unknown service",
					"No service '" + request.service() + "' in this lab.")
				.with("service", String.valueOf(request.service()));
		}
		List<String> modes = (request.modes() != null && !request.modes().isEmpty()) ? request.modes()
				: List.of("wall");
		int seconds = (request.seconds() != null) ? request.seconds() : 15;
		Profile profile;
		try {
			profile = this.profiler.live(request.service(), modes, seconds);
		}
		catch (RestClientResponseException ex) {
			// the service's own problem (a bad mode or duration, a capture running)
			throw new ProblemException(HttpStatusCode.valueOf(ex.getStatusCode().value()), "capture-refused",
					"Capture refused", request.service() + " answered: " + ex.getResponseBodyAsString());
		}
		String id = "capture-" + ID.format(profile.startedAt()) + "-" + request.service();
		Map<String, String> pages = new LinkedHashMap<>();
		Map<String, List<String>> top = new LinkedHashMap<>();
		profile.modes().forEach((mode, result) -> {
			String file = mode + ".html";
			this.store.attach(id, file, result.flameGraph());
			pages.put(mode, "/reports/" + id + "/" + file);
			top.put(mode,
					result.stacks()
						.gainsOver(List.of(), this.applicationFrames)
						.stream()
						.limit(5)
						.map((gain) -> "%s %.0f%%".formatted(gain.frame(), 100 * gain.share()))
						.toList());
		});
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new CaptureResult(request.service(), profile.captureId(), profile.seconds(), pages, top,
					this.store.directory().resolve(id).toAbsolutePath().toString()));
	}

	/**
	 * @param service the service to profile
	 * @param modes {@code cpu}, {@code wall}, {@code lock}, {@code alloc}
	 * @param seconds how long
	 */
	record CaptureRequest(String service, List<String> modes, Integer seconds) {
	}

	/**
	 * @param service the profiled service
	 * @param captureId the capture's id on the service
	 * @param seconds how long it sampled
	 * @param flameGraphs per mode, its page on the toolkit
	 * @param topFrames per mode, the services' own frames that carry the most
	 * @param folder where the pages are on disk
	 */
	record CaptureResult(String service, String captureId, int seconds, Map<String, String> flameGraphs,
			Map<String, List<String>> topFrames, String folder) {
	}

}
